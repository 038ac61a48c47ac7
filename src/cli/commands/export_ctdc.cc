// kashf export ctdc (also `kashf export-ctdc`): a CTDC-style aggregate table that may leave the system, with small-cell
// suppression (the deployment's k; audited against every earlier release) or differential privacy (--dp; epsilon
// charged to the ledger).
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands/case_command.h"
#include "kashf/analytics/statistics_release.h"
#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct ExportArgs {
  VictimOptions v;
  std::string by = "gender,ageBroad";
  int64_t k = 0;   // 0: not given (the deployment's k applies)
  std::string dp;  // "", laplace, gaussian
  double epsilon = 1.0;
  double delta = 1e-6;
  int64_t threshold = 5;
  int first_year = 2015, last_year = 2030;
  std::string out;
  int64_t set_k = 0;  // policy --k
};

// The same rules as the API (kashf/analytics/statistics_release.h): the deployment's k, consistency
// with and an audit against every earlier release; DP validated before anything is charged.
Status RunExportCtdc(const GlobalOptions& g, const ExportArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto variables, analytics::ParseVariableList(a.by));
  analytics::CtdcExport e;
  std::string summary;
  if (!a.dp.empty()) {
    analytics::DpTableRequest r;
    r.variables = variables;
    r.dp.mechanism = a.dp == "gaussian" ? analytics::DpMechanism::kGaussian : analytics::DpMechanism::kLaplace;
    r.dp.epsilon = a.epsilon;
    r.dp.delta = r.dp.mechanism == analytics::DpMechanism::kGaussian ? a.delta : 0.0;
    r.dp.threshold = a.threshold;
    r.first_year = a.first_year;
    r.last_year = a.last_year;
    r.actor = actor.user;
    r.agency = actor.agency;
    r.description = fmt::format("ctdc by={} {}", a.by, a.dp);
    KASHF_RETURN_IF_ERROR(analytics::ValidateDpOptions(r.dp));
    auto noise = analytics::SystemUniformSource();
    if (!noise) return Status::Internal("libsodium could not be initialised");
    KASHF_ASSIGN_OR_RETURN(auto records, ConsentingCtdcRecords(g, a.v, actor));
    KASHF_ASSIGN_OR_RETURN(auto budget, analytics::OpenPrivacyBudget(g.db));
    KASHF_ASSIGN_OR_RETURN(auto limits, analytics::BudgetLimits::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto published, analytics::PublishDpTable(records, r, *budget, limits, *noise));
    e = std::move(published.table);
    summary = fmt::format("{} noise, epsilon {} charged as release {}", a.dp, r.dp.epsilon, published.release.id);
  } else {
    analytics::SuppressedTableRequest r;
    r.variables = variables;
    if (a.k != 0) r.k = a.k;
    r.actor = actor.user;
    r.agency = actor.agency;
    KASHF_ASSIGN_OR_RETURN(auto records, ConsentingCtdcRecords(g, a.v, actor));
    KASHF_ASSIGN_OR_RETURN(auto ledger, analytics::OpenSqliteReleaseLedger(g.db));
    KASHF_ASSIGN_OR_RETURN(auto published, analytics::PublishSuppressedTable(records, r, *ledger));
    e = std::move(published.table);
    summary = fmt::format("k {}, released table {}, {}", published.k, published.release_id,
                          analytics::AuditVerdict(published));
  }
  if (!a.out.empty()) {
    std::ofstream f(a.out, std::ios::binary | std::ios::trunc);
    if (!(f << e.csv)) return Status::IoError(fmt::format("cannot write {}", a.out));
  }
  size_t released = 0;
  for (const auto& c : e.table.cells) released += c.released.has_value();
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenAuditLog(g.db));
  std::string detail = fmt::format("by={} {} cells={}", a.by, summary, released);
  KASHF_RETURN_IF_ERROR(log->Append({0, 0, actor.user, actor.agency, "export.ctdc", a.out, detail, "", ""}).status());
  if (a.out.empty()) {
    fmt::print("{}", e.csv);
    return Status::Ok();
  }
  if (g.json) {
    fmt::print("{}\n", nlohmann::json{{"file", a.out},
                                      {"by", a.by},
                                      {"cells", released},
                                      {"mode", a.dp.empty() ? "suppression" : a.dp},
                                      {"summary", summary}}
                           .dump(2));
  } else if (!g.quiet) {
    fmt::print("wrote {}: {} cells by {} ({})\n", a.out, released, a.by, summary);
  }
  return Status::Ok();
}

