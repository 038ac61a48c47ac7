#include "kashf/model/values.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf {
namespace {

std::string CollapseSpaces(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool space = false;
  for (char c : Trim(raw)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string DigitsOnly(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

Status ValidateDate(std::string_view raw, std::string* out) {
  std::string s(Trim(raw));
  // Drop a time part ("2021-03-04T10:00:00", "2021-03-04 10:00").
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);
  std::vector<std::string> parts;
  char sep = 0;
  for (char c : {'-', '/', '.'})
    if (s.find(c) != std::string::npos) {
      sep = c;
      break;
    }
  parts = sep ? Split(s, sep) : std::vector<std::string>{s};
  for (const auto& p : parts)
    if (!AllDigits(p)) return Status::InvalidArgument("not a date (expected YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or YYYY)");
  int y = 0, m = 0, d = 0;
  if (parts.size() == 1 && parts[0].size() == 4) {
    y = std::stoi(parts[0]);
  } else if (parts.size() == 2 && parts[0].size() == 4) {
    y = std::stoi(parts[0]);
    m = std::stoi(parts[1]);
  } else if (parts.size() == 3 && parts[0].size() == 4) {
    y = std::stoi(parts[0]);
    m = std::stoi(parts[1]);
    d = std::stoi(parts[2]);
  } else if (parts.size() == 3 && parts[2].size() == 4 && parts[0].size() <= 2) {
    d = std::stoi(parts[0]);
    m = std::stoi(parts[1]);
    y = std::stoi(parts[2]);  // day first, as in Pakistan
  } else {
    return Status::InvalidArgument("not a date (expected YYYY-MM-DD, DD/MM/YYYY, YYYY-MM or YYYY)");
  }
  if (y < 1000 || y > 2200) return Status::InvalidArgument("year out of range 1000-2200");
  if (parts.size() >= 2 && (m < 1 || m > 12)) return Status::InvalidArgument("month out of range 1-12");
  if (parts.size() == 3 && (d < 1 || d > DaysInMonth(y, m)))
    return Status::InvalidArgument("day does not exist in that month");
  char buf[48];
  if (parts.size() == 1) snprintf(buf, sizeof buf, "%04d", y);
  else if (parts.size() == 2) snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  *out = buf;
  return Status::Ok();
}

Status ValidateCnic(std::string_view raw, std::string* out) {
  std::string t(Trim(raw));
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == '-' || c == ' '))
      return Status::InvalidArgument("CNIC may contain only digits and dashes (NNNNN-NNNNNNN-N)");
  std::string d = DigitsOnly(t);
  if (d.size() != 13)
    return Status::InvalidArgument("CNIC must have 13 digits (NNNNN-NNNNNNN-N), found " + std::to_string(d.size()));
  *out = d.substr(0, 5) + "-" + d.substr(5, 7) + "-" + d.substr(12, 1);
  return Status::Ok();
}

Status ValidatePhone(std::string_view raw, std::string* out) {
  std::string t(Trim(raw));
  bool plus = !t.empty() && t[0] == '+';
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ' || c == '(' || c == ')'))
      return Status::InvalidArgument("phone number may contain only digits, spaces, dashes, brackets and a leading +");
  std::string d = DigitsOnly(t);
  if (plus) {
    if (d.size() < 8 || d.size() > 15)
      return Status::InvalidArgument("international phone number must have 8-15 digits");
    *out = "+" + d;
    return Status::Ok();
  }
  if (StartsWith(d, "0092")) d = d.substr(2);
  if (d.size() == 12 && StartsWith(d, "92")) {
    *out = "+" + d;
    return Status::Ok();
  }
  if (d.size() == 11 && d[0] == '0') {
    *out = "+92" + d.substr(1);
    return Status::Ok();
  }  // 03XX-NNNNNNN, 051-...
  if (d.size() == 10 && d[0] == '3') {
    *out = "+92" + d;
    return Status::Ok();
  }  // 3XX-NNNNNNN
  return Status::InvalidArgument("phone number is neither +CC... nor a Pakistani 03XX-NNNNNNN number");
}

Status ValidateAmount(std::string_view raw, std::string* out) {
  std::string t = ToLowerAscii(Trim(raw));
  for (const char* prefix : {"pkr", "rs.", "rs"})
    if (StartsWith(t, prefix)) {
      t = std::string(Trim(std::string_view(t).substr(strlen(prefix))));
      break;
    }
  std::string clean;
  bool dot = false, digit = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == ',' || c == '_' || c == ' ') continue;
    if (c == '-' && clean.empty()) {
      clean.push_back(c);
      continue;
    }
    if (c == '.' && !dot) {
      dot = true;
      clean.push_back(c);
      continue;
    }
    if (c >= '0' && c <= '9') {
      digit = true;
      clean.push_back(c);
      continue;
    }
    return Status::InvalidArgument("not a number (digits, optional decimal point and thousands separators)");
  }
  if (!digit) return Status::InvalidArgument("not a number");
  // Strip trailing zeros of the fraction so "100.50" and "100.5" compare equal.
  if (dot) {
    while (clean.back() == '0') clean.pop_back();
    if (clean.back() == '.') clean.pop_back();
  }
  *out = clean;
  return Status::Ok();
}

