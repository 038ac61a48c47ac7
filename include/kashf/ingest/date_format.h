// Dates written in a layout the mapping declares (`format: "%Y%m%d"`), read into ISO 8601 with the
// precision the layout carries: "%Y" gives "1987", "%m/%Y" gives "1987-03", "%d-%b-%y" gives
// "1992-03-15". Directives follow POSIX strptime:
//   %Y  four-digit year (1000-2200)          %y  two-digit year: 69-99 -> 19xx, 00-68 -> 20xx (POSIX)
//   %m  month 1-12 (one or two digits)        %d  day of the month (one or two digits)
//   %b  English month name, abbreviated or full, any case ("Mar", "march"); %B is the same
//   %%  a literal '%'; a space matches one or more blanks; any other character matches itself.
// A numeric directive directly followed by another numeric directive ("%Y%m%d") reads a fixed
// width (4 for %Y, 2 for the others); otherwise %m and %d read one or two digits.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

class DateFormat {
 public:
  // Checks the layout: every directive known, a year present, a day only with a month.
  // The error quotes the layout and says what is wrong with it.
  static Result<DateFormat> Parse(std::string_view layout);

  // Reads `raw` (surrounding blanks ignored) as a date in this layout into *iso. The error says why
  // the value does not fit (without quoting it: it may identify a person).
  Status Read(std::string_view raw, std::string* iso) const;

  const std::string& layout() const { return layout_; }

 private:
  enum class Kind { kLiteral, kBlank, kYear4, kYear2, kMonth, kMonthName, kDay };
  struct Token {
    Kind kind;
    char literal = 0;
    bool fixed_width = false;
  };
  std::string layout_;
  std::vector<Token> tokens_;
  bool has_month_ = false, has_day_ = false;
};

// Reads `raw` with the first of `formats` that fits it. Returns the index of that format in
// *matched; the error (no format fits) names the layouts tried, or the reason of the only one.
Status ReadDateWithFormats(const std::vector<DateFormat>& formats, std::string_view raw, std::string* iso,
                           size_t* matched);

}  // namespace kashf
