// Identifier and date normalisers for comparison: national identity numbers, phone numbers (E.164)
// and dates with partial precision, as compact integers.
// Values in the store are already canonical (see kashf/model/values.h); these functions also accept
// raw text (invalid values kept at ingest with `invalid: keep`) and say when a value fails its checks.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace kashf::resolve {

// A national identity number as its digits. For a 13-digit CNIC (NNNNN-NNNNNNN-N) `checks_ok`
// also requires a plausible leading region digit (1-9, never 0); `sex_digit` is the last digit
// (odd: male, even: female, by NADRA convention). Other lengths (4-20 digits) are kept as numbers
// without checks, so identity numbers of other countries still compare.
struct NationalId {
  uint64_t digits = 0;
  uint8_t length = 0;  // number of digits
  bool checks_ok = false;
  int sex_digit = -1;  // 0-9 for 13-digit CNICs, else -1
};
std::optional<NationalId> ParseNationalId(std::string_view raw);

// A phone number in E.164 as an integer (country code + national number, no '+'), e.g.
// "0300-1234567" -> 923001234567. `default_country_code` is applied to numbers written with a
// national trunk prefix 0. nullopt when the text has fewer than 7 or more than 15 digits.
std::optional<uint64_t> ParsePhoneE164(std::string_view raw, std::string_view default_country_code = "92");

// A date with partial precision: "1985", "1985-03", "1985-03-04" (also DD/MM/YYYY).
// month/day 0 mean "unknown".
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;
  bool known() const { return year != 0; }
  int precision() const { return !year ? 0 : !month ? 1 : !day ? 2 : 3; }  // 0 none, 1 year, 2 month, 3 day
};
std::optional<PartialDate> ParsePartialDate(std::string_view raw);

// Number of positions at which two equal-length digit strings differ, with one adjacent
// transposition counted as a single edit (a common keying error). Numbers of different lengths
// return 99.
int DigitEdits(uint64_t a, uint64_t b, int length);

}  // namespace kashf::resolve