struct CountryTable {
  std::unordered_map<std::string, std::string> to_alpha2;  // lower-case name/alpha2/alpha3/alias -> alpha2
  std::unordered_map<std::string, std::string> alpha3;     // alpha2 -> upper-case alpha3
};

const CountryTable& Countries() {
  static CountryTable table;
  static std::once_flag once;
  std::call_once(once, [] {
    std::ifstream in(DataPath("data/reference/countries.tsv"));
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      auto f = Split(line, '\t');
      if (f.size() < 3) continue;
      table.to_alpha2[f[0]] = f[0];
      table.to_alpha2[f[1]] = f[0];
      table.to_alpha2[ToLowerAscii(f[2])] = f[0];
      std::string code = f[1];
      for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      table.alpha3[f[0]] = code;
    }
    std::ifstream al(DataPath("data/reference/country-aliases.tsv"));
    std::getline(al, line);
    while (std::getline(al, line)) {
      auto f = Split(line, '\t');
      if (f.size() >= 2) table.to_alpha2[f[0]] = f[1];
    }
  });
  return table;
}

Status ValidateCountry(std::string_view raw, std::string* out) {
  std::string key = ToLowerAscii(CollapseSpaces(raw));
  const auto& t = Countries().to_alpha2;
  auto it = t.find(key);
  if (it == t.end())
    return Status::InvalidArgument(
        "unknown country (use an ISO 3166 code or English name; aliases in data/reference/country-aliases.tsv)");
  *out = it->second;
  return Status::Ok();
}

Status ValidateGender(std::string_view raw, std::string* out) {
  std::string g = ToLowerAscii(Trim(raw));
  if (g == "m" || g == "male" || g == "man" || g == "boy") *out = "male";
  else if (g == "f" || g == "female" || g == "woman" || g == "girl") *out = "female";
  else if (g == "x" || g == "other" || g == "transgender" || g == "khawaja sira") *out = "other";
  else return Status::InvalidArgument("gender must be male/female/other (or M/F/X)");
  return Status::Ok();
}

}  // namespace

std::string CountryAlpha3(std::string_view alpha2) {
  const auto& t = Countries().alpha3;
  auto it = t.find(std::string(alpha2));
  return it == t.end() ? std::string() : it->second;
}

Status ValidateValue(PropertyType type, std::string_view raw, std::string* out) {
  switch (type) {
    case PropertyType::kDate: return ValidateDate(raw, out);
    case PropertyType::kCnic: return ValidateCnic(raw, out);
    case PropertyType::kPhone: return ValidatePhone(raw, out);
    case PropertyType::kAmount:
    case PropertyType::kNumber: return ValidateAmount(raw, out);
    case PropertyType::kCountry: return ValidateCountry(raw, out);
    case PropertyType::kGender: return ValidateGender(raw, out);
    case PropertyType::kEmail: {
      std::string e = ToLowerAscii(Trim(raw));
      if (std::count(e.begin(), e.end(), '@') != 1 || e.front() == '@' || e.back() == '@')
        return Status::InvalidArgument("not an e-mail address");
      *out = e;
      return Status::Ok();
    }
    default: {
      *out = CollapseSpaces(raw);
      if (out->empty()) return Status::InvalidArgument("value is blank");
      return Status::Ok();
    }
  }
}

}  // namespace kashf
