// kashf case transition | extend | overdue: NRM stages, deadlines and the overdue list.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/victims/civil_date.h"

namespace kashf::cli {
namespace {

struct StageArgs {
  VictimOptions v;
  std::string case_id, stage, date, authority, note, today;
};

Status RunTransition(const GlobalOptions& g, const StageArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  std::string date = a.date.empty() ? victims::TodayUtc() : a.date;
  KASHF_RETURN_IF_ERROR(registry->Transition(actor, a.case_id, a.stage, date, a.authority, a.note));
  if (!g.quiet) fmt::print("{} is now in stage {} (since {})\n", a.case_id, a.stage, date);
  return Status::Ok();
}

Status RunExtend(const GlobalOptions& g, const StageArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  std::string date = a.date.empty() ? victims::TodayUtc() : a.date;
  KASHF_RETURN_IF_ERROR(registry->Extend(actor, a.case_id, date, a.authority));
  if (!g.quiet) fmt::print("{}: current stage extended on {}\n", a.case_id, date);
  return Status::Ok();
}

Status RunOverdue(const GlobalOptions& g, const StageArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  std::string today = a.today.empty() ? victims::TodayUtc() : a.today;
  KASHF_ASSIGN_OR_RETURN(auto rows, registry->Overdue(actor, today));
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : rows)
      j.push_back({{"case", r.case_id},
                   {"agency", r.agency},
                   {"stage", r.stage},
                   {"due", r.due_date},
                   {"days_overdue", r.days_overdue}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("{:<12} {:<22} {:<22} {:<10} {:>6}\n", "case", "agency", "stage", "due", "late");
  for (const auto& r : rows)
    fmt::print("{:<12} {:<22} {:<22} {:<10} {:>6}\n", r.case_id, r.agency, r.stage, r.due_date, r.days_overdue);
  fmt::print("{} cases overdue on {}\n", rows.size(), today);
  return Status::Ok();
}

CaseSubcommandRegistration transition_reg(40, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<StageArgs>();
  auto* cmd = app.add_subcommand("transition", "Move a case to its next NRM stage (invalid moves are refused)");
  cmd->add_option("CASE", args->case_id, "Case id")->required();
  cmd->add_option("STAGE", args->stage, "Next stage (data/reference/nrm.yaml), e.g. reasonable_grounds")->required();
  cmd->add_option("--date", args->date, "When (YYYY-MM-DD; default today)");
  cmd->add_option("--authority", args->authority, "Deciding authority (required for decisions), e.g. fia");
  cmd->add_option("--note", args->note, "Short note (no names)");
  AddVictimOptions(cmd, args->v);
  cmd->footer(
      "Stages: identification -> referral -> reasonable_grounds -> recovery_reflection -> services ->\n"
      "conclusive_decision -> justice_participation -> return_reintegration -> follow_up -> closure.\n"
      "Example: kashf --db kashf.db case transition case-000042 reasonable_grounds --authority fia --date 2025-03-04");
  return [&g, args] { return RunTransition(g, *args); };
});

CaseSubcommandRegistration extend_reg(41, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<StageArgs>();
  auto* cmd =
      app.add_subcommand("extend", "Extend the current stage's deadline after a review (e.g. recovery and reflection)");
  cmd->add_option("CASE", args->case_id, "Case id")->required();
  cmd->add_option("--date", args->date, "Date of the review (default today)");
  cmd->add_option("--authority", args->authority, "Who decided the extension");
  AddVictimOptions(cmd, args->v);
  return [&g, args] { return RunExtend(g, *args); };
});

CaseSubcommandRegistration overdue_reg(42, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<StageArgs>();
  auto* cmd = app.add_subcommand("overdue", "Cases that stayed in a stage past its deadline, most overdue first");
  cmd->add_option("--today", args->today, "Reference date (default today)");
  AddVictimOptions(cmd, args->v);
  cmd->footer("Example: kashf --db kashf.db case overdue --agency shelter-dar-ul-aman");
  return [&g, args] { return RunOverdue(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
