#include "htcds_schema.h"

#include <cmath>

namespace kashf::victims::htcds {
namespace {

using nlohmann::json;

// A field of the case record (one-object groups).
template <class M>
Field Of(const char* name, Kind kind, M VictimCase::*m, const char* picklist = nullptr, bool required = false) {
  return {name,
          kind,
          picklist,
          required,
          false,
          [m](const ExchangeCase& c, size_t) { return json(c.record.*m); },
          [m](ExchangeCase& c, size_t, const json& v) {
            c.record.*m = v.get<M>();
            return std::string();
          }};
}

// A sealed field of the identity.
Field Sealed(const char* name, Kind kind, std::string Identity::*m) {
  return {name,
          kind,
          nullptr,
          false,
          true,
          [m](const ExchangeCase& c, size_t) { return json(c.identity.*m); },
          [m](ExchangeCase& c, size_t, const json& v) {
            c.identity.*m = v.get<std::string>();
            return std::string();
          }};
}

// A field of record `i` of a list of the case (events, referrals, ...).
template <class E, class M>
Field Item(const char* name, Kind kind, std::vector<E> VictimCase::*list, M E::*m, const char* picklist = nullptr,
           bool required = false) {
  return {name,
          kind,
          picklist,
          required,
          false,
          [list, m](const ExchangeCase& c, size_t i) { return json((c.record.*list)[i].*m); },
          [list, m](ExchangeCase& c, size_t i, const json& v) {
            (c.record.*list)[i].*m = v.get<M>();
            return std::string();
          }};
}

// `f`, travelling only with identities: free text about the survivor kept in the case record (an
// event's description, referral details, closure reason, a perpetrator's role details, a support
// objective) may name people or places that identify the survivor.
Field OnlyWithIdentities(Field f) {
  f.sealed = true;
  return f;
}

// A field of comment `i` (sealed: comments are part of the identity).
Field CommentField(const char* name, Kind kind, std::string CaseComment::*m, bool required) {
  return {name,
          kind,
          nullptr,
          required,
          true,
          [m](const ExchangeCase& c, size_t i) { return json(c.identity.comments[i].*m); },
          [m](ExchangeCase& c, size_t i, const json& v) {
            c.identity.comments[i].*m = v.get<std::string>();
            return std::string();
          }};
}

// A referral field HTCDS names by direction (cas_Referring*/Incoming* for "in", cas_Referred*/
// Outgoing* for "out"): read only from referrals of that direction; setting it sets the direction.
Field Directed(const char* name, Kind kind, const char* direction, std::string Referral::*m,
               const char* picklist = nullptr) {
  return {name,
          kind,
          picklist,
          false,
          false,
          [direction, m](const ExchangeCase& c, size_t i) {
            const Referral& r = c.record.referrals[i];
            return r.direction == direction ? json(r.*m) : json();
          },
          [direction, m](ExchangeCase& c, size_t i, const json& v) {
            Referral& r = c.record.referrals[i];
            if (!r.direction.empty() && r.direction != direction)
              return std::string(
                  "a referral is either incoming (cas_Referring*, *Incoming*) or outgoing "
                  "(cas_Referred*, *Outgoing*), not both");
            r.direction = direction;
            r.*m = v.get<std::string>();
            return std::string();
          }};
}

// hte_Latitude / hte_Longitude of event `i`, kept as the identity's EventPoint for that event.
Field Coordinate(const char* name, double EventPoint::*m) {
  return {name,
          Kind::kNumber,
          nullptr,
          false,
          true,
          [m](const ExchangeCase& c, size_t i) {
            for (const auto& p : c.identity.event_points)
              if (p.event == i) return json(p.*m);
            return json();
          },
          [m](ExchangeCase& c, size_t i, const json& v) {
            EventPoint* point = nullptr;
            for (auto& p : c.identity.event_points)
              if (p.event == i) point = &p;
            if (!point) point = &c.identity.event_points.emplace_back(EventPoint{i, std::nan(""), std::nan("")});
            point->*m = v.get<double>();
            return std::string();
          }};
}

json StagesToJson(const std::vector<StageRecord>& stages) {
  json out = json::array();
  for (const auto& s : stages)
    out.push_back({{"stage", s.stage}, {"date", s.date}, {"authority", s.authority}, {"note", s.note}});
  return out;
}

json ConsentsToJson(const std::vector<ConsentRecord>& consents) {
  json out = json::array();
  for (const auto& k : consents)
    out.push_back({{"purpose", k.purpose}, {"granted", k.granted}, {"date", k.date}, {"recorded_by", k.recorded_by}});
  return out;
}

std::vector<Group> MakeGroups() {
  using C = VictimCase;
  auto one = [](const ExchangeCase&) { return size_t{1}; };
  std::vector<Group> g;
  g.push_back({"case",
               "Case",
               false,
               one,
               nullptr,
               {{kCaseId, Kind::kText, nullptr, true, false,
                 [](const ExchangeCase& c, size_t) {
                   return json(c.record.source_id.empty() ? c.record.id : c.record.source_id);
                 },
                 [](ExchangeCase& c, size_t, const json& v) {
                   c.record.source_id = v.get<std::string>();
                   return std::string();
                 }},
                Of("kashf_Agency", Kind::kText, &C::agency),
                Of("kashf_RegistrationDate", Kind::kDate, &C::registration_date, nullptr, true),
                Of("cas_Status", Kind::kText, &C::case_status, "case_status", true),
                Of("cas_CaseOwner", Kind::kText, &C::case_owner),
                OnlyWithIdentities(Of("cas_ReasonForCaseClosure", Kind::kText, &C::closure_reason)),
                Of("kashf_SupportServices", Kind::kTextList, &C::support_plan),
                Of("kashf_Offences", Kind::kTextList, &C::offences),
                {"kashf_NrmStages", Kind::kJson, nullptr, false, false,
                 [](const ExchangeCase& c, size_t) { return StagesToJson(c.record.stages); },
                 [](ExchangeCase& c, size_t, const json& v) {
                   for (const auto& s : v)
                     c.record.stages.push_back({s.at("stage"), s.at("date"), s.at("authority"), s.at("note")});
                   return std::string();
                 }},
                Of("kashf_NrmExtensions", Kind::kInt, &C::extensions),
                {"kashf_Consents", Kind::kJson, nullptr, false, false,
                 [](const ExchangeCase& c, size_t) { return ConsentsToJson(c.record.consents); },
                 [](ExchangeCase& c, size_t, const json& v) {
                   for (const auto& k : v)
                     c.record.consents.push_back(
                         {k.at("purpose"), k.at("granted").get<bool>(), k.at("date"), k.at("recorded_by")});
                   return std::string();
                 }}}});
  g.push_back({"person",
               "Person",
               false,
               one,
               nullptr,
               {Sealed("prs_FirstName", Kind::kText, &Identity::first_name),
                Sealed("prs_MiddleName", Kind::kText, &Identity::middle_name),
                Sealed("prs_SecondName", Kind::kText, &Identity::second_name),
                Sealed("kashf_FullName", Kind::kText, &Identity::full_name),
                Sealed("kashf_FatherName", Kind::kText, &Identity::father_name),
                Sealed("kashf_NationalId", Kind::kText, &Identity::national_id),
                Sealed("prs_Birthdate", Kind::kText, &Identity::date_of_birth),
                Of("prs_Gender", Kind::kText, &C::sex, "gender", true),
                Of("kashf_AgeAtRegistration", Kind::kInt, &C::age_at_registration),
                Of("prs_Deceased", Kind::kBool, &C::deceased),
                {"prs_Citizenship", Kind::kTextList, nullptr, true, false,
                 [](const ExchangeCase& c, size_t) {
                   json all = json::array();
                   if (!c.record.citizenship.empty()) all.push_back(c.record.citizenship);
                   for (const auto& x : c.record.additional_citizenships) all.push_back(x);
                   return all;
                 },
                 [](ExchangeCase& c, size_t, const json& v) {
                   auto all = v.get<std::vector<std::string>>();
                   c.record.citizenship = all.front();
                   c.record.additional_citizenships.assign(all.begin() + 1, all.end());
                   return std::string();
                 }},
                Sealed("prs_Email", Kind::kText, &Identity::email),
                Sealed("prs_HomePhone", Kind::kText, &Identity::home_phone),
                Sealed("prs_MobilePhone", Kind::kText, &Identity::phone),
                Sealed("prs_MailingStreet", Kind::kText, &Identity::address_street),
                Sealed("prs_MailingCity", Kind::kText, &Identity::address_city),
                Sealed("prs_MailingState", Kind::kText, &Identity::address_state),
                Sealed("prs_MailingPostalCode", Kind::kText, &Identity::address_postal_code),
                Sealed("prs_MailingCountry", Kind::kText, &Identity::address_country),
                Of("prs_MaritalStatus", Kind::kText, &C::marital_status, "marital_status"),
                Of("prs_NumberOfChildren", Kind::kInt, &C::number_of_children),
                Of("prs_PrimaryLanguage", Kind::kText, &C::primary_language),
                Of("prs_SecondaryLanguage", Kind::kText, &C::secondary_language),
                Of("prs_HighestLevelOfEducation", Kind::kText, &C::education, "education")}});
  g.push_back({"victim_context",
               "VictimContext",
               false,
               one,
               nullptr,
               {Of("vic_TraffickingStatus", Kind::kText, &C::trafficking_status),
                Of("kashf_StatusDecidedBy", Kind::kText, &C::status_decided_by),
                Of("vic_AgeAtEntryIntoTrafficking", Kind::kInt, &C::age_when_trafficked),
                Of("vic_RelationshipToTrafficker", Kind::kText, &C::recruiter_relation),
                Of("vic_TypeOfExploitation", Kind::kTextList, &C::exploitation_types, nullptr, true),
                Of("vic_MethodOfRecruitment", Kind::kTextList, &C::recruitment_methods, "recruitment_method"),
                Of("vic_RecruitmentWebsitesAndApps", Kind::kTextList, &C::recruitment_platforms, "platform"),
                Of("vic_MethodsOfControl", Kind::kTextList, &C::means_of_control, "means_of_control"),
                Of("vic_LabourIndustry", Kind::kText, &C::labour_sector),
                Of("vic_TypeOfSexExploitation", Kind::kTextList, &C::sexual_exploitation_types, "sexual_exploitation"),
                Of("vic_ExploitationWebsitesAndApps", Kind::kTextList, &C::exploitation_platforms, "platform"),
                Of("vic_Vulnerabilities", Kind::kTextList, &C::vulnerabilities, "vulnerability"),
                Sealed("vic_DetailsOfVulnerabilities", Kind::kText, &Identity::vulnerability_details),
                Of("kashf_MonthsTrafficked", Kind::kInt, &C::months_trafficked)}});
  g.push_back(
      {"events",
       "Events",
       true,
       [](const ExchangeCase& c) { return c.record.events.size(); },
       [](ExchangeCase& c) { c.record.events.emplace_back(); },
       {Item("hte_Type", Kind::kText, &C::events, &CaseEvent::kind, nullptr, true),
        Item("hte_Date", Kind::kDate, &C::events, &CaseEvent::date, nullptr, true),
        Item("hte_Country", Kind::kText, &C::events, &CaseEvent::country, nullptr, true),
        Item("hte_State", Kind::kText, &C::events, &CaseEvent::state),
        Item("hte_City", Kind::kText, &C::events, &CaseEvent::city),
        OnlyWithIdentities(Item("hte_Description", Kind::kText, &C::events, &CaseEvent::description)),
        Coordinate("hte_Latitude", &EventPoint::latitude), Coordinate("hte_Longitude", &EventPoint::longitude)}});
  g.push_back({"referrals",
               "Referrals",
               true,
               [](const ExchangeCase& c) { return c.record.referrals.size(); },
               [](ExchangeCase& c) { c.record.referrals.emplace_back(); },
               {Directed("cas_ReferringOrganisation", Kind::kText, "in", &Referral::provider),
                Directed("cas_IncomingReferralDate", Kind::kDate, "in", &Referral::date),
                Directed("cas_ReferringPrimaryCaseWorker", Kind::kText, "in", &Referral::case_worker),
                Directed("cas_ReasonForIncomingReferral", Kind::kText, "in", &Referral::reason, "referral_reason"),
                OnlyWithIdentities(Directed("cas_IncomingReferralDetails", Kind::kText, "in", &Referral::details)),
                Directed("cas_ReferredOrganisation", Kind::kText, "out", &Referral::provider),
                Directed("cas_OutgoingReferralDate", Kind::kDate, "out", &Referral::date),
                Directed("cas_ReferredPrimaryCaseWorker", Kind::kText, "out", &Referral::case_worker),
                Directed("cas_ReasonForOutgoingReferral", Kind::kText, "out", &Referral::reason, "referral_reason"),
                OnlyWithIdentities(Directed("cas_OutgoingReferralDetails", Kind::kText, "out", &Referral::details)),
                Item("kashf_Service", Kind::kText, &C::referrals, &Referral::service),
                Item("kashf_IdentityShared", Kind::kBool, &C::referrals, &Referral::identity_shared),
                Item("kashf_Outcome", Kind::kText, &C::referrals, &Referral::outcome, "referral_outcome")}});
  g.push_back(
      {"support_plans",
       "SupportPlans",
       true,
       [](const ExchangeCase& c) { return c.record.support_objectives.size(); },
       [](ExchangeCase& c) {
         c.record.support_objectives.push_back({"", "", "", "", "", ""});
       },
       {Item("spl_ServiceType", Kind::kText, &C::support_objectives, &SupportObjective::service, nullptr, true),
        OnlyWithIdentities(Item("spl_Objective", Kind::kText, &C::support_objectives, &SupportObjective::objective)),
        Item("spl_StartDate", Kind::kDate, &C::support_objectives, &SupportObjective::start_date),
        Item("spl_TargetDate", Kind::kDate, &C::support_objectives, &SupportObjective::target_date),
        Item("spl_CompletedDate", Kind::kDate, &C::support_objectives, &SupportObjective::completed_date),
        Item("spl_Status", Kind::kText, &C::support_objectives, &SupportObjective::status,
             "support_objective_status")}});
  g.push_back(
      {"perpetrators",
       "Perpetrators",
       true,
       [](const ExchangeCase& c) { return c.record.perpetrators.size(); },
       [](ExchangeCase& c) { c.record.perpetrators.emplace_back(); },
       {Item("per_RoleInProcess", Kind::kTextList, &C::perpetrators, &PerpetratorRecord::roles, "perpetrator_role",
             true),
        OnlyWithIdentities(Item("per_RoleDetails", Kind::kText, &C::perpetrators, &PerpetratorRecord::role_details)),
        Item("per_Organisation", Kind::kText, &C::perpetrators, &PerpetratorRecord::organisation),
        Item("kashf_EntityId", Kind::kText, &C::perpetrators, &PerpetratorRecord::entity_id),
        Item("kashf_Gender", Kind::kText, &C::perpetrators, &PerpetratorRecord::sex, "gender"),
        Item("kashf_Citizenship", Kind::kText, &C::perpetrators, &PerpetratorRecord::citizenship)}});
  g.push_back({"comments",
               "Comments",
               true,
               [](const ExchangeCase& c) { return c.identity.comments.size(); },
               [](ExchangeCase& c) { c.identity.comments.emplace_back(); },
               {CommentField("cmt_Date", Kind::kDate, &CaseComment::date, true),
                CommentField("cmt_Author", Kind::kText, &CaseComment::author, false),
                CommentField("cmt_Text", Kind::kText, &CaseComment::text, true)}});
  return g;
}

}  // namespace

const std::vector<Group>& Groups() {
  static const std::vector<Group> kGroups = MakeGroups();
  return kGroups;
}

}  // namespace kashf::victims::htcds
