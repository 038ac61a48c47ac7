// Register matching for found weapons (see register_match.h).
#include "kashf/firearms/register_match.h"

#include <algorithm>

namespace kashf::firearms {

namespace {
// Candidates fetched from the index before re-ranking ties, so a lost or stolen firearm is not cut
// off by the alphabetical tie order of the search.
constexpr size_t kTieWindow = 200;
}  // namespace

Result<std::vector<RegisterMatch>> MatchAgainstRegister(FirearmRegistry& registry, const Firearm& found, size_t limit) {
  std::vector<RegisterMatch> out;
  if (!NormalisePattern(found.serial).ok()) return out;  // nothing readable to search for
  SerialIndex index(registry.reference().ConfusableFold());
  KASHF_RETURN_IF_ERROR(registry.ForEachFirearm([&](const Firearm& f) {
    if (f.id != found.id && f.serial.find('?') == std::string::npos && f.serial.find('*') == std::string::npos)
      index.Add({f.id, f.serial, f.make, f.calibre});
    return true;
  }));
  index.Build();
  SerialQuery q;
  q.pattern = found.serial;
  q.make = found.make;
  q.calibre = found.calibre;
  q.limit = std::max<size_t>(limit, kTieWindow);
  KASHF_ASSIGN_OR_RETURN(std::vector<SerialCandidate> hits, index.Search(q));
  out.reserve(hits.size());
  for (const auto& h : hits) {
    RegisterMatch m;
    KASHF_ASSIGN_OR_RETURN(m.firearm, registry.GetFirearm(h.id));
    KASHF_ASSIGN_OR_RETURN(m.events, registry.Events(h.id));
    m.candidate = h;
    out.push_back(std::move(m));
  }
  for (auto& m : out) m.chain = ComputeChainOfCustody(m.events, registry.rules());
  // Equal serial scores: a firearm out of lawful control now (reported lost or stolen) is the
  // likelier source of a found weapon, then one whose record shows a diversion; then search order.
  auto tier = [&](const RegisterMatch& m) {
    if (!registry.rules().IsLawful(m.firearm.state)) return 0;
    return m.chain.diversions.empty() ? 2 : 1;
  };
  std::stable_sort(out.begin(), out.end(), [&](const RegisterMatch& a, const RegisterMatch& b) {
    if (a.candidate.score != b.candidate.score) return a.candidate.score > b.candidate.score;
    return tier(a) < tier(b);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace kashf::firearms
