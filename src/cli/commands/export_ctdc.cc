// kashf export ctdc (also `kashf export-ctdc`): a CTDC-style aggregate table that may leave the system, with small-cell
// suppression (default k = 11) or differential privacy (--dp; epsilon charged to the ledger).
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands/case_command.h"
#include "kashf/analytics/ctdc_export.h"
#include "kashf/analytics/privacy_budget.h"
#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct ExportArgs {
  VictimOptions v;
  std::string by = "gender,ageBroad";
  int64_t k = 11;
  std::string dp;  // "", laplace, gaussian
  double epsilon = 1.0;
  double delta = 1e-6;
  int64_t threshold = 5;
  int first_year = 2015, last_year = 2030;
  std::string out;
};

Status RunExportCtdc(const GlobalOptions& g, const ExportArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  analytics::CtdcExportOptions o;
  KASHF_ASSIGN_OR_RETURN(o.variables, analytics::ParseVariableList(a.by));
  o.k = a.k;
  if (!a.dp.empty()) {
    analytics::DpOptions dp;
    dp.mechanism = a.dp == "gaussian" ? analytics::DpMechanism::kGaussian : analytics::DpMechanism::kLaplace;
    dp.epsilon = a.epsilon;
    dp.delta = dp.mechanism == analytics::DpMechanism::kGaussian ? a.delta : 0.0;
    dp.threshold = a.threshold;
    if (dp.mechanism == analytics::DpMechanism::kGaussian)
      KASHF_RETURN_IF_ERROR(analytics::GaussianSigma(dp.epsilon, dp.delta).status());
    o.dp = dp;
  }
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, false, false));
  KASHF_ASSIGN_OR_RETURN(auto bands, analytics::AgeBands::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto cases, registry->CasesWithConsent(actor, "statistics"));
  std::vector<analytics::CtdcRecord> records;
  for (const auto& c : cases) records.push_back(analytics::ToCtdcRecord(c, bands));
  std::optional<analytics::VariableDomains> domains;
  std::unique_ptr<analytics::UniformSource> noise;
  std::optional<analytics::DpRelease> spent;
  if (o.dp) {
    KASHF_ASSIGN_OR_RETURN(domains, analytics::VariableDomains::LoadDefault(a.first_year, a.last_year));
    noise = analytics::SystemUniformSource();
    if (!noise) return Status::Internal("libsodium could not be initialised");
    KASHF_ASSIGN_OR_RETURN(auto budget, analytics::OpenSqlitePrivacyBudget(g.db));
    KASHF_ASSIGN_OR_RETURN(auto limits, analytics::BudgetLimits::LoadDefault());
    analytics::DpRelease r{
        0, 0, actor.user, actor.agency, fmt::format("ctdc by={} {}", a.by, a.dp), o.dp->epsilon, o.dp->delta};
    KASHF_ASSIGN_OR_RETURN(spent, budget->Spend(r, limits));  // charged before anything is computed
  }
  KASHF_ASSIGN_OR_RETURN(auto e, analytics::ExportCtdc(records, o, domains ? &*domains : nullptr, noise.get()));
  if (!a.out.empty()) {
    std::ofstream f(a.out, std::ios::binary | std::ios::trunc);
    if (!(f << e.csv)) return Status::IoError(fmt::format("cannot write {}", a.out));
  }
  size_t released = 0;
  for (const auto& c : e.table.cells) released += c.released.has_value();
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenSqliteAuditLog(g.db));
  std::string detail =
      o.dp ? fmt::format("by={} dp={} epsilon={} delta={} cells={}", a.by, a.dp, o.dp->epsilon, o.dp->delta, released)
           : fmt::format("by={} k={} cells={} withheld={}", a.by, a.k, released,
                         e.suppression.primary + e.suppression.complementary);
  KASHF_RETURN_IF_ERROR(log->Append({0, 0, actor.user, actor.agency, "export.ctdc", a.out, detail, "", ""}).status());
  if (a.out.empty()) {
    fmt::print("{}", e.csv);
    return Status::Ok();
  }
  if (g.json) {
    fmt::print("{}\n", nlohmann::json{{"file", a.out},
                                      {"by", a.by},
                                      {"cells", released},
                                      {"mode", o.dp ? a.dp : "suppression"},
                                      {"k", a.k},
                                      {"epsilon", o.dp ? o.dp->epsilon : 0.0}}
                           .dump(2));
  } else if (!g.quiet) {
    fmt::print(
        "wrote {}: {} cells by {} ({})\n", a.out, released, a.by,
        o.dp ? fmt::format("{} noise, epsilon {} charged as release {}", a.dp, o.dp->epsilon, spent->id)
             : fmt::format("cells below {} withheld: {}", a.k, e.suppression.primary + e.suppression.complementary));
  }
  return Status::Ok();
}