// `kashf export ctdc policy [--k N]`: shows or sets the deployment's k (administrator's setting).
Status RunPolicy(const GlobalOptions& g, const ExportArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto ledger, analytics::OpenSqliteReleaseLedger(g.db));
  if (a.set_k != 0) KASHF_RETURN_IF_ERROR(ledger->SetDeploymentK(a.set_k));
  KASHF_ASSIGN_OR_RETURN(int64_t k, ledger->DeploymentK());
  KASHF_ASSIGN_OR_RETURN(auto tables, ledger->Tables());
  if (g.json) fmt::print("{}\n", nlohmann::json{{"k", k}, {"released_tables", tables.size()}}.dump(2));
  else fmt::print("k {} for this deployment; {} suppressed table(s) released\n", k, tables.size());
  return Status::Ok();
}

Status RunBudget(const GlobalOptions& g) {
  KASHF_ASSIGN_OR_RETURN(auto budget, analytics::OpenPrivacyBudget(g.db));
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

Result<std::vector<analytics::CtdcRecord>> ConsentingCtdcRecords(const GlobalOptions& g, const VictimOptions& v,
                                                                 const victims::Actor& actor) {
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, v, false, false));
  KASHF_ASSIGN_OR_RETURN(auto coding, analytics::CtdcCoding::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto cases, registry->CasesWithConsent(actor, "statistics"));
  std::vector<analytics::CtdcRecord> records;
  records.reserve(cases.size());
  for (const auto& c : cases) records.push_back(analytics::ToCtdcRecord(c, coding));
  return records;
}

RunFn SetupCtdcExport(CLI::App& cmd_ref, GlobalOptions& g, const std::string& invoked_as) {
  auto* cmd = &cmd_ref;
  auto args = std::make_shared<ExportArgs>();
  cmd->add_option("--by", args->by, "1-4 CTDC variables, comma-separated")->capture_default_str();
  cmd->add_option("--k", args->k,
                  "Only the deployment's k is accepted (set by the administrator with `policy --k`); may be left out");
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
  auto* policy = cmd->add_subcommand("policy", "Show or set (administrator) the deployment's k for suppressed tables");
  policy->add_option("--k", args->set_k, "The deployment's k (11..1000; fixed once a table is released)");
  cmd->footer(
      fmt::format("Only cases consenting to 'statistics' are counted; no identity ever enters an export.\n"
                  "--by takes the 27 CTDC 2024 codebook variables (e.g. isForcedLabour, meansDrugsAlcohol,\n"
                  "traffickMonths; list: docs/htcds-coverage.md) and Kashf's typeOfExploit, typeOfLabour,\n"
                  "RecruiterRelationship, route, traffickingStatus.\n"
                  "Examples:\n"
                  "  kashf --db kashf.db {0} --all-agencies --by gender,ageBroad,typeOfExploit --out ctdc.csv\n"
                  "  kashf --db kashf.db {0} --all-agencies --by citizenship --dp laplace --epsilon 0.5 --out dp.csv\n"
                  "  kashf --db kashf.db {0} budget\n"
                  "  kashf --db kashf.db {0} policy --k 11",
                  invoked_as));
  return [&g, args, budget, policy] {
    if (budget->parsed()) return RunBudget(g);
    if (policy->parsed()) return RunPolicy(g, *args);
    return RunExportCtdc(g, *args);
  };
}

}  // namespace kashf::cli
