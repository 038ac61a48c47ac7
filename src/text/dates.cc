// Dates: numeric day-first forms (12/03/2024, 12-03-2024, 12.03.24; Pakistani usage is day first),
// ISO 2024-03-12, and month names of text-months.tsv in English, Roman Urdu and Urdu script
// ("12 March 2024", "12th Mar, 2024", "March 12, 2024", "12 مارچ 2024", "March 2024").
// Every date is checked by ValidateValue(kDate) (real day of a real month) and written ISO 8601
// with its precision ("2024-03-12", "2024-03"). A two-digit year yy is 20yy when yy < 50, else 19yy.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "kashf/core/text.h"
#include "kashf/model/values.h"
#include "scan.h"

namespace kashf::text {
namespace {

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::optional<std::string> Canonical(int year, int month, int day) {
  std::string raw =
      day ? fmt::format("{:04d}-{:02d}-{:02d}", year, month, day) : fmt::format("{:04d}-{:02d}", year, month);
  std::string out;
  if (!ValidateValue(PropertyType::kDate, raw, &out).ok()) return std::nullopt;
  return out;
}

int FullYear(std::string_view digits) {
  const int y = ToInt(digits);
  if (digits.size() == 4) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

// The day in token i: 1-2 digits, or with an ordinal suffix glued ("12th"); 0 if none.
int DayAt(const TokenisedText& t, size_t i) {
  std::string_view v = t.View(i);
  size_t n = 0;
  while (n < v.size() && v[n] >= '0' && v[n] <= '9') ++n;
  if (n == 0 || n > 2) return 0;
  const std::string suffix = ToLowerAscii(v.substr(n));
  if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return 0;
  const int d = ToInt(v.substr(0, n));
  return d >= 1 && d <= 31 ? d : 0;
}

bool IsYear(const TokenisedText& t, size_t i) {
  return i < t.size() && t[i].digits && t[i].end - t[i].begin == 4 && !t[i].line_before;
}

// d/m/y or y-m-d written without spaces: tokens i .. i+4. Returns the canonical date.
std::optional<std::string> NumericAt(const Scan& s, size_t i) {
  const auto& t = s.tokens;
  if (i + 4 >= t.size()) return std::nullopt;
  for (size_t k = i + 1; k <= i + 4; ++k)
    if (t[k].space_before || t[k].line_before) return std::nullopt;
  const char sep = t.text()[t[i + 1].begin];
  if (!(t.Is(i + 1, '/') || t.Is(i + 1, '-') || t.Is(i + 1, '.')) || !t.Is(i + 3, sep)) return std::nullopt;
  if (!t[i].digits || !t[i + 2].digits || !t[i + 4].digits) return std::nullopt;
  // The date must not be the middle of a longer number such as 12-03-2024-55.
  if (i + 5 < t.size() && !t[i + 5].space_before && (t.Is(i + 5, sep) || t[i + 5].word)) return std::nullopt;
  const auto a = t.View(i), m = t.View(i + 2), c = t.View(i + 4);
  if (m.size() > 2) return std::nullopt;
  if (a.size() == 4 && c.size() <= 2) return Canonical(ToInt(a), ToInt(m), ToInt(c));
  if (a.size() <= 2 && (c.size() == 4 || c.size() == 2)) return Canonical(FullYear(c), ToInt(m), ToInt(a));
  return std::nullopt;
}

// A date from token `first` to the year at token `y` (a comma before the year is skipped): emits it
// and returns the last token, or 0 when there is no valid date there.
size_t EmitWithYear(Scan& s, size_t first, size_t y, int month, int day) {
  const auto& t = s.tokens;
  if (t.Is(y, ',')) ++y;
  if (!IsYear(t, y) || !s.Free(first, y)) return 0;
  auto d = Canonical(ToInt(t.View(y)), month, day);
  if (!d) return 0;
  s.Emit(SelectorKind::kDate, first, y, *d);
  return y;
}

}  // namespace

void ExtractDates(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (s.claimed[i]) continue;
    if (t[i].digits) {
      if (i > 0 && !t[i].space_before && (t.Is(i - 1, '-') || t.Is(i - 1, '/') || t.Is(i - 1, '.'))) {
        // part of a longer number such as 0300-12-03-2024: not a date start
      } else if (auto d = NumericAt(s, i); d && s.Free(i, i + 4)) {
        s.Emit(SelectorKind::kDate, i, i + 4, *d);
        i += 4;
        continue;
      }
    }
    // 12 March 2024 / 12th Mar, 2024
    if (const int day = DayAt(t, i); day && i + 1 < t.size()) {
      if (auto m = s.lex.months.LongestAt(t, i + 1); m && !t[i + 1].line_before) {
        if (const size_t last = EmitWithYear(s, i, m->last + 1, m->payload, day)) {
          i = last;
          continue;
        }
      }
    }
    // March 12, 2024 / March 2024
    if (auto m = s.lex.months.LongestAt(t, i)) {
      const size_t j = m->last + 1;
      if (j >= t.size() || t[j].line_before) continue;
      const int day = IsYear(t, j) ? 0 : DayAt(t, j);
      if (const size_t last = EmitWithYear(s, i, day ? j + 1 : j, m->payload, day)) i = last;
    }
  }
}

}  // namespace kashf::text
