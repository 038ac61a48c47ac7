// Canonical forms of property values, checked at ingest.
// Contract: on success `out` holds the canonical form; on failure the Status says what is wrong
// with the value in words a data clerk understands (without echoing the value itself, which may
// identify a person).
#pragma once
#include <string>
#include <string_view>

#include "kashf/core/status.h"
#include "kashf/model/model.h"

namespace kashf {

// Canonicalises `raw` as a value of `type`:
//  date: ISO 8601 with partial precision kept: "2021", "2021-03", "2021-03-04"; years 1000-2200
//        (accepts YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY, YYYY-MM, YYYY)
//  cnic: "NNNNN-NNNNNNN-N" (13 digits with or without dashes)
//  phone: E.164 "+923001234567" (Pakistani 03XX..., 92..., 0092..., or any +CC number)
//  amount / number: plain decimal, thousands separators and "Rs"/"PKR" prefixes removed
//  country: ISO 3166-1 alpha-2 lower case for common names and codes ("Pakistan", "PAK", "pk")
//  gender: "male" | "female" | "other"
//  email: lower-cased, must contain one '@'
//  name/string/text/identifier/entity/url: trimmed, inner whitespace collapsed
// Empty input is never valid here; the caller skips empty cells.
Status ValidateValue(PropertyType type, std::string_view raw, std::string* out);

// The ISO 3166-1 alpha-3 code, upper case ("PAK"), of a canonical country value ("pk"); "" if unknown.
std::string CountryAlpha3(std::string_view alpha2);

}  // namespace kashf
