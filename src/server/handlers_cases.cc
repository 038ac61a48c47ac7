// Survivors' NRM cases: own agency only (need-to-know), every read audited by the registry;
// identity reveal only with the server's key and a purpose (consent-checked by the registry).
#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/core/text.h"
#include "kashf/victims/case_json.h"
#include "kashf/victims/civil_date.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

Status CheckCaseId(const std::string& id) {
  if (id.empty() || id.size() > 64 || !IsValidUtf8(id))
    return Status::InvalidArgument("a case id is 1-64 bytes, e.g. case-000042");
  return Status::Ok();
}

Reply NoKey() {
  return ErrorReply(
      409, "identity_key_missing",
      "this server was started without the victim-identity key (kashf serve --key-file PATH), so identities "
      "can be neither read nor written");
}

nlohmann::json CaseView(const Api::State& s, const victims::VictimCase& c) {
  nlohmann::json j = victims::CaseToJson(c);
  j["current_stage"] = c.CurrentStage();
  auto due = s.nrm->DueDay(c);
  j["due_date"] = due ? nlohmann::json(victims::DateFromDayNumber(*due)) : nlohmann::json(nullptr);
  j["route"] = c.Route();
  return j;
}

Result<Reply> ListCases(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(50));
  KASHF_ASSIGN_OR_RETURN(bool summary, c.QueryBool("summary", false));
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_ASSIGN_OR_RETURN(auto ids, reg->ListCases(c.Actor()));
  nlohmann::json out = PageOf(nlohmann::json(ids), page);
  if (summary) {  // each summarised case is a read of that case, audited as such by the registry
    nlohmann::json items = nlohmann::json::array();
    for (const auto& id : out["items"]) {
      KASHF_ASSIGN_OR_RETURN(victims::VictimCase vc, reg->GetCase(c.Actor(), id.get<std::string>()));
      auto due = c.state.nrm->DueDay(vc);
      items.push_back({{"id", vc.id},
                       {"agency", vc.agency},
                       {"registration_date", vc.registration_date},
                       {"current_stage", vc.CurrentStage()},
                       {"due_date", due ? nlohmann::json(victims::DateFromDayNumber(*due)) : nlohmann::json(nullptr)},
                       {"trafficking_status", vc.trafficking_status},
                       {"exploitation_types", vc.exploitation_types}});
    }
    out["items"] = items;
  }
  KASHF_RETURN_IF_ERROR(c.Audit("cases.list", "", fmt::format("visible={} offset={}", ids.size(), page.offset)));
  return JsonReply(out);
}

Result<Reply> GetCase(Call& c) {
  const std::string& id = c.Param("case_id");
  KASHF_RETURN_IF_ERROR(CheckCaseId(id));
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_ASSIGN_OR_RETURN(victims::VictimCase vc, reg->GetCase(c.Actor(), id));
  return JsonReply(CaseView(c.state, vc));
}

Result<Reply> RevealIdentity(Call& c) {
  const std::string& id = c.Param("case_id");
  KASHF_RETURN_IF_ERROR(CheckCaseId(id));
  BodyReader b(c.body);
  b.OnlyFields({"purpose"});
  std::string purpose = b.String("purpose", true, 64);
  KASHF_RETURN_IF_ERROR(b.status());
  if (!c.state.vault) return NoKey();
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_ASSIGN_OR_RETURN(victims::Identity who, reg->RevealIdentity(c.Actor(), id, purpose));
  return JsonReply({{"case_id", id}, {"purpose", purpose}, {"identity", victims::IdentityToJson(who)}});
}

Result<Reply> FindByNationalId(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"national_id"});
  std::string nid = b.String("national_id", true, 64);
  KASHF_RETURN_IF_ERROR(b.status());
  if (!c.state.vault) return NoKey();
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_ASSIGN_OR_RETURN(auto ids, reg->FindByNationalId(c.Actor(), nid));
  return JsonReply({{"items", ids}});
}

