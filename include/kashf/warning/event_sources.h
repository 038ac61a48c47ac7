// Event sources: the registries read as Events for the series. Each reads through the registry's
// public interface (no SQL here).
//   seizures: firearm lifecycle events of kind "seized" (district, province, firearm_type, calibre,
//             make, seizure_place, agency).
//   victims:  NRM cases that consent to "statistics" (victim_sex, age_band, exploitation_type, route,
//             transit_country, district of recruitment when recorded, agency); never identities.
//   fir, payment, travel: the statement store's Case, Payment and Travel records
//             (kashf/warning/store_events.h).
//   report:   civil-society reports (kashf/reports/report_events.h; read by the callers).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/store/store.h"
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

// The registers events are read from; a null pointer leaves its source out.
struct EventRegisters {
  firearms::FirearmRegistry* firearms = nullptr;  // seizures
  victims::CaseRegistry* cases = nullptr;         // consenting victim cases, read as `actor`
  victims::Actor actor;
  Store* firs = nullptr;      // the statement store's Case records
  Store* payments = nullptr;  // the statement store's Payment records
  Store* travel = nullptr;    // the statement store's Travel records
};

// Whether `source` is read from the statement store (fir, payment, travel).
bool IsStatementStoreSource(std::string_view source);
// Points the registers of the statement-store sources that `wanted` accepts at `store`.
void UseStatementStore(Store* store, const std::function<bool(std::string_view)>& wanted, EventRegisters& from);

// Every event of the registers given, with provinces from data/reference/pk-districts.tsv, a warning
// per unknown district and one per source that skipped undated records.
Result<std::vector<Event>> CollectEvents(const EventRegisters& from, std::vector<std::string>& warnings);

}  // namespace kashf::warning
