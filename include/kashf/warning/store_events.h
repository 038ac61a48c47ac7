// Event sources from the statement store (kashf/store/store.h), read through the Store interface
// (no SQL here). One event per entity; its record is the entity id.
//   fir:     Case records (police FIRs and registers, FIA and customs cases), dated by openedDate;
//            dimensions district, offence and agency (the record's `agency`, else its dataset).
//   payment: Payment records, dated by `date` (else `startDate`); dimensions payment_channel (the
//            record's `channel`, lower case: bank, wallet, hawala, cash ...), agency (the dataset that
//            recorded it) and district (the payer's record's `district`, when it has one).
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

}  // namespace kashf::warning
