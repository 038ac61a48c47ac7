#include "kashf/resolve/identifiers.h"

#include <string>

#include "kashf/model/model.h"
#include "kashf/model/values.h"

namespace kashf::resolve {
namespace {

std::string Digits(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

uint64_t ToNumber(const std::string& digits) {
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

}  // namespace

std::optional<NationalId> ParseNationalId(std::string_view raw) {
  for (char c : raw)
    if (!((c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '.')) return std::nullopt;
  std::string d = Digits(raw);
  if (d.size() < 4 || d.size() > 19) return std::nullopt;
  NationalId id;
  id.digits = ToNumber(d);
  id.length = static_cast<uint8_t>(d.size());
  if (d.size() == 13) {
    id.checks_ok = d[0] != '0';
    id.sex_digit = d[12] - '0';
  }
  return id;
}

std::optional<uint64_t> ParsePhoneE164(std::string_view raw, std::string_view default_country_code) {
  std::string t(raw);
  size_t first = t.find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  const bool plus = t[first] == '+';
  std::string d = Digits(t);
  if (!plus) {
    if (d.rfind("00", 0) == 0) d = d.substr(2);                                                  // 00CC...
    else if (d.size() >= 2 && d[0] == '0') d = std::string(default_country_code) + d.substr(1);  // trunk 0
    else if (d.size() == 10 && d[0] == '3' && default_country_code == "92") d = "92" + d;        // 3XX... mobile
  }
  if (d.size() < 7 || d.size() > 15) return std::nullopt;
  return ToNumber(d);
}

std::optional<PartialDate> ParsePartialDate(std::string_view raw) {
  std::string canonical;
  if (!ValidateValue(PropertyType::kDate, raw, &canonical).ok()) return std::nullopt;
  PartialDate d;
  d.year = std::stoi(canonical.substr(0, 4));
  if (canonical.size() >= 7) d.month = std::stoi(canonical.substr(5, 2));
  if (canonical.size() >= 10) d.day = std::stoi(canonical.substr(8, 2));
  return d;
}

int DigitEdits(uint64_t a, uint64_t b, int length) {
  if (a == b) return 0;
  int da[20], db[20];
  for (int i = 0; i < length; ++i) {
    da[i] = static_cast<int>(a % 10);
    db[i] = static_cast<int>(b % 10);
    a /= 10;
    b /= 10;
  }
  if (a != b) return 99;  // more digits than `length`
  int edits = 0;
  for (int i = 0; i < length; ++i) {
    if (da[i] == db[i]) continue;
    if (i + 1 < length && da[i] == db[i + 1] && da[i + 1] == db[i]) {
      ++edits;
      ++i;
      continue;
    }
    ++edits;
  }
  return edits;
}

}  // namespace kashf::resolve
