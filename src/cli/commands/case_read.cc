// kashf case list | show | find: reading cases (every read is audited).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/core/text.h"
#include "kashf/victims/case_json.h"

namespace kashf::cli {
namespace {

struct ShowArgs {
  VictimOptions v;
  std::string case_id;
  bool reveal = false;
  std::string purpose = "case_management";
  std::string national_id;
};

Status RunList(const GlobalOptions& g, const ShowArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  KASHF_ASSIGN_OR_RETURN(auto ids, registry->ListCases(actor));
  if (g.json) {
    fmt::print("{}\n", nlohmann::json(ids).dump(2));
    return Status::Ok();
  }
  for (const auto& id : ids) fmt::print("{}\n", id);
  fmt::print("{} cases visible to agency {}\n", ids.size(),
             actor.all_agencies ? std::string("(all agencies)") : actor.agency);
  return Status::Ok();
}

// `s`, or "-" when it is empty.
std::string Or(const std::string& s) { return s.empty() ? std::string("-") : s; }

// The non-empty parts joined by ", ", or "-".
std::string JoinNonEmpty(const std::vector<std::string>& parts) {
  std::vector<std::string> kept;
  for (const auto& p : parts)
    if (!p.empty()) kept.push_back(p);
  return Or(Join(kept, ", "));
}

Status RunShow(const GlobalOptions& g, const ShowArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, a.reveal, false));
  KASHF_ASSIGN_OR_RETURN(victims::VictimCase c, registry->GetCase(actor, a.case_id));
  nlohmann::json j = victims::CaseToJson(c);
  victims::Identity shown;
  if (a.reveal) {
    KASHF_ASSIGN_OR_RETURN(victims::Identity id, registry->RevealIdentity(actor, a.case_id, a.purpose));
    j["identity"] = victims::IdentityToJson(id);
    shown = std::move(id);
  }
  if (g.json) {
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("{}  agency {}  registered {}\n", c.id, c.agency, c.registration_date);
  if (a.reveal) {
    fmt::print("identity: {} (father {}), id {}, born {}, phone {}, email {}\n", Or(shown.DisplayName()),
               Or(shown.father_name), Or(shown.national_id), Or(shown.date_of_birth), Or(shown.phone), Or(shown.email));
    fmt::print("address: {}\n", JoinNonEmpty({shown.address_street, shown.address_city, shown.address_state,
                                              shown.address_postal_code, shown.address_country}));
  }
  std::vector<std::string> citizenships = {c.citizenship};
  citizenships.insert(citizenships.end(), c.additional_citizenships.begin(), c.additional_citizenships.end());
  fmt::print("person: {}, age {}, citizen of {}; languages {}; education {}; marital status {}; children {}{}\n", c.sex,
             c.age_at_registration, JoinNonEmpty(citizenships),
             JoinNonEmpty({c.primary_language, c.secondary_language}), Or(c.education), Or(c.marital_status),
             c.number_of_children < 0 ? std::string("unknown") : std::to_string(c.number_of_children),
             c.deceased ? "; deceased" : "");
  fmt::print("case: {}, owner {}{}\n", c.case_status, Or(c.case_owner),
             c.closure_reason.empty() ? "" : ", closed because: " + c.closure_reason);
  fmt::print("status: {} (decided by {}); exploitation: {}{}{}\n", c.trafficking_status, c.status_decided_by,
             Join(c.exploitation_types, ", "), c.labour_sector.empty() ? "" : " in " + c.labour_sector,
             c.sexual_exploitation_types.empty() ? "" : "; sexual: " + Join(c.sexual_exploitation_types, ", "));
  fmt::print("route: {}; months trafficked {}; recruiter: {}; recruited by {}{}\n", c.Route(), c.months_trafficked,
             c.recruiter_relation, Or(Join(c.recruitment_methods, ", ")),
             c.recruitment_platforms.empty() ? "" : " via " + Join(c.recruitment_platforms, ", "));
  fmt::print("means of control: {}\n",
             c.means_of_control.empty() ? std::string("none recorded") : Join(c.means_of_control, ", "));
  fmt::print("vulnerabilities: {}\n", Or(Join(c.vulnerabilities, ", ")));
  fmt::print("perpetrators: {}\n", c.perpetrators.size());
  for (const auto& p : c.perpetrators)
    fmt::print("  {}{}{}\n", Join(p.roles, ", "), p.entity_id.empty() ? "" : "  entity " + p.entity_id,
               p.role_details.empty() ? "" : "  (" + p.role_details + ")");
  fmt::print("events:\n");
  for (const auto& e : c.events)
    fmt::print("  {}  {:<12} {} {}{}\n", e.date, e.kind, e.country, e.city,
               e.description.empty() ? "" : "  " + e.description);
  fmt::print("support plan: {}\n", Or(Join(c.support_plan, ", ")));
  for (const auto& o : c.support_objectives)
    fmt::print("  {:<14} {} -> {} {:<12} {}\n", o.service, o.start_date, o.target_date, o.status, o.objective);
  fmt::print("offences: {}\n", c.offences.empty() ? std::string("none linked") : Join(c.offences, ", "));
  fmt::print("NRM stages:\n");
  for (const auto& s : c.stages)
    fmt::print("  {}  {:<22} {}{}\n", s.date, s.stage, s.authority.empty() ? "" : "by " + s.authority,
               s.note.empty() ? "" : "  (" + s.note + ")");
  fmt::print("referrals: {}\n", c.referrals.size());
  for (const auto& r : c.referrals)
    fmt::print("  {} {} {} {} {}\n", r.date, r.direction, r.service, r.provider,
               r.identity_shared ? "(identity shared)" : "");
  for (const auto& r : c.referrals)
    if (!r.case_worker.empty() || !r.reason.empty() || !r.outcome.empty() || !r.details.empty())
      fmt::print("    {} {}: worker {}, reason {}, outcome {} {}\n", r.date, r.service, Or(r.case_worker), Or(r.reason),
                 Or(r.outcome), r.details);
  fmt::print("consent:\n");
  for (const auto& k : c.consents)
    fmt::print("  {} {:<18} {}\n", k.date, k.purpose, k.granted ? "granted" : "refused/withdrawn");
  return Status::Ok();
}

Status RunFind(const GlobalOptions& g, const ShowArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, true, false));
  KASHF_ASSIGN_OR_RETURN(auto ids, registry->FindByNationalId(actor, a.national_id));
  if (g.json) {
    fmt::print("{}\n", nlohmann::json(ids).dump(2));
    return Status::Ok();
  }
  if (ids.empty()) fmt::print("no case of agency {} has that national id\n", actor.agency);
  for (const auto& id : ids) fmt::print("{}\n", id);
  return Status::Ok();
}

