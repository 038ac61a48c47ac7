#include "noise.h"

#include <fmt/format.h>

namespace kashf::sim {

std::string LatinName(const ReferenceData& ref, const std::vector<size_t>& tokens, double variant_rate, Rng& rng) {
  std::string out;
  for (size_t t : tokens) {
    const auto& latin = ref.tokens[t].latin;
    size_t pick = 0;
    if (latin.size() > 1 && rng.Chance(variant_rate)) pick = 1 + rng.Below(latin.size() - 1);
    if (!out.empty()) out += ' ';
    out += latin[pick];
  }
  return out;
}

std::string UrduName(const ReferenceData& ref, const std::vector<size_t>& tokens) {
  std::string out;
  for (size_t t : tokens) {
    if (!out.empty()) out += ' ';
    out += ref.tokens[t].urdu;
  }
  return out;
}

std::string CnicWithTypo(const std::string& digits, CnicTypo typo, Rng& rng) {
  std::string d = digits;
  size_t pos = 1 + rng.Below(d.size() - 2);  // never the province digit; pos+1 < size
  switch (typo) {
    case CnicTypo::kNone: break;
    case CnicTypo::kWrongDigit:
      d[pos] = static_cast<char>('0' + (d[pos] - '0' + 1 + static_cast<int>(rng.Below(9))) % 10);
      break;
    case CnicTypo::kTransposed:
      if (d[pos] == d[pos + 1]) d[pos + 1] = static_cast<char>('0' + (d[pos] - '0' + 1) % 10);
      else std::swap(d[pos], d[pos + 1]);
      break;
    case CnicTypo::kDropped: d.erase(pos, 1); break;
  }
  return d;
}

std::string WriteCnic(const std::string& digits, double no_dash_rate, double typo_rate, Rng& rng) {
  std::string d = digits;
  if (rng.Chance(typo_rate)) d = CnicWithTypo(digits, static_cast<CnicTypo>(1 + rng.Below(3)), rng);
  if (rng.Chance(no_dash_rate) || d.size() != 13) return d;
  return d.substr(0, 5) + "-" + d.substr(5, 7) + "-" + d.substr(12);
}

std::string WritePhone(const std::string& national, double typo_rate, Rng& rng) {
  std::string n = national;
  if (rng.Chance(typo_rate)) {
    size_t pos = 3 + rng.Below(n.size() - 3);
    n[pos] = static_cast<char>('0' + (n[pos] - '0' + 1 + static_cast<int>(rng.Below(9))) % 10);
  }
  std::string op = n.substr(0, 3), sub = n.substr(3);
  uint64_t f = rng.Below(100);
  if (f < 50) return "0" + op + "-" + sub;
  if (f < 70) return "0" + n;
  if (f < 85) return "+92 " + op + " " + sub;
  if (f < 95) return "92" + n;
  return "+92-" + op + "-" + sub;
}

int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::string FormatDate(int64_t days, char layout) {
  // Inverse of DaysFromCivil (same source).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  switch (layout) {
    case 'D': return fmt::format("{:02d}/{:02d}/{}", d, m, y);
    case 'H': return fmt::format("{:02d}-{:02d}-{}", d, m, y);
    case 'P': return fmt::format("{:02d}.{:02d}.{}", d, m, y);
    default: return fmt::format("{}-{:02d}-{:02d}", y, m, d);
  }
}

std::string ObliterateSerial(const std::string& serial, Rng& rng) {
  std::string s = serial;
  int64_t n = rng.Between(1, 3);
  for (int64_t k = 0; k < n; ++k) s[rng.Below(s.size())] = '?';
  return s;
}

}  // namespace kashf::sim
