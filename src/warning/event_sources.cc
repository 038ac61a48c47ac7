// Registries read as events (kashf/warning/event_sources.h). Victims: never an identity, only the
// case id and aggregate-grade variables.
#include "kashf/warning/event_sources.h"

#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "kashf/analytics/ctdc_record.h"
#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/warning/store_events.h"

namespace kashf::warning {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Result<std::vector<Event>> SeizureEvents(firearms::FirearmRegistry& registry) {
  std::map<int64_t, firearms::Firearm> firearms;
  KASHF_RETURN_IF_ERROR(registry.ForEachFirearm([&](const firearms::Firearm& f) {
    firearms.emplace(f.id, f);
    return true;
  }));
  std::vector<Event> out;
  KASHF_RETURN_IF_ERROR(registry.ForEachEvent([&](const firearms::LifecycleEvent& e) {
    if (e.kind != "seized") return true;
    Event ev;
    ev.day = ParseDay(e.date);
    if (ev.day < 0) return true;  // the registry validates dates; a malformed one is not counted
    ev.record = fmt::format("firearm-event:{}", e.id);
    ev.source = "seizure";
    ev.dims["district"] = e.district;
    ev.dims["seizure_place"] = e.seizure_context.empty() ? e.place : e.seizure_context;
    ev.dims["agency"] = e.agency;
    ev.dims["transit_country"] = e.transit_country;
    if (auto it = firearms.find(e.firearm_id); it != firearms.end()) {
      ev.dims["firearm_type"] = it->second.type;
      ev.dims["calibre"] = it->second.calibre;
      ev.dims["make"] = it->second.make;
    }
    out.push_back(std::move(ev));
    return true;
  }));
  return out;
}

Result<std::vector<Event>> VictimEvents(victims::CaseRegistry& registry, const victims::Actor& actor) {
  KASHF_ASSIGN_OR_RETURN(auto bands, analytics::AgeBands::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto cases, registry.CasesWithConsent(actor, "statistics"));
  std::vector<Event> out;
  for (const auto& c : cases) {
    Event ev;
    ev.day = ParseDay(c.registration_date);
    if (ev.day < 0) continue;
    ev.record = "case:" + c.id;
    ev.source = "victim";
    ev.dims["victim_sex"] = c.sex;
    ev.dims["age_band"] = bands.BandOf(c.age_at_registration);
    ev.dims["exploitation_type"] = c.exploitation_types.empty() ? "" : c.exploitation_types.front();
    ev.dims["route"] = c.Route();
    ev.dims["agency"] = c.agency;
    if (!c.offences.empty()) ev.dims["offence"] = c.offences.front();
    for (const auto& e : c.events) {
      if (e.kind == "transit" && ev.dims["transit_country"].empty()) ev.dims["transit_country"] = e.country;
      if (e.kind == "recruitment" && e.country == "PAK" && !e.city.empty()) ev.dims["district"] = e.city;
    }
    out.push_back(std::move(ev));
  }
  return out;
}

Result<DistrictTable> DistrictTable::Load(const std::string& reference_dir) {
  const std::string path = reference_dir + "/pk-districts.tsv";
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: reference file missing (is KASHF_HOME set?)", path));
  DistrictTable t;
  std::string line;
  bool header = false;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    auto tab = line.find('\t');
    auto tab2 = line.find('\t', tab == std::string::npos ? tab : tab + 1);
    if (tab == std::string::npos)
      return Status::InvalidArgument(fmt::format("{}:{}: expected district<TAB>province", path, line_no));
    t.rows_.emplace_back(Lower(line.substr(0, tab)), line.substr(tab + 1, tab2 - tab - 1));
  }
  std::sort(t.rows_.begin(), t.rows_.end());
  return t;
}

std::string DistrictTable::ProvinceOf(const std::string& district) const {
  std::string key = Lower(district);
  auto it = std::lower_bound(rows_.begin(), rows_.end(), std::make_pair(key, std::string()));
  return it != rows_.end() && it->first == key ? it->second : std::string();
}

void AddProvinces(const DistrictTable& districts, std::vector<Event>& events, std::vector<std::string>& warnings) {
  std::map<std::string, int64_t> unknown;
  for (auto& e : events) {
    auto it = e.dims.find("district");
    if (it == e.dims.end() || it->second.empty()) continue;
    std::string province = districts.ProvinceOf(it->second);
    if (province.empty()) {
      ++unknown[it->second];
      continue;
    }
    e.dims["province"] = province;
  }
  for (const auto& [d, n] : unknown)
    warnings.push_back(fmt::format("unknown district '{}' ({} event(s)): counted as given, without a province", d, n));
}

bool IsStatementStoreSource(std::string_view source) {
  return source == "fir" || source == "payment" || source == "travel";
}

void UseStatementStore(Store* store, const std::function<bool(std::string_view)>& wanted, EventRegisters& from) {
  if (wanted("fir")) from.firs = store;
  if (wanted("payment")) from.payments = store;
  if (wanted("travel")) from.travel = store;
}

Result<std::vector<Event>> CollectEvents(const EventRegisters& from, std::vector<std::string>& warnings) {
  std::vector<Event> all;
  auto append = [&all](std::vector<Event> more) {
    all.insert(all.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  };
  if (from.firearms) {
    KASHF_ASSIGN_OR_RETURN(auto s, SeizureEvents(*from.firearms));
    append(std::move(s));
  }
  if (from.cases) {
    KASHF_ASSIGN_OR_RETURN(auto v, VictimEvents(*from.cases, from.actor));
    append(std::move(v));
  }
  if (from.firs) {
    KASHF_ASSIGN_OR_RETURN(auto f, FirEvents(*from.firs, warnings));
    append(std::move(f));
  }
  if (from.payments) {
    KASHF_ASSIGN_OR_RETURN(auto p, PaymentEvents(*from.payments, warnings));
    append(std::move(p));
  }
  if (from.travel) {
    KASHF_ASSIGN_OR_RETURN(auto t, TravelEvents(*from.travel, warnings));
    append(std::move(t));
  }
  KASHF_ASSIGN_OR_RETURN(auto districts, DistrictTable::Load(DataPath("data/reference")));
  AddProvinces(districts, all, warnings);
  return all;
}

}  // namespace kashf::warning
