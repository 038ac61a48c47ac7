// kashf judge A B match|no-match: an analyst's decision that overrides the model, kept for good.
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/resolve/store_resolution.h"

namespace kashf::cli {
namespace {

struct JudgeArgs {
  std::string left, right, decision, note, user;
  bool no_apply = false;
};

Status RunJudge(const GlobalOptions& g, const JudgeArgs& a) {
  if (a.decision != "match" && a.decision != "no-match")
    return Status::InvalidArgument(fmt::format("decision must be 'match' or 'no-match', not '{}'", a.decision));
  if (a.left == a.right) return Status::InvalidArgument("A and B are the same id; name two different records");
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g, StoreAccess::kWrite));
  for (const auto& id : {a.left, a.right}) {
    auto e = o.store->GetEntity(id);
    if (!e.ok())
      return Status::NotFound(fmt::format("no entity '{}' in {}; find ids with `kashf search NAME`", id, g.db));
  }
  Judgement j;
  j.left = std::min(a.left, a.right);
  j.right = std::max(a.left, a.right);
  j.match = a.decision == "match";
  j.user = a.user.empty() ? (std::getenv("USER") ? std::getenv("USER") : "analyst") : a.user;
  j.at = NowUnixSeconds();
  j.note = a.note;
  KASHF_RETURN_IF_ERROR(o.store->Begin());
  if (Status st = o.store->PutJudgement(j); !st.ok()) {
    (void)o.store->Rollback();
    return st;
  }
  KASHF_RETURN_IF_ERROR(o.store->Commit());
  bool applied = false;
  if (!a.no_apply) {
    KASHF_ASSIGN_OR_RETURN(auto normaliser, resolve::NameNormaliser::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto state, resolve::ResolutionState::Open(g.db));
    KASHF_ASSIGN_OR_RETURN(auto run, state->LatestRun());
    if (run) {  // re-cluster everything with the stored model so the decision takes effect now
      resolve::StoreResolveOptions options;
      options.full = true;
      KASHF_ASSIGN_OR_RETURN(auto result, resolve::ResolveStore(*o.store, g.db, normaliser, options));
      (void)result;
      applied = true;
    }
  }
  KASHF_ASSIGN_OR_RETURN(std::string cl, o.store->ClusterOf(a.left));
  KASHF_ASSIGN_OR_RETURN(std::string cr, o.store->ClusterOf(a.right));
  if (g.json) {
    fmt::print("{}\n", nlohmann::json{{"left", j.left},
                                      {"right", j.right},
                                      {"decision", a.decision},
                                      {"user", j.user},
                                      {"applied", applied},
                                      {"left_cluster", cl},
                                      {"right_cluster", cr}}
                           .dump(2));
    return Status::Ok();
  }
  fmt::print("recorded: {} and {} are {}\n", j.left, j.right, j.match ? "the same person" : "different persons");
  if (applied)
    fmt::print("applied: {} (entities {} and {})\n", cl == cr ? "now one entity" : "now separate entities", cl, cr);
  else fmt::print("it takes effect at the next `kashf resolve` (judgements always override the model)\n");
  fmt::print("to undo, judge the pair again with the opposite decision; no statement is ever deleted\n");
  return Status::Ok();
}

CommandRegistration reg(53, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<JudgeArgs>();
  auto* cmd = app.add_subcommand("judge", "Record that two records are (match) or are not (no-match) the same person");
  cmd->footer(
      "The decision is stored with your user name and time, overrides the model in every later\n"
      "`kashf resolve`, and is applied at once. Judge again to change your mind.\n"
      "Example: kashf --db case.db judge fir.Person.1a2b... fia.Person.3c4d... no-match --note \"different fathers\"");
  cmd->add_option("A", args->left, "First entity id")->required();
  cmd->add_option("B", args->right, "Second entity id")->required();
  cmd->add_option("decision", args->decision, "match | no-match")
      ->required()
      ->check(CLI::IsMember({"match", "no-match"}));
  cmd->add_option("--note", args->note, "Why (kept with the judgement)");
  cmd->add_option("--user", args->user, "Who decides (default: $USER)");
  cmd->add_flag("--no-apply", args->no_apply, "Only record; apply at the next `kashf resolve`");
  return [&g, args] { return RunJudge(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
