// Firearm mentions: the types of firearm-types.tsv, calibres of firearm-calibres.tsv and makes of
// firearm-generator.yaml, and the slang of firearm-slang.tsv ("tees bore", "kalakov", "ٹی ٹی",
// "repeater"), in English, Roman Urdu and Urdu script. Terms on one line with at most two other
// words between them ("Glock 19 9mm", "30 bore pistol", "pistol TT 30 bore") make one mention,
// unless they disagree (a pistol and then a rifle are two mentions). Value: the parts known, as
// "type=pistol make=Glock calibre=9mm"; attributes type, make, calibre.
#include <string>
#include <utility>

#include "scan.h"

namespace kashf::text {
namespace {

constexpr size_t kMaxGap = 2;  // other words between two terms of one mention

// Merges `from` into `into`; false (and `into` unchanged) when a part disagrees. A generic word
// ("bandooq": other) takes the type of a precise one; craft-made stays craft-made ("Darra made
// pistol" is a craft-made pistol).
bool Merge(FirearmTerm& into, const FirearmTerm& from) {
  auto agree = [](const std::string& a, const std::string& b) { return a.empty() || b.empty() || a == b; };
  auto loose = [](const std::string& type) { return type == "other" || type == "craft_made"; };
  const bool types = agree(into.type, from.type) || loose(into.type) || loose(from.type);
  if (!types || !agree(into.make, from.make) || !agree(into.calibre, from.calibre)) return false;
  if (into.type.empty() || (into.type == "other" && !from.type.empty()) || from.type == "craft_made")
    into.type = from.type.empty() ? into.type : from.type;
  if (into.make.empty()) into.make = from.make;
  if (into.calibre.empty()) into.calibre = from.calibre;
  return true;
}

std::optional<PhraseMatch> TermAt(const Scan& s, size_t i) {
  if (i >= s.tokens.size() || s.claimed[i]) return std::nullopt;
  auto m = s.lex.firearm_terms.LongestAt(s.tokens, i);
  if (m && !s.Free(m->first, m->last)) return std::nullopt;
  return m;
}

}  // namespace

void ExtractFirearms(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    auto m = TermAt(s, i);
    if (!m) continue;
    FirearmTerm mention = s.lex.firearm[static_cast<size_t>(m->payload)];
    size_t last = m->last;
    for (size_t j = last + 1, gap = 0; j < t.size() && gap <= kMaxGap; ++j) {
      if (t[j].line_before || s.claimed[j] || !(t[j].word || t.IsJoiner(j))) break;  // ".38 special"
      auto next = TermAt(s, j);
      if (!next) {
        ++gap;
        continue;
      }
      if (!Merge(mention, s.lex.firearm[static_cast<size_t>(next->payload)])) break;
      last = next->last;
      j = last;
      gap = 0;
    }
    std::string value;
    std::map<std::string, std::string> attributes;
    const std::pair<const char*, const std::string*> parts[] = {
        {"type", &mention.type}, {"make", &mention.make}, {"calibre", &mention.calibre}};
    for (const auto& [key, part_ptr] : parts) {
      const std::string& part = *part_ptr;
      if (part.empty()) continue;
      value += std::string(value.empty() ? "" : " ") + key + "=" + part;
      attributes[key] = part;
    }
    s.Emit(SelectorKind::kFirearm, m->first, last, value, std::move(attributes));
    i = last;
  }
}

}  // namespace kashf::text
