// Places: district names of pk-districts.tsv, cities of geo-points.tsv and the spellings of
// text-places.tsv (Urdu script, Roman Urdu variants, abbreviations such as "DG Khan", "Pindi"),
// longest name first ("Mirpur Khas" before "Mirpur"). Names that are also common words are removed
// there ("Tank", "Hub"). Value: the canonical name; attribute province when known.
#include "scan.h"

namespace kashf::text {

void ExtractPlaces(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (s.claimed[i] || !t[i].word) continue;
    auto m = s.lex.places.LongestAt(t, i);
    if (!m) continue;
    if (m->payload < 0 || !s.Free(m->first, m->last)) {
      i = m->last;
      continue;
    }
    const Place& p = s.lex.place[static_cast<size_t>(m->payload)];
    std::map<std::string, std::string> attributes;
    if (!p.province.empty()) attributes["province"] = p.province;
    s.Emit(SelectorKind::kPlace, m->first, m->last, p.name, std::move(attributes));
    i = m->last;
  }
}

}  // namespace kashf::text
