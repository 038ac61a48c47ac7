// Early warning, input side: an Event is one dated record (a seizure, a victim case, a payment, a
// civil-society report ...) reduced to what the series need: its day, the record it came from, and
// its values on the breakdown dimensions ("district" -> "Lahore", "calibre" -> "9x19mm" ...).
// Event sources read the registries (src/warning/*_events.cc); nothing here knows SQL.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kashf::warning {

// A dimension an event may carry. Series can be filtered and broken down by any of them; an event
// that lacks a dimension is counted under the value "unknown".
//   district, province, offence, firearm_type, calibre, make, seizure_place, route, origin_country,
//   transit_country, destination_country, victim_sex, age_band, exploitation_type, payment_channel,
//   agency, source. route and transit_country list countries in order, separated by '>'.
struct Event {
  int64_t day = 0;     // days since 1970-01-01 (civil calendar, UTC)
  std::string record;  // the record behind it: "firearm-event:123", "case:case-000042", an entity id
  std::string source;  // one of EventSourceNames()
  std::map<std::string, std::string> dims;

  // The value on `dimension`, or "unknown".
  const std::string& Value(const std::string& dimension) const;
  // The values on `dimension`: one, except transit_country, whose countries ("IRN>TUR") are each one
  // (a journey passes through each: the new-category rules look at every one).
  std::vector<std::string> Values(const std::string& dimension) const;
};

// The event sources a series may name (the `source` dimension): seizure, victim, report, fir, payment,
// travel.
const std::vector<std::string>& EventSourceNames();

// Days since 1970-01-01 for "YYYY-MM-DD"; -1 if malformed or not a real date.
int64_t ParseDay(const std::string& iso_date);
// "YYYY-MM-DD" for a day number.
std::string FormatDay(int64_t day);

}  // namespace kashf::warning
