// The statement store read as events (kashf/warning/store_events.h).
#include "kashf/warning/store_events.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/model/values.h"

namespace kashf::warning {
namespace {

// One entity of a schema with the smallest value of each property asked for.
struct EntityValues {
  std::string id, dataset;
  std::map<std::string, std::string> values;
  std::map<std::string, std::set<std::string>> all;  // every value of the properties asked for in full

  const std::string& Get(const std::string& prop) const {
    static const std::string kEmpty;
    auto it = values.find(prop);
    return it == values.end() ? kEmpty : it->second;
  }
};

// Calls fn once per entity of `schema` (ScanStatements delivers an entity's statements together);
// `every` names properties whose values are all kept (in `all`), not only the smallest.
Status ForEachEntity(Store& store, const std::string& schema, const std::set<std::string>& props,
                     const std::function<void(const EntityValues&)>& fn, const std::set<std::string>& every = {}) {
  EntityValues current;
  KASHF_RETURN_IF_ERROR(store.ScanStatements({schema, ""}, [&](const Statement& s) {
    if (s.entity_id != current.id) {
      if (!current.id.empty()) fn(current);
      current = EntityValues{s.entity_id, s.dataset, {}, {}};
    }
    if (s.value.empty()) return true;
    if (every.count(s.prop)) current.all[s.prop].insert(s.value);
    if (!props.count(s.prop)) return true;
    auto [it, fresh] = current.values.emplace(s.prop, s.value);
    if (!fresh && s.value < it->second) it->second = s.value;
    return true;
  }));
  if (!current.id.empty()) fn(current);
  return Status::Ok();
}

// Property -> its values, for one entity.
using PropertyValues = std::map<std::string, std::set<std::string>>;

// For each distinct entity id of `ids`: the values of `props` of that entity (GetEntity, once per
// id). An id not in the store has none.
Result<std::map<std::string, PropertyValues>> PropertiesOf(Store& store, const std::vector<std::string>& ids,
                                                           const std::set<std::string>& props) {
  std::map<std::string, PropertyValues> out;
  for (const auto& id : ids) {
    if (id.empty() || out.count(id)) continue;
    auto& values = out[id];
    auto rec = store.GetEntity(id);
    if (rec.ok()) {
      for (const auto& s : rec->statements)
        if (props.count(s.prop) && !s.value.empty()) values[s.prop].insert(s.value);
    } else if (rec.status().code() != StatusCode::kNotFound) {
      return rec.status();
    }
  }
  return out;
}

// The smallest value of a set, or "".
std::string Smallest(const std::set<std::string>& values) { return values.empty() ? "" : *values.begin(); }

// The first full date of the properties, in order of preference ("date", else "startDate").
int64_t DayOf(const EntityValues& e) { return ParseDay(e.Get("date").empty() ? e.Get("startDate") : e.Get("date")); }

// The event of entity `e` on `day`, its agency the dataset that recorded it; none (counted in
// `undated`) when `day` is not a full date.
std::optional<Event> EventOn(int64_t day, const EntityValues& e, const char* source, int64_t& undated) {
  if (day < 0) {
    ++undated;
    return std::nullopt;
  }
  Event ev;
  ev.day = day;
  ev.record = e.id;
  ev.source = source;
  ev.dims["agency"] = e.dataset;
  return ev;
}

void WarnUndated(int64_t undated, const char* what, const char* property, std::vector<std::string>& warnings) {
  if (undated > 0)
    warnings.push_back(
        fmt::format("{} {} record(s) without a full date ({} YYYY-MM-DD) were not counted", undated, what, property));
}

}  // namespace

Result<std::vector<Event>> FirEvents(Store& store, std::vector<std::string>& warnings) {
  std::vector<Event> out;
  int64_t undated = 0;
  KASHF_RETURN_IF_ERROR(
      ForEachEntity(store, "Case", {"openedDate", "district", "offence", "agency"}, [&](const EntityValues& e) {
        auto ev = EventOn(ParseDay(e.Get("openedDate")), e, "fir", undated);
        if (!ev) return;
        ev->dims["district"] = e.Get("district");
        ev->dims["offence"] = e.Get("offence");
        if (!e.Get("agency").empty()) ev->dims["agency"] = e.Get("agency");
        out.push_back(std::move(*ev));
      }));
  WarnUndated(undated, "FIR/case", "openedDate", warnings);
  return out;
}

Result<std::vector<Event>> PaymentEvents(Store& store, std::vector<std::string>& warnings) {
  std::vector<Event> out;
  std::vector<std::string> payers;  // parallel to out
  int64_t undated = 0;
  KASHF_RETURN_IF_ERROR(
      ForEachEntity(store, "Payment", {"date", "startDate", "channel", "payer"}, [&](const EntityValues& e) {
        auto ev = EventOn(DayOf(e), e, "payment", undated);
        if (!ev) return;
        ev->dims["payment_channel"] = ToLowerAscii(e.Get("channel"));
        out.push_back(std::move(*ev));
        payers.push_back(e.Get("payer"));
      }));
  WarnUndated(undated, "payment", "date", warnings);
  // The payer's district: one look-up per distinct payer.
  KASHF_ASSIGN_OR_RETURN(auto of_payer, PropertiesOf(store, payers, {"district"}));
  for (size_t i = 0; i < out.size(); ++i)
    if (!payers[i].empty()) out[i].dims["district"] = Smallest(of_payer[payers[i]]["district"]);
  return out;
}

Result<std::vector<Event>> TravelEvents(Store& store, std::vector<std::string>& warnings) {
  struct Journey {
    std::string traveller;
    std::set<std::string> origin, transit, destination;  // Location ids
  };
  std::vector<Event> out;
  std::vector<Journey> journeys;  // parallel to out
  int64_t undated = 0;
  KASHF_RETURN_IF_ERROR(
      ForEachEntity(store, "Travel", {"date", "startDate", "traveller"},
                    [&](const EntityValues& e) {
                      auto ev = EventOn(DayOf(e), e, "travel", undated);
                      if (!ev) return;
                      out.push_back(std::move(*ev));
                      const auto all = [&e](const char* prop) {
                        auto it = e.all.find(prop);
                        return it == e.all.end() ? std::set<std::string>() : it->second;
                      };
                      journeys.push_back({e.Get("traveller"), all("origin"), all("transit"), all("destination")});
                    },
                    {"origin", "transit", "destination"}));
  WarnUndated(undated, "travel", "date", warnings);
  // One look-up per distinct place and traveller.
  std::vector<std::string> places, travellers;
  for (const auto& j : journeys) {
    for (const auto* leg : {&j.origin, &j.transit, &j.destination})
      places.insert(places.end(), leg->begin(), leg->end());
    travellers.push_back(j.traveller);
  }
  KASHF_ASSIGN_OR_RETURN(auto of_place, PropertiesOf(store, places, {"country", "name"}));
  KASHF_ASSIGN_OR_RETURN(auto of_traveller, PropertiesOf(store, travellers, {"district"}));
  // A leg's countries as alpha-3 codes (a place without a country: its name), in byte order.
  const auto countries = [&of_place](const std::set<std::string>& ids) {
    std::set<std::string> codes;
    for (const auto& id : ids) {
      auto& p = of_place[id];
      for (const auto& c : p["country"]) {
        std::string code = CountryAlpha3(c);
        codes.insert(code.empty() ? c : code);
      }
      if (p["country"].empty()) codes.insert(p["name"].begin(), p["name"].end());
    }
    return std::vector<std::string>(codes.begin(), codes.end());
  };
  for (size_t i = 0; i < out.size(); ++i) {
    const Journey& j = journeys[i];
    const auto origin = countries(j.origin), transit = countries(j.transit), destination = countries(j.destination);
    auto& dims = out[i].dims;
    dims["origin_country"] = Join(origin, ">");
    dims["transit_country"] = Join(transit, ">");
    dims["destination_country"] = Join(destination, ">");
    if (!origin.empty() || !destination.empty()) {
      std::vector<std::string> legs = origin.empty() ? std::vector<std::string>{"unknown"} : origin;
      legs.insert(legs.end(), transit.begin(), transit.end());
      if (destination.empty()) legs.emplace_back("unknown");
      legs.insert(legs.end(), destination.begin(), destination.end());
      legs.erase(std::unique(legs.begin(), legs.end()), legs.end());  // a stop in the same country is no leg
      dims["route"] = Join(legs, ">");
    }
    if (!j.traveller.empty()) dims["district"] = Smallest(of_traveller[j.traveller]["district"]);
  }
  return out;
}

}  // namespace kashf::warning
