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

Status RunShow(const GlobalOptions& g, const ShowArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, a.reveal, false));
  KASHF_ASSIGN_OR_RETURN(victims::VictimCase c, registry->GetCase(actor, a.case_id));
  nlohmann::json j = victims::CaseToJson(c);
  if (a.reveal) {
    KASHF_ASSIGN_OR_RETURN(victims::Identity id, registry->RevealIdentity(actor, a.case_id, a.purpose));
    j["identity"] = {{"full_name", id.full_name},
                     {"father_name", id.father_name},
                     {"national_id", id.national_id},
                     {"date_of_birth", id.date_of_birth},
                     {"phone", id.phone}};
  }
  if (g.json) {
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("{}  agency {}  registered {}\n", c.id, c.agency, c.registration_date);
  if (a.reveal)
    fmt::print("identity: {} (father {}), id {}, born {}, phone {}\n", j["identity"]["full_name"].get<std::string>(),
               j["identity"]["father_name"].get<std::string>(), j["identity"]["national_id"].get<std::string>(),
               j["identity"]["date_of_birth"].get<std::string>(), j["identity"]["phone"].get<std::string>());
  fmt::print("person: {}, age {}, citizen of {}\n", c.sex, c.age_at_registration, c.citizenship);
  fmt::print("status: {} (decided by {}); exploitation: {}{}\n", c.trafficking_status, c.status_decided_by,
             Join(c.exploitation_types, ", "), c.labour_sector.empty() ? "" : " in " + c.labour_sector);
  fmt::print("route: {}; months trafficked {}; recruiter: {}\n", c.Route(), c.months_trafficked, c.recruiter_relation);
  fmt::print("means of control: {}\n",
             c.means_of_control.empty() ? std::string("none recorded") : Join(c.means_of_control, ", "));
  fmt::print("offences: {}\n", c.offences.empty() ? std::string("none linked") : Join(c.offences, ", "));
  fmt::print("NRM stages:\n");
  for (const auto& s : c.stages)
    fmt::print("  {}  {:<22} {}{}\n", s.date, s.stage, s.authority.empty() ? "" : "by " + s.authority,
               s.note.empty() ? "" : "  (" + s.note + ")");
  fmt::print("referrals: {}\n", c.referrals.size());
  for (const auto& r : c.referrals)
    fmt::print("  {} {} {} {} {}\n", r.date, r.direction, r.service, r.provider,
               r.identity_shared ? "(identity shared)" : "");
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