Status RunBudget(const GlobalOptions& g) {
  KASHF_ASSIGN_OR_RETURN(auto budget, analytics::OpenSqlitePrivacyBudget(g.db));
  KASHF_ASSIGN_OR_RETURN(auto limits, analytics::BudgetLimits::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto releases, budget->Releases());
  KASHF_ASSIGN_OR_RETURN(auto spent, budget->Spent());
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& r : releases)
      j.push_back({{"id", r.id},
                   {"at", FormatIsoUtc(r.at)},
                   {"actor", r.actor},
                   {"description", r.description},
                   {"epsilon", r.epsilon},
                   {"delta", r.delta}});
    fmt::print("{}\n", nlohmann::json{{"releases", j},
                                      {"spent_epsilon", spent.first},
                                      {"total_epsilon", limits.total_epsilon},
                                      {"spent_delta", spent.second},
                                      {"total_delta", limits.total_delta}}
                           .dump(2));
    return Status::Ok();
  }
  for (const auto& r : releases)
    fmt::print("{:>4} {} {:<12} epsilon {:<6} delta {:<8} {}\n", r.id, FormatIsoUtc(r.at), r.actor, r.epsilon, r.delta,
               r.description);
  fmt::print("spent epsilon {} of {}, delta {} of {}\n", spent.first, limits.total_epsilon, spent.second,
             limits.total_delta);
  return Status::Ok();
}

CommandRegistration reg(71, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd = app.add_subcommand(
      "export-ctdc", "Export a CTDC-style table of survivors' cases (k-suppressed or differentially private)");
  return SetupCtdcExport(*cmd, g, "export-ctdc");
});

}  // namespace

RunFn SetupCtdcExport(CLI::App& cmd_ref, GlobalOptions& g, const std::string& invoked_as) {
  auto* cmd = &cmd_ref;
  auto args = std::make_shared<ExportArgs>();
  cmd->add_option("--by", args->by, "1-4 CTDC variables, comma-separated")->capture_default_str();
  cmd->add_option("--k", args->k, "Withhold cells below k (suppression mode)")->capture_default_str();
  cmd->add_option("--dp", args->dp, "Differential privacy instead of suppression: laplace | gaussian")
      ->check(CLI::IsMember({"laplace", "gaussian"}));
  cmd->add_option("--epsilon", args->epsilon, "Privacy loss of this release (charged to the budget)")
      ->capture_default_str();
  cmd->add_option("--delta", args->delta, "Gaussian only")->capture_default_str();
  cmd->add_option("--threshold", args->threshold, "DP: do not list noisy counts below this")->capture_default_str();
  cmd->add_option("--first-year", args->first_year, "DP: public range of yearOfRegistration")->capture_default_str();
  cmd->add_option("--last-year", args->last_year, "DP: public range of yearOfRegistration")->capture_default_str();
  cmd->add_option("--out", args->out, "CSV file to write (default: standard output)");
  AddVictimOptions(cmd, args->v);
  auto* budget = cmd->add_subcommand("budget", "Show DP releases and the privacy budget spent");
  cmd->footer(
      fmt::format("Only cases consenting to 'statistics' are counted; no identity ever enters an export.\n"
                  "Examples:\n"
                  "  kashf --db kashf.db {0} --all-agencies --by gender,ageBroad,typeOfExploit --k 11 --out ctdc.csv\n"
                  "  kashf --db kashf.db {0} --all-agencies --by citizenship --dp laplace --epsilon 0.5 --out dp.csv\n"
                  "  kashf --db kashf.db {0} budget",
                  invoked_as));
  return [&g, args, budget] { return budget->parsed() ? RunBudget(g) : RunExportCtdc(g, *args); };
}

}  // namespace kashf::cli
