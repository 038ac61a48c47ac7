// Event sources from the statement store (kashf/store/store.h), read through the Store interface
// (no SQL here). One event per entity; its record is the entity id.
//   fir:     Case records (police FIRs and registers, FIA and customs cases), dated by openedDate;
//            dimensions district, offence and agency (the record's `agency`, else its dataset).
//   payment: Payment records, dated by `date` (else `startDate`); dimensions payment_channel (the
//            record's `channel`, lower case: bank, wallet, hawala, cash ...), agency (the dataset that
//            recorded it) and district (the payer's record's `district`, when it has one).
//   travel:  Travel (journey) records, dated by `date` (else `startDate`); each leg's country as an
//            ISO alpha-3 code (a place without a country: its name): origin_country, transit_country,
//            destination_country, and route ("PAK>IRN>TUR>GRC", as victims' routes; a missing end is
//            "unknown"); district (the traveller's record's `district`) and agency (the dataset).
//            The store does not keep the order of a property's values: several transit countries
//            are listed in byte order ("IRN>TUR", also in the route).
// An entity with several values of a property (rows of one FIR that disagree) takes the smallest:
// the earliest date, the first value in byte order. Records without a full date (none, "2024",
// "2024-03") are not counted; a warning says how many.
#pragma once
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/store/store.h"
#include "kashf/warning/event.h"

namespace kashf::warning {

Result<std::vector<Event>> FirEvents(Store& store, std::vector<std::string>& warnings);
Result<std::vector<Event>> PaymentEvents(Store& store, std::vector<std::string>& warnings);
Result<std::vector<Event>> TravelEvents(Store& store, std::vector<std::string>& warnings);

}  // namespace kashf::warning