Result<Reply> CreateCase(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"case", "identity"});
  nlohmann::json input = b.Object("case", true);
  nlohmann::json identity = b.Object("identity", true);
  KASHF_RETURN_IF_ERROR(b.status());
  BodyReader ib(identity);
  ib.OnlyFields({"full_name", "father_name", "national_id", "date_of_birth", "phone", "first_name", "middle_name",
                 "second_name", "email", "address_street", "address_city", "address_state", "address_postal_code",
                 "address_country", "home_phone", "vulnerability_details"});
  victims::NewCase nc;
  for (const char* name : victims::IdentityFieldNames()) {
    std::string_view f = name;
    size_t limit = f == "national_id"             ? 64
                   : f == "date_of_birth"         ? 10
                   : f == "phone"                 ? 32
                   : f == "vulnerability_details" ? 4000
                                                  : 200;
    *victims::IdentityField(nc.identity, f) = ib.String(name, false, limit);
  }
  if (ib.ok() && !nc.identity.HasName())
    return Status::InvalidArgument("identity: give the survivor's name as first_name/second_name (or full_name)");
  if (!ib.ok()) return Status::InvalidArgument("identity: " + ib.status().message());
  if (!c.state.vault) return NoKey();
  for (const char* forbidden : {"id", "agency", "nrm", "referrals"})
    if (input.contains(forbidden))
      return Status::InvalidArgument(
          fmt::format("case field '{}' is set by the server (id, agency, NRM stages and referrals have "
                      "their own endpoints)",
                      forbidden));
  nlohmann::json full = victims::CaseToJson(victims::VictimCase{});
  full.merge_patch(input);
  full["id"] = "";
  full["agency"] = c.user->agency;
  auto parsed = victims::CaseFromJson(full);
  if (!parsed.ok())
    return Status::InvalidArgument(
        "field 'case' does not have the shape of a case (see CaseInput in docs/openapi.yaml)");
  nc.record = std::move(*parsed);
  nc.record.stages.clear();
  nc.record.extensions = 0;
  for (auto& k : nc.record.consents) {
    k.recorded_by = c.user->username;
    if (!c.state.nrm->IsConsentPurpose(k.purpose))
      return Status::InvalidArgument("a consent names an unknown purpose (see /api/v1/reference/nrm)");
    if (!victims::DayNumber(k.date)) return Status::InvalidArgument("a consent date is not YYYY-MM-DD");
  }
  std::vector<victims::NewCase> batch;
  batch.push_back(std::move(nc));
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_ASSIGN_OR_RETURN(auto ids, reg->CreateCases(c.Actor(), std::move(batch)));
  KASHF_ASSIGN_OR_RETURN(victims::VictimCase stored, reg->GetCase(c.Actor(), ids.front()));
  return JsonReply(CaseView(c.state, stored), 201);
}

template <typename Fn>
Result<Reply> Change(Call& c, Fn fn) {
  const std::string& id = c.Param("case_id");
  KASHF_RETURN_IF_ERROR(CheckCaseId(id));
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_RETURN_IF_ERROR(fn(*reg, id));
  KASHF_ASSIGN_OR_RETURN(victims::VictimCase vc, reg->GetCase(c.Actor(), id));
  return JsonReply(CaseView(c.state, vc));
}

Status NeedDate(const std::string& field, const std::string& value) {
  if (!victims::DayNumber(value))
    return Status::InvalidArgument(fmt::format("field '{}' must be a date YYYY-MM-DD", field));
  return Status::Ok();
}

Result<Reply> Transition(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"to", "date", "authority", "note"});
  std::string to = b.String("to", true, 64), date = b.String("date", true, 10);
  std::string authority = b.String("authority", false, 200), note = b.String("note", false, 2000);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_RETURN_IF_ERROR(NeedDate("date", date));
  return Change(c, [&](victims::CaseRegistry& reg, const std::string& id) {
    return reg.Transition(c.Actor(), id, to, date, authority, note);
  });
}

Result<Reply> Extend(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"date", "authority"});
  std::string date = b.String("date", true, 10), authority = b.String("authority", false, 200);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_RETURN_IF_ERROR(NeedDate("date", date));
  return Change(
      c, [&](victims::CaseRegistry& reg, const std::string& id) { return reg.Extend(c.Actor(), id, date, authority); });
}

Result<Reply> Consent(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"purpose", "granted", "date"});
  victims::ConsentRecord k;
  k.purpose = b.String("purpose", true, 64);
  k.granted = b.Bool("granted", false);
  if (!c.body.contains("granted")) return Status::InvalidArgument("field 'granted' (true or false) is required");
  k.date = b.String("date", true, 10);
  k.recorded_by = c.user->username;
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_RETURN_IF_ERROR(NeedDate("date", k.date));
  return Change(c,
                [&](victims::CaseRegistry& reg, const std::string& id) { return reg.RecordConsent(c.Actor(), id, k); });
}

Result<Reply> Refer(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields(
      {"direction", "service", "provider", "date", "identity_shared", "case_worker", "reason", "details", "outcome"});
  victims::Referral r;
  r.direction = b.String("direction", true, 8);
  r.service = b.String("service", true, 64);
  r.provider = b.String("provider", true, 200);
  r.date = b.String("date", true, 10);
  r.identity_shared = b.Bool("identity_shared", false);
  r.case_worker = b.String("case_worker", false, 200);
  r.reason = b.String("reason", false, 64);
  r.details = b.String("details", false, 2000);
  r.outcome = b.String("outcome", false, 64);
  KASHF_RETURN_IF_ERROR(b.status());
  if (r.direction != "in" && r.direction != "out")
    return Status::InvalidArgument("field 'direction' must be 'in' or 'out'");
  KASHF_RETURN_IF_ERROR(NeedDate("date", r.date));
  return Change(c,
                [&](victims::CaseRegistry& reg, const std::string& id) { return reg.AddReferral(c.Actor(), id, r); });
}

