#include "kashf/victims/case_json.h"

#include <fmt/format.h>

namespace kashf::victims {

nlohmann::json CaseToJson(const VictimCase& c) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : c.events)
    events.push_back({{"kind", e.kind}, {"country", e.country}, {"city", e.city}, {"date", e.date}});
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& s : c.stages)
    stages.push_back({{"stage", s.stage}, {"date", s.date}, {"authority", s.authority}, {"note", s.note}});
  nlohmann::json referrals = nlohmann::json::array();
  for (const auto& r : c.referrals)
    referrals.push_back({{"direction", r.direction},
                         {"service", r.service},
                         {"provider", r.provider},
                         {"date", r.date},
                         {"identity_shared", r.identity_shared}});
  nlohmann::json consents = nlohmann::json::array();
  for (const auto& k : c.consents)
    consents.push_back(
        {{"purpose", k.purpose}, {"granted", k.granted}, {"date", k.date}, {"recorded_by", k.recorded_by}});
  return {{"id", c.id},
          {"agency", c.agency},
          {"registration_date", c.registration_date},
          {"person", {{"sex", c.sex}, {"age_at_registration", c.age_at_registration}, {"citizenship", c.citizenship}}},
          {"victim_context",
           {{"trafficking_status", c.trafficking_status},
            {"status_decided_by", c.status_decided_by},
            {"age_when_trafficked", c.age_when_trafficked},
            {"recruiter_relation", c.recruiter_relation},
            {"recruitment_method", c.recruitment_method},
            {"means_of_control", c.means_of_control},
            {"exploitation_types", c.exploitation_types},
            {"labour_sector", c.labour_sector},
            {"months_trafficked", c.months_trafficked}}},
          {"perpetrator_roles", c.perpetrator_roles},
          {"events", events},
          {"support_plan", c.support_plan},
          {"offences", c.offences},
          {"nrm", {{"stages", stages}, {"extensions", c.extensions}}},
          {"referrals", referrals},
          {"consents", consents}};
}

Result<VictimCase> CaseFromJson(const nlohmann::json& j) {
  VictimCase c;
  try {
    c.id = j.at("id").get<std::string>();
    c.agency = j.at("agency").get<std::string>();
    c.registration_date = j.at("registration_date").get<std::string>();
    const auto& p = j.at("person");
    c.sex = p.at("sex").get<std::string>();
    c.age_at_registration = p.at("age_at_registration").get<int>();
    c.citizenship = p.at("citizenship").get<std::string>();
    const auto& v = j.at("victim_context");
    c.trafficking_status = v.at("trafficking_status").get<std::string>();
    c.status_decided_by = v.at("status_decided_by").get<std::string>();
    c.age_when_trafficked = v.at("age_when_trafficked").get<int>();
    c.recruiter_relation = v.at("recruiter_relation").get<std::string>();
    c.recruitment_method = v.at("recruitment_method").get<std::string>();
    c.means_of_control = v.at("means_of_control").get<std::vector<std::string>>();
    c.exploitation_types = v.at("exploitation_types").get<std::vector<std::string>>();
    c.labour_sector = v.at("labour_sector").get<std::string>();
    c.months_trafficked = v.at("months_trafficked").get<int>();
    c.perpetrator_roles = j.at("perpetrator_roles").get<std::vector<std::string>>();
    for (const auto& e : j.at("events"))
      c.events.push_back({e.at("kind"), e.at("country"), e.at("city"), e.at("date")});
    c.support_plan = j.at("support_plan").get<std::vector<std::string>>();
    c.offences = j.at("offences").get<std::vector<std::string>>();
    for (const auto& s : j.at("nrm").at("stages"))
      c.stages.push_back({s.at("stage"), s.at("date"), s.at("authority"), s.at("note")});
    c.extensions = j.at("nrm").at("extensions").get<int>();
    for (const auto& r : j.at("referrals"))
      c.referrals.push_back(
          {r.at("direction"), r.at("service"), r.at("provider"), r.at("date"), r.at("identity_shared").get<bool>()});
    for (const auto& k : j.at("consents"))
      c.consents.push_back({k.at("purpose"), k.at("granted").get<bool>(), k.at("date"), k.at("recorded_by")});
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(fmt::format("stored case {} is malformed ({})", c.id.empty() ? "?" : c.id, e.what()));
  }
  return c;
}

}  // namespace kashf::victims
