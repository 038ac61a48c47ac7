// A value built from several columns of one row: `"{given_name} {surname}"`,
// `"{street_number} {address_1}, {suburb} {postcode}"`. Text between the braces names a column;
// the rest is written as it stands ("{{" and "}}" write a brace).
// Empty parts collapse: a column whose value is empty is left out together with the text that
// joins it to its neighbour, so "{a}, {b}, {c}" with b empty gives "a, c" and with a empty "b, c";
// the text before the first column and after the last is kept only around a non-empty value, and
// a template whose columns are all empty gives "" (the property is then not set).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

class ValueTemplate {
 public:
  // Checks the braces and that at least one column is named; the error quotes the template.
  static Result<ValueTemplate> Parse(std::string_view text);
  // True if `text` holds a column reference, i.e. is meant as a template rather than a column name.
  static bool LooksLikeTemplate(std::string_view text);

  // Columns in the order they appear (a column named twice appears twice).
  const std::vector<std::string>& columns() const { return columns_; }
  const std::string& text() const { return text_; }

  // Fills in `values` (aligned with columns(); surrounding blanks ignored) as described above.
  std::string Render(const std::vector<std::string_view>& values) const;

 private:
  std::string text_;
  std::vector<std::string> columns_;
  std::vector<std::string> literals_;  // literals_[i] comes before columns_[i]; one more after the last
};

}  // namespace kashf
