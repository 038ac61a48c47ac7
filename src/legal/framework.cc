#include "kashf/legal/framework.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "kashf/victims/civil_date.h"

namespace kashf::legal {

const Requirement* LegalFramework::FindRequirement(std::string_view id) const {
  for (const auto& c : catalogues)
    if (const Requirement* r = c.Find(id)) return r;
  return nullptr;
}

const Catalogue* LegalFramework::CatalogueOf(std::string_view requirement_id) const {
  return legal::CatalogueOf(catalogues, requirement_id);
}

const Jurisdiction* LegalFramework::FindJurisdiction(std::string_view id) const {
  for (const auto& c : countries)
    if (const Jurisdiction* j = c.FindJurisdiction(id)) return j;
  return nullptr;
}

const Country* LegalFramework::CountryOf(std::string_view jurisdiction_id) const {
  for (const auto& c : countries)
    if (c.FindJurisdiction(jurisdiction_id)) return &c;
  return nullptr;
}

const Instrument* LegalFramework::FindInstrument(std::string_view id) const {
  for (const auto& c : countries)
    if (const Instrument* i = c.FindInstrument(id)) return i;
  return nullptr;
}

std::vector<const Jurisdiction*> LegalFramework::Jurisdictions() const {
  std::vector<const Jurisdiction*> out;
  for (const auto& c : countries)
    for (const auto& j : c.jurisdictions) out.push_back(&j);
  return out;
}

const Deference* LegalFramework::DeferenceOf(std::string_view jurisdiction_id, std::string_view catalogue_id) const {
  const Jurisdiction* j = FindJurisdiction(jurisdiction_id);
  if (!j) return nullptr;
  for (const auto& d : j->defers)
    if (d.catalogue == catalogue_id) return &d;
  return nullptr;
}

Result<LegalFramework> LoadLegalFramework(const std::string& dir) {
  LegalFramework f;
  KASHF_ASSIGN_OR_RETURN(f.catalogues, LoadCatalogues(dir + "/catalogues"));
  KASHF_ASSIGN_OR_RETURN(f.countries, LoadCountries(dir + "/countries"));
  KASHF_ASSIGN_OR_RETURN(f.evidence, LoadEvidenceLinks(dir + "/evidence-map.tsv"));
  for (const auto& link : f.evidence)
    if (!f.FindRequirement(link.requirement))
      return Status::InvalidArgument(
          fmt::format("{}/evidence-map.tsv: requirement {} is in no catalogue", dir, link.requirement));
  for (const auto& country : f.countries)
    for (const auto& j : country.jurisdictions)
      for (const auto& d : j.defers)
        if (std::none_of(f.catalogues.begin(), f.catalogues.end(),
                         [&](const Catalogue& c) { return c.id == d.catalogue; }))
          return Status::InvalidArgument(
              fmt::format("country {}: {} defers for unknown catalogue '{}'", country.id, j.id, d.catalogue));
  return f;
}

std::vector<FieldError> CheckAssessment(const LegalFramework& framework, const Assessment& a) {
  std::vector<FieldError> errors;
  const Catalogue* catalogue = framework.CatalogueOf(a.requirement);
  if (!catalogue) errors.push_back({"requirement", fmt::format("requirement '{}' is in no catalogue", a.requirement)});
  const Country* country = framework.CountryOf(a.jurisdiction);
  if (!country) errors.push_back({"jurisdiction", fmt::format("jurisdiction '{}' does not exist", a.jurisdiction)});
  if (catalogue && a.catalogue_version != catalogue->version)
    errors.push_back({"catalogue_version",
                      fmt::format("made against version '{}' of {}, which is now at version '{}'; reassess the row "
                                  "against the current catalogue",
                                  a.catalogue_version, catalogue->id, catalogue->version)});
  if (!victims::DayNumber(a.assessed_on)) errors.push_back({"assessed_on", "assessed_on must be a date YYYY-MM-DD"});
  for (const auto& c : a.provisions) {
    const Instrument* i = country ? country->FindInstrument(c.instrument) : nullptr;
    if (!i) {
      errors.push_back({"provisions", fmt::format("instrument '{}' is not an instrument of {}", c.instrument,
                                                  country ? country->name : a.jurisdiction)});
    } else if (!c.section.empty() && !i->sections.empty() && !i->FindSection(c.section)) {
      errors.push_back({"provisions", fmt::format("{} has no section {} in the instrument data", i->id, c.section)});
    } else if (victims::DayNumber(a.assessed_on) && !i->InForceOn(a.assessed_on)) {
      errors.push_back({"provisions", fmt::format("{} was not in force on {}", i->id, a.assessed_on)});
    }
  }
  return errors;
}

std::vector<Assessment> EffectiveAssessments(const LegalFramework& framework, const std::vector<Assessment>& stored) {
  std::map<std::pair<std::string, std::string>, const Assessment*> by_key;
  for (const auto& a : stored) by_key[{a.requirement, a.jurisdiction}] = &a;
  std::vector<Assessment> out;
  for (const auto& catalogue : framework.catalogues)
    for (const auto& r : catalogue.requirements)
      for (const Jurisdiction* j : framework.Jurisdictions()) {
        auto own = by_key.find({r.id, j->id});
        if (own != by_key.end()) {
          out.push_back(*own->second);
          continue;
        }
        Assessment a;
        a.requirement = r.id;
        a.jurisdiction = j->id;
        a.catalogue_version = catalogue.version;
        if (const Deference* d = framework.DeferenceOf(j->id, catalogue.id)) {
          auto parent = by_key.find({r.id, d->to});
          if (parent != by_key.end()) {
            a = *parent->second;
            a.jurisdiction = j->id;
            a.version = 0;
          }
          a.inherited_from = d->to;
          a.note = d->note;
        }
        out.push_back(std::move(a));
      }
  return out;
}

}  // namespace kashf::legal