CaseSubcommandRegistration list_reg(30, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ShowArgs>();
  auto* cmd = app.add_subcommand("list", "List the case ids your agency may see");
  AddVictimOptions(cmd, args->v);
  cmd->footer("Example: kashf --db kashf.db case list --agency fia-ahtc-lahore");
  return [&g, args] { return RunList(g, *args); };
});

CaseSubcommandRegistration show_reg(31, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ShowArgs>();
  auto* cmd = app.add_subcommand("show", "Show one case (identity only with --reveal and the key)");
  cmd->add_option("CASE", args->case_id, "Case id, e.g. case-000042")->required();
  cmd->add_flag("--reveal", args->reveal, "Decrypt and show the identity (needs the key; audited)");
  cmd->add_option("--purpose", args->purpose,
                  "Why the identity is read: case_management (own agency) or a consent purpose, e.g. law_enforcement")
      ->capture_default_str();
  AddVictimOptions(cmd, args->v);
  cmd->footer("Example: kashf --db kashf.db case show case-000042 --reveal --key-file victim.key");
  return [&g, args] { return RunShow(g, *args); };
});

CaseSubcommandRegistration find_reg(32, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ShowArgs>();
  auto* cmd = app.add_subcommand("find", "Find cases by national id (CNIC) without decrypting, via the blind index");
  cmd->add_option("--national-id", args->national_id, "e.g. 35202-1234567-1 (dashes optional)")->required();
  AddVictimOptions(cmd, args->v);
  return [&g, args] { return RunFind(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
