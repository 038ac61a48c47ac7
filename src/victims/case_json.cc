#include "kashf/victims/case_json.h"

#include <algorithm>

#include <fmt/format.h>

namespace kashf::victims {
namespace {

using nlohmann::json;

// A field added after the first stored records: its value, or `fallback` when absent.
template <typename T>
T Optional(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? fallback : it->get<T>();
}

json PerpetratorToJson(const PerpetratorRecord& p) {
  return {{"roles", p.roles},
          {"role_details", p.role_details},
          {"organisation", p.organisation},
          {"entity_id", p.entity_id},
          {"sex", p.sex},
          {"citizenship", p.citizenship}};
}

PerpetratorRecord PerpetratorFromJson(const json& j) {
  PerpetratorRecord p;
  p.roles = j.at("roles").get<std::vector<std::string>>();
  p.role_details = Optional<std::string>(j, "role_details", "");
  p.organisation = Optional<std::string>(j, "organisation", "");
  p.entity_id = Optional<std::string>(j, "entity_id", "");
  p.sex = Optional<std::string>(j, "sex", "");
  p.citizenship = Optional<std::string>(j, "citizenship", "");
  return p;
}

// {"event_points": [...], "comments": [...]}: the identity's structured part.
json IdentityDetailsJson(const Identity& id) {
  json points = json::array();
  for (const auto& p : id.event_points)
    points.push_back({{"event", p.event}, {"latitude", p.latitude}, {"longitude", p.longitude}});
  json comments = json::array();
  for (const auto& c : id.comments) comments.push_back({{"date", c.date}, {"author", c.author}, {"text", c.text}});
  return {{"event_points", points}, {"comments", comments}};
}

}  // namespace

json CaseToJson(const VictimCase& c) {
  json events = json::array();
  for (const auto& e : c.events)
    events.push_back({{"kind", e.kind},
                      {"country", e.country},
                      {"city", e.city},
                      {"date", e.date},
                      {"state", e.state},
                      {"description", e.description}});
  json stages = json::array();
  for (const auto& s : c.stages)
    stages.push_back({{"stage", s.stage}, {"date", s.date}, {"authority", s.authority}, {"note", s.note}});
  json referrals = json::array();
  for (const auto& r : c.referrals)
    referrals.push_back({{"direction", r.direction},
                         {"service", r.service},
                         {"provider", r.provider},
                         {"date", r.date},
                         {"identity_shared", r.identity_shared},
                         {"case_worker", r.case_worker},
                         {"reason", r.reason},
                         {"details", r.details},
                         {"outcome", r.outcome}});
  json consents = json::array();
  for (const auto& k : c.consents)
    consents.push_back(
        {{"purpose", k.purpose}, {"granted", k.granted}, {"date", k.date}, {"recorded_by", k.recorded_by}});
  json perpetrators = json::array();
  for (const auto& p : c.perpetrators) perpetrators.push_back(PerpetratorToJson(p));
  json objectives = json::array();
  for (const auto& o : c.support_objectives)
    objectives.push_back({{"service", o.service},
                          {"objective", o.objective},
                          {"start_date", o.start_date},
                          {"target_date", o.target_date},
                          {"completed_date", o.completed_date},
                          {"status", o.status}});
  return {{"id", c.id},
          {"agency", c.agency},
          {"registration_date", c.registration_date},
          {"source_id", c.source_id},
          {"person",
           {{"sex", c.sex},
            {"age_at_registration", c.age_at_registration},
            {"citizenship", c.citizenship},
            {"additional_citizenships", c.additional_citizenships},
            {"primary_language", c.primary_language},
            {"secondary_language", c.secondary_language},
            {"education", c.education},
            {"marital_status", c.marital_status},
            {"number_of_children", c.number_of_children},
            {"deceased", c.deceased}}},
          {"victim_context",
           {{"trafficking_status", c.trafficking_status},
            {"status_decided_by", c.status_decided_by},
            {"age_when_trafficked", c.age_when_trafficked},
            {"recruiter_relation", c.recruiter_relation},
            {"recruitment_methods", c.recruitment_methods},
            {"recruitment_platforms", c.recruitment_platforms},
            {"means_of_control", c.means_of_control},
            {"exploitation_types", c.exploitation_types},
            {"labour_sector", c.labour_sector},
            {"sexual_exploitation_types", c.sexual_exploitation_types},
            {"exploitation_platforms", c.exploitation_platforms},
            {"vulnerabilities", c.vulnerabilities},
            {"months_trafficked", c.months_trafficked}}},
          {"perpetrators", perpetrators},
          {"events", events},
          {"support_plan", c.support_plan},
          {"support_objectives", objectives},
          {"offences", c.offences},
          {"case", {{"status", c.case_status}, {"owner", c.case_owner}, {"closure_reason", c.closure_reason}}},
          {"nrm", {{"stages", stages}, {"extensions", c.extensions}}},
          {"referrals", referrals},
          {"consents", consents}};
}

Result<VictimCase> CaseFromJson(const json& j) {
  VictimCase c;
  try {
    c.id = j.at("id").get<std::string>();
    c.agency = j.at("agency").get<std::string>();
    c.registration_date = j.at("registration_date").get<std::string>();
    c.source_id = Optional<std::string>(j, "source_id", "");
    const auto& p = j.at("person");
    c.sex = p.at("sex").get<std::string>();
    c.age_at_registration = p.at("age_at_registration").get<int>();
    c.citizenship = p.at("citizenship").get<std::string>();
    c.additional_citizenships = Optional<std::vector<std::string>>(p, "additional_citizenships", {});
    c.primary_language = Optional<std::string>(p, "primary_language", "");
    c.secondary_language = Optional<std::string>(p, "secondary_language", "");
    c.education = Optional<std::string>(p, "education", "");
    c.marital_status = Optional<std::string>(p, "marital_status", "");
    c.number_of_children = Optional<int>(p, "number_of_children", -1);
    c.deceased = Optional<bool>(p, "deceased", false);
    const auto& v = j.at("victim_context");
    c.trafficking_status = v.at("trafficking_status").get<std::string>();
    c.status_decided_by = v.at("status_decided_by").get<std::string>();
    c.age_when_trafficked = v.at("age_when_trafficked").get<int>();
    c.recruiter_relation = v.at("recruiter_relation").get<std::string>();
    c.recruitment_methods = Optional<std::vector<std::string>>(v, "recruitment_methods", {});
    // Before HTCDS v2 coverage one method was kept, as "recruitment_method".
    std::string single = Optional<std::string>(v, "recruitment_method", "");
    if (!single.empty() &&
        std::find(c.recruitment_methods.begin(), c.recruitment_methods.end(), single) == c.recruitment_methods.end())
      c.recruitment_methods.insert(c.recruitment_methods.begin(), single);
    c.recruitment_platforms = Optional<std::vector<std::string>>(v, "recruitment_platforms", {});
    c.means_of_control = v.at("means_of_control").get<std::vector<std::string>>();
    c.exploitation_types = v.at("exploitation_types").get<std::vector<std::string>>();
    c.labour_sector = v.at("labour_sector").get<std::string>();
    c.sexual_exploitation_types = Optional<std::vector<std::string>>(v, "sexual_exploitation_types", {});
    c.exploitation_platforms = Optional<std::vector<std::string>>(v, "exploitation_platforms", {});
    c.vulnerabilities = Optional<std::vector<std::string>>(v, "vulnerabilities", {});
    c.months_trafficked = v.at("months_trafficked").get<int>();
    if (auto it = j.find("perpetrators"); it != j.end())
      for (const auto& pj : *it) c.perpetrators.push_back(PerpetratorFromJson(pj));
    // Before HTCDS v2 coverage only the roles were kept: one record per role.
    for (const auto& role : Optional<std::vector<std::string>>(j, "perpetrator_roles", {})) {
      PerpetratorRecord pr;
      pr.roles = {role};
      c.perpetrators.push_back(std::move(pr));
    }
    for (const auto& e : j.at("events")) {
      c.events.push_back({e.at("kind"), e.at("country"), e.at("city"), e.at("date"),
                          Optional<std::string>(e, "state", ""), Optional<std::string>(e, "description", "")});
    }
    c.support_plan = j.at("support_plan").get<std::vector<std::string>>();
    if (auto it = j.find("support_objectives"); it != j.end())
      for (const auto& o : *it)
        c.support_objectives.push_back(
            {o.at("service"), Optional<std::string>(o, "objective", ""), Optional<std::string>(o, "start_date", ""),
             Optional<std::string>(o, "target_date", ""), Optional<std::string>(o, "completed_date", ""),
             Optional<std::string>(o, "status", "planned")});
    c.offences = j.at("offences").get<std::vector<std::string>>();
    if (auto it = j.find("case"); it != j.end()) {
      c.case_status = Optional<std::string>(*it, "status", "active");
      c.case_owner = Optional<std::string>(*it, "owner", "");
      c.closure_reason = Optional<std::string>(*it, "closure_reason", "");
    }
    for (const auto& s : j.at("nrm").at("stages"))
      c.stages.push_back({s.at("stage"), s.at("date"), s.at("authority"), s.at("note")});
    c.extensions = j.at("nrm").at("extensions").get<int>();
    for (const auto& r : j.at("referrals")) {
      c.referrals.push_back({r.at("direction"), r.at("service"), r.at("provider"), r.at("date"),
                             r.at("identity_shared").get<bool>(), Optional<std::string>(r, "case_worker", ""),
                             Optional<std::string>(r, "reason", ""), Optional<std::string>(r, "details", ""),
                             Optional<std::string>(r, "outcome", "")});
    }
    for (const auto& k : j.at("consents"))
      c.consents.push_back({k.at("purpose"), k.at("granted").get<bool>(), k.at("date"), k.at("recorded_by")});
  } catch (const json::exception& e) {
    return Status::Corruption(fmt::format("stored case {} is malformed ({})", c.id.empty() ? "?" : c.id, e.what()));
  }
  return c;
}

const std::vector<const char*>& IdentityFieldNames() {
  static const std::vector<const char*> kNames = {
      "full_name",           "father_name",     "national_id", "date_of_birth",        "phone",        "first_name",
      "middle_name",         "second_name",     "email",       "address_street",       "address_city", "address_state",
      "address_postal_code", "address_country", "home_phone",  "vulnerability_details"};
  return kNames;
}

std::string* IdentityField(Identity& id, std::string_view name) {
  std::pair<std::string_view, std::string*> fields[] = {{"full_name", &id.full_name},
                                                        {"father_name", &id.father_name},
                                                        {"national_id", &id.national_id},
                                                        {"date_of_birth", &id.date_of_birth},
                                                        {"phone", &id.phone},
                                                        {"first_name", &id.first_name},
                                                        {"middle_name", &id.middle_name},
                                                        {"second_name", &id.second_name},
                                                        {"email", &id.email},
                                                        {"address_street", &id.address_street},
                                                        {"address_city", &id.address_city},
                                                        {"address_state", &id.address_state},
                                                        {"address_postal_code", &id.address_postal_code},
                                                        {"address_country", &id.address_country},
                                                        {"home_phone", &id.home_phone},
                                                        {"vulnerability_details", &id.vulnerability_details}};
  for (auto& [n, f] : fields)
    if (n == name) return f;
  return nullptr;
}

json IdentityToJson(const Identity& id) {
  json out = json::object();
  Identity copy = id;
  for (const char* name : IdentityFieldNames()) out[name] = *IdentityField(copy, name);
  out.update(IdentityDetailsJson(id));
  return out;
}

std::string IdentityDetailsToText(const Identity& id) {
  if (id.event_points.empty() && id.comments.empty()) return "";
  return IdentityDetailsJson(id).dump();
}

Status IdentityDetailsFromText(const std::string& text, Identity& id) {
  if (text.empty()) return Status::Ok();
  try {
    json j = json::parse(text);
    for (const auto& p : j.at("event_points"))
      id.event_points.push_back(
          {p.at("event").get<size_t>(), p.at("latitude").get<double>(), p.at("longitude").get<double>()});
    for (const auto& c : j.at("comments"))
      id.comments.push_back(
          {c.at("date").get<std::string>(), c.at("author").get<std::string>(), c.at("text").get<std::string>()});
  } catch (const json::exception&) {
    return Status::Corruption("a sealed identity's details are malformed");
  }
  return Status::Ok();
}

}  // namespace kashf::victims
