#include "json_views.h"

#include "kashf/core/text.h"

namespace kashf::server {

nlohmann::json TimeJson(int64_t t) { return t ? nlohmann::json(FormatIsoUtc(t)) : nlohmann::json(nullptr); }

nlohmann::json UserJson(const auth::User& u) {
  return {{"username", u.username},         {"full_name", u.full_name},
          {"role", auth::RoleName(u.role)}, {"agency", u.agency},
          {"all_agencies", u.all_agencies}, {"disabled", u.disabled},
          {"created", TimeJson(u.created)}, {"password_changed", TimeJson(u.password_changed)}};
}

nlohmann::json AgencyJson(const auth::Agency& a) {
  return {{"id", a.id}, {"name", a.name}, {"country", a.country}, {"created", TimeJson(a.created)}};
}

nlohmann::json StatementJson(const Statement& s) {
  const Grading& g = s.grading;
  return {{"prop", s.prop},
          {"value", s.value},
          {"dataset", s.dataset},
          {"record", s.record_id},
          {"first_seen", TimeJson(s.first_seen)},
          {"grading",
           g.empty() ? nlohmann::json(nullptr)
                     : nlohmann::json{{"source", g.source}, {"information", g.information}, {"handling", g.handling}}}};
}

nlohmann::json FirearmJson(const firearms::Firearm& f) {
  return {{"id", f.id},
          {"serial", f.serial},
          {"make", f.make},
          {"model", f.model},
          {"type", f.type},
          {"calibre", f.calibre},
          {"bore_class", f.bore_class},
          {"country_of_manufacture", f.country_of_manufacture},
          {"place_of_manufacture", f.place_of_manufacture},
          {"import_country", f.import_country},
          {"import_year", f.import_year},
          {"state_stock_mark", f.state_stock_mark},
          {"licence_number", f.licence_number},
          {"state", f.state}};
}

nlohmann::json EventJson(const firearms::LifecycleEvent& e) {
  return {{"id", e.id},
          {"firearm_id", e.firearm_id},
          {"kind", e.kind},
          {"date", e.date},
          {"place", e.place},
          {"district", e.district},
          {"agency", e.agency},
          {"document", e.document},
          {"holder", e.holder},
          {"licence_number", e.licence_number},
          {"licence_expiry", e.licence_expiry},
          {"export_country", e.export_country},
          {"import_country", e.import_country},
          {"transit_country", e.transit_country},
          {"final_recipient", e.final_recipient},
          {"seizure_context", e.seizure_context},
          {"campaign", e.campaign},
          {"note", e.note},
          {"retain_until", e.retain_until}};
}

nlohmann::json CustodyJson(const firearms::ChainOfCustody& c) {
  nlohmann::json steps = nlohmann::json::array(), diversions = nlohmann::json::array();
  for (const auto& s : c.steps)
    steps.push_back({{"state", s.state},
                     {"lawful", s.lawful},
                     {"holder", s.holder},
                     {"place", s.place},
                     {"from", s.from_date},
                     {"to", s.to_date.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.to_date)},
                     {"event", s.opened_by ? nlohmann::json(s.opened_by->kind) : nlohmann::json(nullptr)},
                     {"document", s.opened_by ? nlohmann::json(s.opened_by->document) : nlohmann::json(nullptr)}});
  for (const auto& d : c.diversions)
    diversions.push_back({{"date", d.date},
                          {"event", d.event_kind},
                          {"from_state", d.from_state},
                          {"to_state", d.to_state},
                          {"last_lawful_holder", d.last_lawful_holder},
                          {"explanation", d.explanation}});
  return {{"steps", steps}, {"diversions", diversions}, {"no_lawful_record", c.no_lawful_record}};
}

nlohmann::json TraceRequestJson(const firearms::TraceRequest& r) {
  return {{"id", r.id},
          {"firearm_id", r.firearm_id},
          {"date", r.date},
          {"requesting_agency", r.requesting_agency},
          {"requested_party", r.requested_party},
          {"illicit_reason", r.illicit_reason},
          {"legal_basis", r.legal_basis},
          {"markings", r.markings},
          {"type", r.type},
          {"calibre", r.calibre},
          {"intended_use", r.intended_use},
          {"status", r.status}};
}

nlohmann::json TraceAnswerJson(const firearms::TraceAnswer& a) {
  return {{"id", a.id},
          {"request_id", a.request_id},
          {"date", a.date},
          {"responder", a.responder},
          {"outcome", a.outcome},
          {"last_lawful_holder", a.last_lawful_holder},
          {"diversion_point", a.diversion_point},
          {"text", a.text}};
}

}  // namespace kashf::server
