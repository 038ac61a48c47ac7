// Assessments: for one requirement in one jurisdiction, how far the law meets it, the provisions
// that show it, why, who assessed it and when, who reviewed it. Every change is a new version (the
// store keeps them all), so the state on any date can be rebuilt and two dates compared
// ("what changed since last year's assessment").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::legal {

enum class Compliance { kMet, kPartlyMet, kNotMet, kNotApplicable, kNotAssessed };
// "met" | "partly_met" | "not_met" | "not_applicable" | "not_assessed".
std::string_view ComplianceName(Compliance c);
// Accepts the names above and, for spreadsheets, "partly met", "not met", "not applicable",
// "not yet assessed" (any case). InvalidArgument listing the allowed values otherwise.
Result<Compliance> ParseCompliance(std::string_view text);
const std::vector<Compliance>& AllCompliance();
// The status's fill colour (0xRRGGBB) in every report (HTML heat map, XLSX): green, amber, red,
// grey, white. Colour is never the only signal: the cell always holds the status word.
uint32_t ComplianceColour(Compliance c);

// A provision of an instrument cited as evidence, e.g. {"pk-arms-ordinance-1965", "13"}.
struct Citation {
  std::string instrument;
  std::string section;  // "" for the instrument as a whole
};
// "instrument s.section" and back ("pk-arms-ordinance-1965 s.13"; "a s.1; b s.2" for a list).
std::string FormatCitations(const std::vector<Citation>& citations);
Result<std::vector<Citation>> ParseCitations(std::string_view text);

struct Assessment {
  std::string requirement;        // requirement id
  std::string jurisdiction;       // jurisdiction id
  std::string catalogue_version;  // version of the requirement's catalogue it was made against
  Compliance status = Compliance::kNotAssessed;
  std::vector<Citation> provisions;
  std::string justification;
  std::string assessed_by;
  std::string assessed_on;  // YYYY-MM-DD
  std::string reviewed_by;  // "" until a reviewer approves this version
  std::string reviewed_on;
  int64_t version = 0;  // 1, 2, ... per (requirement, jurisdiction); assigned by the store
  // The stored version this edit was made from (0: not yet assessed), or -1 for no check. When set,
  // GapStore::Save stores nothing unless that is still the current version (optimistic locking:
  // an edit saved by someone else in between is a conflict, not silently overwritten).
  int64_t based_on = -1;
  bool illustrative = false;  // demo or draft data, to be verified against the law's text
  // Set on effective (not stored) assessments inherited from the jurisdiction deferred to.
  std::string inherited_from;
  std::string note;
};

struct Comment {
  std::string requirement;
  std::string jurisdiction;
  std::string author;
  std::string role;  // the author's role name
  std::string on;    // YYYY-MM-DD
  std::string text;
};

// One (requirement, jurisdiction) whose status differs between two dates.
struct AssessmentChange {
  std::string requirement;
  std::string jurisdiction;
  Compliance before = Compliance::kNotAssessed;
  Compliance after = Compliance::kNotAssessed;
  std::string before_provisions, after_provisions;
  std::string assessed_by, assessed_on;  // of the `after` version
};

// Changes between two snapshots (each: latest version per key as of a date): status or cited
// provisions differ, ordered by requirement then jurisdiction. A key absent from one side counts
// as not_assessed there.
std::vector<AssessmentChange> DiffAssessments(const std::vector<Assessment>& before,
                                              const std::vector<Assessment>& after);

}  // namespace kashf::legal
