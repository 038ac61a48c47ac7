#include "kashf/ingest/value_template.h"

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf {

bool ValueTemplate::LooksLikeTemplate(std::string_view text) {
  const size_t open = text.find('{');
  return open != std::string_view::npos && text.find('}', open) != std::string_view::npos;
}

Result<ValueTemplate> ValueTemplate::Parse(std::string_view text) {
  ValueTemplate t;
  t.text_ = std::string(text);
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument(fmt::format("template \"{}\" {}", text, why));
  };
  std::string literal;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal.push_back(c);
      ++i;
      continue;
    }
    if (c == '}')
      return bad(fmt::format("has a '}}' at position {} that closes nothing (write '}}}}' for a brace)", i + 1));
    if (c != '{') {
      literal.push_back(c);
      continue;
    }
    const size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos)
      return bad(fmt::format("opens a '{{' at position {} that is never closed", i + 1));
    const std::string column(Trim(text.substr(i + 1, close - i - 1)));
    if (column.empty()) return bad("has an empty '{}'; name a column inside the braces");
    if (column.find('{') != std::string::npos) return bad("has a '{' inside a column name");
    t.literals_.push_back(std::move(literal));
    literal.clear();
    t.columns_.push_back(column);
    i = close;
  }
  if (t.columns_.empty()) return bad("names no column; write column names in braces, e.g. \"{given_name} {surname}\"");
  t.literals_.push_back(std::move(literal));
  return t;
}

std::string ValueTemplate::Render(const std::vector<std::string_view>& values) const {
  std::string out;
  bool any = false;
  for (size_t i = 0; i < columns_.size() && i < values.size(); ++i) {
    const std::string_view v = Trim(values[i]);
    if (v.empty()) continue;
    // Before the first value the template's opening text; before a later one the text written
    // just before its column (so the joining text of an empty part goes with it).
    out += any ? literals_[i] : literals_[0];
    out += v;
    any = true;
  }
  if (any) out += literals_.back();
  return out;
}

}  // namespace kashf
