// Event sources: the registries read as Events for the series. Each reads through the registry's
// public interface (no SQL here).
//   seizures: firearm lifecycle events of kind "seized" (district, province, firearm_type, calibre,
//             make, seizure_place, agency).
//   victims:  NRM cases that consent to "statistics" (victim_sex, age_band, exploitation_type, route,
//             transit_country, district of recruitment when recorded, agency); never identities.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/victims/case_registry.h"
#include "kashf/warning/event.h"

namespace kashf::warning {

Result<std::vector<Event>> SeizureEvents(firearms::FirearmRegistry& registry);
Result<std::vector<Event>> VictimEvents(victims::CaseRegistry& registry, const victims::Actor& actor);

// Districts of data/reference/pk-districts.tsv with their provinces: series validate district names
// against it (an unknown district is a warning, counted as given) and derive the province.
class DistrictTable {
 public:
  // NotFound if the file is missing; InvalidArgument on a malformed row.
  static Result<DistrictTable> Load(const std::string& reference_dir);
  // The province, or "" if the district is unknown. Case-insensitive.
  std::string ProvinceOf(const std::string& district) const;
  bool Known(const std::string& district) const { return !ProvinceOf(district).empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> rows_;  // lower-case district, province; sorted
};

// Adds "province" from "district" and a warning per unknown district name (with its event count).
void AddProvinces(const DistrictTable& districts, std::vector<Event>& events, std::vector<std::string>& warnings);

// Every event the registries hold: seizures (when `firearms` is given) and consenting victim cases
// (when `cases` is given, read as `actor`), with provinces from data/reference/pk-districts.tsv and a
// warning per unknown district.
Result<std::vector<Event>> CollectEvents(firearms::FirearmRegistry* firearms, victims::CaseRegistry* cases,
                                         const victims::Actor& actor, std::vector<std::string>& warnings);

}  // namespace kashf::warning
