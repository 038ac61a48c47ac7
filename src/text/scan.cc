#include "scan.h"

#include <algorithm>

namespace kashf::text {

bool Scan::Free(size_t first, size_t last) const {
  for (size_t i = first; i <= last && i < claimed.size(); ++i)
    if (claimed[i]) return false;
  return true;
}

std::optional<std::pair<size_t, size_t>> Scan::TokensIn(size_t begin, size_t end) const {
  const auto& v = tokens.tokens();
  auto it = std::lower_bound(v.begin(), v.end(), begin, [](const Token& t, size_t b) { return t.begin < b; });
  if (it == v.end() || it->begin != begin) return std::nullopt;
  const auto first = static_cast<size_t>(it - v.begin());
  size_t last = first;
  while (last + 1 < v.size() && v[last + 1].end <= end) ++last;
  if (v[last].end != end) return std::nullopt;
  return std::make_pair(first, last);
}

void Scan::Emit(SelectorKind kind, size_t first, size_t last, std::string value,
                std::map<std::string, std::string> attributes) {
  for (size_t i = first; i <= last; ++i) claimed[i] = true;
  Selector sel;
  sel.kind = kind;
  sel.begin = norm.OriginalBegin(tokens[first].begin);
  sel.end = norm.OriginalEnd(tokens[last].end);
  sel.value = std::move(value);
  sel.attributes = std::move(attributes);
  selectors.push_back(std::move(sel));
}

int Scan::CueBefore(size_t before, size_t window, Cue cue) const {
  size_t from = before > window ? before - window : 0;
  for (size_t k = before; k > from; --k)
    if (tokens[k].line_before) {
      from = k;
      break;
    }
  for (size_t start = before; start-- > from;) {
    auto m = lex.cues.LongestAt(tokens, start);
    if (m && m->last < before && lex.cue[static_cast<size_t>(m->payload)] == cue) return m->payload;
  }
  return -1;
}

int Scan::CueAfter(size_t after, size_t window, Cue cue) const {
  for (size_t i = after + 1; i < tokens.size() && i <= after + window; ++i) {
    if (tokens[i].line_before || !tokens[i].word) break;  // "0300..., jazzcash 0312...": the cue is the next number's
    auto m = lex.cues.LongestAt(tokens, i);
    if (m && lex.cue[static_cast<size_t>(m->payload)] == cue) return m->payload;
  }
  return -1;
}

}  // namespace kashf::text
