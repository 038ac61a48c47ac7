#include "kashf/ingest/date_format.h"

#include <array>
#include <cctype>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf {
namespace {

constexpr int kMinYear = 1000, kMaxYear = 2200;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBlank(char c) { return c == ' ' || c == '\t'; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[static_cast<size_t>(m - 1)];
}

// Reads between min_digits and max_digits digits at s[*pos]; -1 if fewer than min_digits.
int ReadNumber(std::string_view s, size_t* pos, size_t min_digits, size_t max_digits) {
  int v = 0;
  size_t n = 0;
  while (n < max_digits && *pos < s.size() && IsDigit(s[*pos])) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
    ++n;
  }
  return n >= min_digits ? v : -1;
}

// Month 1-12 from an English month name (full or its first three letters) at s[*pos]; -1 if none.
int ReadMonthName(std::string_view s, size_t* pos) {
  static constexpr std::array<const char*, 12> kNames = {"january",   "february", "march",    "april",
                                                         "may",       "june",     "july",     "august",
                                                         "september", "october",  "november", "december"};
  size_t end = *pos;
  while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
  const std::string word = ToLowerAscii(s.substr(*pos, end - *pos));
  for (size_t i = 0; i < kNames.size(); ++i) {
    const std::string_view full = kNames[i];
    if (word == full || (word.size() == 3 && full.substr(0, 3) == word) || (word == "sept" && i == 8)) {
      *pos = end;
      return static_cast<int>(i) + 1;
    }
  }
  return -1;
}

}  // namespace

Result<DateFormat> DateFormat::Parse(std::string_view layout) {
  DateFormat f;
  f.layout_ = std::string(layout);
  bool has_year = false;
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument(fmt::format("date format '{}' {}", layout, why));
  };
  for (size_t i = 0; i < layout.size(); ++i) {
    const char c = layout[i];
    if (c != '%') {
      if (IsBlank(c)) {
        if (f.tokens_.empty() || f.tokens_.back().kind != Kind::kBlank) f.tokens_.push_back({Kind::kBlank});
      } else {
        f.tokens_.push_back({Kind::kLiteral, c});
      }
      continue;
    }
    if (++i == layout.size()) return bad("ends with a lone '%'");
    Kind kind;
    switch (layout[i]) {
      case 'Y': kind = Kind::kYear4; break;
      case 'y': kind = Kind::kYear2; break;
      case 'm': kind = Kind::kMonth; break;
      case 'b':
      case 'B': kind = Kind::kMonthName; break;
      case 'd': kind = Kind::kDay; break;
      case '%': f.tokens_.push_back({Kind::kLiteral, '%'}); continue;
      default:
        return bad(fmt::format("has an unknown directive '%{}'; use %Y %y %m %d %b (and %% for '%')", layout[i]));
    }
    const bool is_year = kind == Kind::kYear4 || kind == Kind::kYear2;
    const bool is_month = kind == Kind::kMonth || kind == Kind::kMonthName;
    if ((is_year && has_year) || (is_month && f.has_month_) || (kind == Kind::kDay && f.has_day_))
      return bad("names the same part of the date twice");
    has_year = has_year || is_year;
    f.has_month_ = f.has_month_ || is_month;
    f.has_day_ = f.has_day_ || kind == Kind::kDay;
    f.tokens_.push_back({kind});
  }
  if (!has_year) return bad("has no year (%Y or %y)");
  if (f.has_day_ && !f.has_month_) return bad("has a day (%d) but no month (%m or %b)");
  auto numeric = [](Kind k) { return k == Kind::kYear4 || k == Kind::kYear2 || k == Kind::kMonth || k == Kind::kDay; };
  for (size_t i = 0; i + 1 < f.tokens_.size(); ++i)
    if (numeric(f.tokens_[i].kind) && numeric(f.tokens_[i + 1].kind))
      f.tokens_[i].fixed_width = f.tokens_[i + 1].fixed_width = true;
  return f;
}

Status DateFormat::Read(std::string_view raw, std::string* iso) const {
  const std::string_view s = Trim(raw);
  const auto no_fit = [&] {
    return Status::InvalidArgument(fmt::format("does not fit the date format '{}'", layout_));
  };
  int y = -1, m = -1, d = -1;
  size_t pos = 0;
  for (const Token& t : tokens_) {
    switch (t.kind) {
      case Kind::kLiteral:
        if (pos >= s.size() || s[pos] != t.literal) return no_fit();
        ++pos;
        break;
      case Kind::kBlank:
        if (pos >= s.size() || !IsBlank(s[pos])) return no_fit();
        while (pos < s.size() && IsBlank(s[pos])) ++pos;
        break;
      case Kind::kYear4: y = ReadNumber(s, &pos, 4, 4); break;
      case Kind::kYear2:
        y = ReadNumber(s, &pos, 2, 2);
        if (y >= 0) y += y >= 69 ? 1900 : 2000;
        break;
      case Kind::kMonth: m = ReadNumber(s, &pos, t.fixed_width ? 2 : 1, 2); break;
      case Kind::kMonthName: m = ReadMonthName(s, &pos); break;
      case Kind::kDay: d = ReadNumber(s, &pos, t.fixed_width ? 2 : 1, 2); break;
    }
    if ((t.kind == Kind::kYear4 || t.kind == Kind::kYear2) && y < 0) return no_fit();
    if ((t.kind == Kind::kMonth || t.kind == Kind::kMonthName) && m < 0) return no_fit();
    if (t.kind == Kind::kDay && d < 0) return no_fit();
  }
  if (pos != s.size()) return no_fit();
  if (y < kMinYear || y > kMaxYear)
    return Status::InvalidArgument(fmt::format("year out of range {}-{}", kMinYear, kMaxYear));
  if (has_month_ && (m < 1 || m > 12)) return Status::InvalidArgument("month out of range 1-12");
  if (has_day_ && (d < 1 || d > DaysInMonth(y, m))) return Status::InvalidArgument("day does not exist in that month");
  if (has_day_) *iso = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  else if (has_month_) *iso = fmt::format("{:04}-{:02}", y, m);
  else *iso = fmt::format("{:04}", y);
  return Status::Ok();
}

Status ReadDateWithFormats(const std::vector<DateFormat>& formats, std::string_view raw, std::string* iso,
                           size_t* matched) {
  if (formats.empty()) return Status::InvalidArgument("no date format declared");
  Status first;
  for (size_t i = 0; i < formats.size(); ++i) {
    Status st = formats[i].Read(raw, iso);
    if (st.ok()) {
      *matched = i;
      return st;
    }
    if (i == 0) first = st;
  }
  if (formats.size() == 1) return first;
  std::vector<std::string> layouts;
  for (const auto& f : formats) layouts.push_back("'" + f.layout() + "'");
  return Status::InvalidArgument(fmt::format("fits none of the date formats {}", Join(layouts, ", ")));
}

}  // namespace kashf
