#include "kashf/legal/jurisdiction.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace kashf::legal {

const Section* Instrument::FindSection(std::string_view number) const {
  for (const auto& s : sections)
    if (s.number == number) return &s;
  return nullptr;
}

bool Instrument::InForceOn(std::string_view date) const {
  // Dates are YYYY or YYYY-MM-DD; comparing the common prefix orders them by year first.
  auto before_or_on = [](std::string_view a, std::string_view b) {
    size_t n = std::min(a.size(), b.size());
    return a.substr(0, n) <= b.substr(0, n);
  };
  if (!in_force.empty() && !before_or_on(in_force, date)) return false;
  return repealed.empty() || !before_or_on(repealed, date);
}

const Jurisdiction* Country::FindJurisdiction(std::string_view jurisdiction_id) const {
  for (const auto& j : jurisdictions)
    if (j.id == jurisdiction_id) return &j;
  return nullptr;
}

const Instrument* Country::FindInstrument(std::string_view instrument_id) const {
  for (const auto& i : instruments)
    if (i.id == instrument_id) return &i;
  return nullptr;
}

namespace {

std::string Text(const YAML::Node& n, const char* key) {
  return n[key] && n[key].IsScalar() ? n[key].as<std::string>() : std::string();
}

Result<Jurisdiction> ParseJurisdiction(const YAML::Node& n, const std::string& where) {
  Jurisdiction j{Text(n, "id"), Text(n, "name"), "", Text(n, "level"), Text(n, "parent"), {}};
  if (j.id.empty() || j.name.empty()) return Status::InvalidArgument(where + ": a jurisdiction needs id and name");
  static const std::set<std::string> kLevels = {"federal", "provincial", "territory"};
  if (!kLevels.count(j.level))
    return Status::InvalidArgument(
        fmt::format("{}: jurisdiction {} has level '{}'; use federal, provincial or territory", where, j.id, j.level));
  for (const auto& d : n["defers"]) j.defers.push_back({Text(d, "catalogue"), Text(d, "to"), Text(d, "note")});
  return j;
}

Result<Instrument> ParseInstrument(const YAML::Node& n, const std::string& where) {
  Instrument i;
  i.id = Text(n, "id");
  i.jurisdiction = Text(n, "jurisdiction");
  i.title = Text(n, "title");
  i.kind = Text(n, "kind");
  i.enacted = Text(n, "enacted");
  i.in_force = Text(n, "in_force");
  i.repealed = Text(n, "repealed");
  i.repealed_by = Text(n, "repealed_by");
  static const std::set<std::string> kKinds = {"act", "ordinance", "rules", "sro"};
  if (i.id.empty() || i.title.empty()) return Status::InvalidArgument(where + ": an instrument needs id and title");
  if (!kKinds.count(i.kind))
    return Status::InvalidArgument(
        fmt::format("{}: instrument {} has kind '{}'; use act, ordinance, rules or sro", where, i.id, i.kind));
  std::set<std::string> numbers;
  for (const auto& s : n["sections"]) {
    i.sections.push_back({Text(s, "number"), Text(s, "heading"), Text(s, "excerpt")});
    if (!numbers.insert(i.sections.back().number).second)
      return Status::InvalidArgument(
          fmt::format("{}: instrument {} lists section {} twice", where, i.id, i.sections.back().number));
  }
  for (const auto& a : n["amendments"]) i.amendments.push_back({Text(a, "by"), Text(a, "date"), Text(a, "note")});
  return i;
}

// Cross-references inside one country: parents, deferences and instruments name known jurisdictions.
Status CheckReferences(const Country& c, const std::string& where) {
  std::set<std::string> ids;
  for (const auto& j : c.jurisdictions)
    if (!ids.insert(j.id).second) return Status::InvalidArgument(fmt::format("{}: jurisdiction {} twice", where, j.id));
  for (const auto& j : c.jurisdictions) {
    if (!j.parent.empty() && !ids.count(j.parent))
      return Status::InvalidArgument(fmt::format("{}: {} has unknown parent {}", where, j.id, j.parent));
    for (const auto& d : j.defers)
      if (!ids.count(d.to) || d.to == j.id || d.catalogue.empty())
        return Status::InvalidArgument(fmt::format("{}: {} defers ({}) to '{}', which is not another jurisdiction",
                                                   where, j.id, d.catalogue, d.to));
  }
  std::set<std::string> instruments;
  for (const auto& i : c.instruments) {
    if (!ids.count(i.jurisdiction))
      return Status::InvalidArgument(
          fmt::format("{}: instrument {} belongs to unknown jurisdiction '{}'", where, i.id, i.jurisdiction));
    if (!instruments.insert(i.id).second)
      return Status::InvalidArgument(fmt::format("{}: instrument {} twice", where, i.id));
  }
  return Status::Ok();
}

}  // namespace

Result<Country> LoadCountry(const std::string& path) {
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: not valid YAML ({})", path, e.what()));
  }
  Country c;
  c.id = Text(doc, "country");
  c.name = Text(doc, "name");
  c.illustrative = doc["illustrative"] && doc["illustrative"].as<bool>(false);
  c.illustrative_note = Text(doc, "illustrative_note");
  if (c.id.empty()) return Status::InvalidArgument(path + ": 'country' (ISO 3166 alpha-2) is required");
  for (const auto& n : doc["jurisdictions"]) {
    KASHF_ASSIGN_OR_RETURN(Jurisdiction j, ParseJurisdiction(n, path));
    j.country = c.id;
    c.jurisdictions.push_back(std::move(j));
  }
  for (const auto& n : doc["instruments"]) {
    KASHF_ASSIGN_OR_RETURN(Instrument i, ParseInstrument(n, path));
    c.instruments.push_back(std::move(i));
  }
  if (c.jurisdictions.empty()) return Status::InvalidArgument(path + ": no jurisdictions");
  KASHF_RETURN_IF_ERROR(CheckReferences(c, path));
  return c;
}

Result<std::vector<Country>> LoadCountries(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  if (ec) return Status::NotFound("cannot list the country folder " + dir);
  std::sort(files.begin(), files.end());
  std::vector<Country> out;
  std::set<std::string> ids;
  for (const auto& f : files) {
    KASHF_ASSIGN_OR_RETURN(Country c, LoadCountry(f));
    for (const auto& j : c.jurisdictions)
      if (!ids.insert(j.id).second)
        return Status::InvalidArgument(fmt::format("{}: jurisdiction {} is also in another country file", f, j.id));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kashf::legal
