// LegalFramework: the catalogues and countries loaded together from data/reference/legal/
// (catalogues/*.tsv, countries/*.yaml, evidence-map.tsv), with the checks an assessment must pass
// before it is stored. Immutable after loading; safe to share between threads.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/legal/assessment.h"
#include "kashf/legal/catalogue.h"
#include "kashf/legal/evidence.h"
#include "kashf/legal/jurisdiction.h"

namespace kashf::legal {

struct LegalFramework {
  std::vector<Catalogue> catalogues;
  std::vector<Country> countries;
  std::vector<EvidenceLink> evidence;  // requirement -> operational measure (data)

  const Requirement* FindRequirement(std::string_view id) const;
  const Catalogue* CatalogueOf(std::string_view requirement_id) const;
  const Jurisdiction* FindJurisdiction(std::string_view id) const;
  // The country holding jurisdiction `id` (nullptr when none).
  const Country* CountryOf(std::string_view jurisdiction_id) const;
  const Instrument* FindInstrument(std::string_view id) const;
  // Every jurisdiction, countries in file order, federation first.
  std::vector<const Jurisdiction*> Jurisdictions() const;
  // The jurisdiction `id` defers to for catalogue `catalogue_id`, or nullptr.
  const Deference* DeferenceOf(std::string_view jurisdiction_id, std::string_view catalogue_id) const;
};

// Loads `dir` (normally <source>/data/reference/legal).
Result<LegalFramework> LoadLegalFramework(const std::string& dir);

// Why `a` may not be stored, field by field ("requirement", "jurisdiction", "catalogue_version",
// "provisions", "assessed_on"): unknown requirement or jurisdiction, a catalogue version other
// than the current one, a cited instrument that does not exist, is not in force on assessed_on in
// that jurisdiction's country, or lacks the cited section. Empty when it may.
struct FieldError {
  std::string field;
  std::string message;
};
std::vector<FieldError> CheckAssessment(const LegalFramework& framework, const Assessment& a);

// Every requirement × jurisdiction of `framework`: the stored assessment when there is one; else,
// when the jurisdiction defers to another for the requirement's catalogue, the other's (with
// inherited_from and a note); else a not_assessed placeholder. Order: catalogue, requirement,
// jurisdiction (framework order).
std::vector<Assessment> EffectiveAssessments(const LegalFramework& framework, const std::vector<Assessment>& stored);

}  // namespace kashf::legal
