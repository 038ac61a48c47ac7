// The statement store read as events (kashf/warning/store_events.h).
#include "kashf/warning/store_events.h"

#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::warning {
namespace {

// One entity of a schema with the smallest value of each property asked for.
struct EntityValues {
  std::string id, dataset;
  std::map<std::string, std::string> values;

  const std::string& Get(const std::string& prop) const {
    static const std::string kEmpty;
    auto it = values.find(prop);
    return it == values.end() ? kEmpty : it->second;
  }
};

// Calls fn once per entity of `schema` (ScanStatements delivers an entity's statements together).
Status ForEachEntity(Store& store, const std::string& schema, const std::set<std::string>& props,
                     const std::function<void(const EntityValues&)>& fn) {
  EntityValues current;
  KASHF_RETURN_IF_ERROR(store.ScanStatements({schema, ""}, [&](const Statement& s) {
    if (s.entity_id != current.id) {
      if (!current.id.empty()) fn(current);
      current = EntityValues{s.entity_id, s.dataset, {}};
    }
    if (!props.count(s.prop) || s.value.empty()) return true;
    auto [it, fresh] = current.values.emplace(s.prop, s.value);
    if (!fresh && s.value < it->second) it->second = s.value;
    return true;
  }));
  if (!current.id.empty()) fn(current);
  return Status::Ok();
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
        Event ev;
        ev.day = ParseDay(e.Get("openedDate"));
        if (ev.day < 0) {
          ++undated;
          return;
        }
        ev.record = e.id;
        ev.source = "fir";
        ev.dims["district"] = e.Get("district");
        ev.dims["offence"] = e.Get("offence");
        ev.dims["agency"] = e.Get("agency").empty() ? e.dataset : e.Get("agency");
        out.push_back(std::move(ev));
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
        Event ev;
        ev.day = ParseDay(e.Get("date").empty() ? e.Get("startDate") : e.Get("date"));
        if (ev.day < 0) {
          ++undated;
          return;
        }
        ev.record = e.id;
        ev.source = "payment";
        ev.dims["payment_channel"] = ToLowerAscii(e.Get("channel"));
        ev.dims["agency"] = e.dataset;
        out.push_back(std::move(ev));
        payers.push_back(e.Get("payer"));
      }));
  WarnUndated(undated, "payment", "date", warnings);
  // The payer's district: one look-up per distinct payer.
  std::map<std::string, std::string> district_of;
  for (const auto& p : payers) {
    if (p.empty() || district_of.count(p)) continue;
    std::string district;
    auto rec = store.GetEntity(p);
    if (rec.ok()) {
      for (const auto& s : rec->statements)
        if (s.prop == "district" && (district.empty() || s.value < district)) district = s.value;
    } else if (rec.status().code() != StatusCode::kNotFound) {
      return rec.status();
    }
    district_of[p] = district;
  }
  for (size_t i = 0; i < out.size(); ++i)
    if (!payers[i].empty()) out[i].dims["district"] = district_of[payers[i]];
  return out;
}

}  // namespace kashf::warning