Result<Reply> LinkOffence(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"offence_id"});
  std::string offence = b.String("offence_id", true, 64);
  KASHF_RETURN_IF_ERROR(b.status());
  return Change(
      c, [&](victims::CaseRegistry& reg, const std::string& id) { return reg.LinkOffence(c.Actor(), id, offence); });
}

Result<Reply> Overdue(Call& c) {
  std::string today = c.Query("today", victims::TodayUtc());
  KASHF_RETURN_IF_ERROR(NeedDate("today", today));
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(50));
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  KASHF_ASSIGN_OR_RETURN(auto rows, reg->Overdue(c.Actor(), today));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : rows)
    items.push_back({{"case_id", o.case_id},
                     {"agency", o.agency},
                     {"stage", o.stage},
                     {"due_date", o.due_date},
                     {"days_overdue", o.days_overdue}});
  KASHF_RETURN_IF_ERROR(c.Audit("cases.overdue", "", fmt::format("count={}", rows.size())));
  return JsonReply(PageOf(items, page));
}

Result<Reply> NrmReference(Call& c) {
  nlohmann::json stages = nlohmann::json::array(), purposes = nlohmann::json::array();
  for (const auto& s : c.state.nrm->stages())
    stages.push_back({{"id", s.id},
                      {"name", s.name},
                      {"deadline_days", s.deadline_days ? nlohmann::json(*s.deadline_days) : nlohmann::json(nullptr)},
                      {"extension_days", s.extension_days},
                      {"max_extensions", s.max_extensions},
                      {"requires_authority", s.requires_authority},
                      {"authorities", s.authorities},
                      {"next", s.next}});
  for (const auto& p : c.state.nrm->consent_purposes()) purposes.push_back({{"id", p.id}, {"name", p.name}});
  return JsonReply(
      {{"stages", stages}, {"consent_purposes", purposes}, {"reveal_purposes_besides_consent", {"case_management"}}});
}

Result<Reply> Offences(Call& c) {
  nlohmann::json items = nlohmann::json::array();
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  for (const auto& o : c.state.offences->offences())
    items.push_back({{"id", o.id},
                     {"jurisdiction", o.jurisdiction},
                     {"law", o.law},
                     {"section", o.section},
                     {"title", o.title},
                     {"iccs", o.iccs},
                     {"prison_min_years", opt(o.prison_min_years)},
                     {"prison_max_years", opt(o.prison_max_years)},
                     {"fine_max", opt(o.fine_max)},
                     {"currency", o.currency},
                     {"in_force_from", o.in_force_from},
                     {"verified", o.verified},
                     {"note", o.note}});
  return JsonReply({{"items", items}});
}

}  // namespace

void AddCaseRoutes(Router& r) {
  r.Add({"GET", "/api/v1/cases", Permission::kReadCases, false, ListCases,
         "case ids of own agency (limit, offset, summary)"});
  r.Add({"POST", "/api/v1/cases", Permission::kWriteCases, true, CreateCase,
         "register a case with its (encrypted) identity"});
  r.Add({"GET", "/api/v1/cases/overdue", Permission::kReadCases, false, Overdue,
         "cases past their NRM stage deadline (today)"});
  r.Add({"POST", "/api/v1/cases/search", Permission::kReadCases, true, FindByNationalId,
         "find own agency's cases by national id (blind index; needs the key)"});
  r.Add({"GET", "/api/v1/cases/{case_id}", Permission::kReadCases, false, GetCase, "one case without identity"});
  r.Add({"POST", "/api/v1/cases/{case_id}/identity", Permission::kRevealIdentity, true, RevealIdentity,
         "decrypt the identity for a purpose (consent-checked, audited)"});
  r.Add({"POST", "/api/v1/cases/{case_id}/transitions", Permission::kWriteCases, true, Transition,
         "move to another NRM stage"});
  r.Add({"POST", "/api/v1/cases/{case_id}/extensions", Permission::kWriteCases, true, Extend,
         "extend the current stage deadline"});
  r.Add({"POST", "/api/v1/cases/{case_id}/consents", Permission::kWriteCases, true, Consent,
         "record a consent decision"});
  r.Add({"POST", "/api/v1/cases/{case_id}/referrals", Permission::kWriteCases, true, Refer,
         "record a referral in or out"});
  r.Add({"POST", "/api/v1/cases/{case_id}/offences", Permission::kWriteCases, true, LinkOffence, "link an offence"});
  r.Add({"GET", "/api/v1/reference/nrm", Permission::kReadReference, false, NrmReference,
         "NRM stages and consent purposes"});
  r.Add({"GET", "/api/v1/reference/offences", Permission::kReadReference, false, Offences, "offence table"});
}

}  // namespace kashf::server
