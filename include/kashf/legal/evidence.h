// Evidence from operations: measures computed from Kashf's own records that show what a legal gap
// costs in practice, e.g. Firearms Protocol Art. 8 (marking) beside the share of seized firearms
// whose serial is missing or obliterated. Which measure bears on which requirement is data
// (data/reference/legal/evidence-map.tsv); how each measure is computed is code, one function per
// measure id (ListMeasures()).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::firearms {
class FirearmRegistry;
}
namespace kashf::victims {
class CaseRegistry;
struct Actor;
}  // namespace kashf::victims

namespace kashf::legal {

// requirement -> measure, with the reading that links them.
struct EvidenceLink {
  std::string requirement;
  std::string measure;
  std::string reading;  // e.g. "unmarked weapons cannot be traced"
};
// Parses the TSV (requirement, measure, reading); unknown measure ids are errors.
Result<std::vector<EvidenceLink>> LoadEvidenceLinks(const std::string& path);

struct MeasureInfo {
  std::string id;      // e.g. "seized_unmarked"
  std::string title;   // e.g. "Seized firearms with no or obliterated serial"
  std::string source;  // firearms | traces | cases
};
const std::vector<MeasureInfo>& ListMeasures();
const MeasureInfo* FindMeasure(std::string_view id);

struct MeasureValue {
  std::string id;
  std::string title;
  int64_t count = 0;            // records showing the problem
  int64_t base = 0;             // records it is a share of
  std::optional<double> share;  // count / base; nullopt when base is 0 or the source is unavailable
  std::string note;             // e.g. "no firearms register in this store"
};

// Sources of the measures; a null source yields values with no share and a note.
struct EvidenceSources {
  firearms::FirearmRegistry* firearms = nullptr;
  victims::CaseRegistry* cases = nullptr;
  const victims::Actor* case_actor = nullptr;  // must see all agencies; only cases consenting to "statistics"
  std::string today;  // YYYY-MM-DD; the 30-day services measure looks only at cases registered before today - 30
};

// Every measure of ListMeasures(), in that order.
Result<std::vector<MeasureValue>> ComputeMeasures(const EvidenceSources& sources);

}  // namespace kashf::legal
