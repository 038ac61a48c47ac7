#include "kashf/core/input_limits.h"

#include <vector>

#include <fmt/format.h>

namespace kashf {
namespace {

Status TooDeep(std::string_view what, size_t max_depth) {
  return Status::InvalidArgument(
      fmt::format("the {} nests objects or lists deeper than the limit of {} levels", what, max_depth));
}

}  // namespace

Status CheckJsonNesting(std::string_view json, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '[':
      case '{':
        if (++depth > max_depth) return TooDeep("JSON", max_depth);
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return Status::Ok();
}

Status CheckYamlNesting(std::string_view yaml, size_t max_depth) {
  std::vector<size_t> indents;  // indentation of the enclosing block levels, increasing
  size_t flow = 0;              // open [ and { (flow collections may span lines)
  size_t pos = 0;
  while (pos < yaml.size()) {
    size_t end = yaml.find('\n', pos);
    if (end == std::string_view::npos) end = yaml.size();
    std::string_view line = yaml.substr(pos, end - pos);
    pos = end + 1;
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i == line.size() || line[i] == '#' || line[i] == '\r') continue;
    if (flow == 0) {
      while (!indents.empty() && indents.back() >= i) indents.pop_back();
      indents.push_back(i);
      // "- - - x": each compact sequence entry opens one more level on the same line.
      size_t compact = 0;
      while (i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') {
        ++compact;
        i += 2;
        while (i < line.size() && line[i] == ' ') ++i;
      }
      if (indents.size() + compact > max_depth) return TooDeep("YAML", max_depth);
    }
    char quote = 0;
    for (size_t j = i; j < line.size(); ++j) {
      char c = line[j];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '#' && (j == 0 || line[j - 1] == ' ')) break;
      if (c == '"' || (c == '\'' && (j == i || line[j - 1] == ' ' || line[j - 1] == '[' || line[j - 1] == '{' ||
                                     line[j - 1] == ','))) {
        quote = c;
      } else if (c == '[' || c == '{') {
        if (indents.size() + ++flow > max_depth) return TooDeep("YAML", max_depth);
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
    }
  }
  return Status::Ok();
}

}  // namespace kashf
