// Aggregate statistics of survivors' cases: CTDC-style tables with small-cell suppression (k at
// least the server's minimum) or differential privacy charged to the privacy budget. Only cases
// consenting to "statistics" are counted; no record-level data leaves.
#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/analytics/ctdc_export.h"
#include "kashf/core/text.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

Result<std::vector<analytics::CtdcRecord>> ConsentingRecords(Call& c) {
  KASHF_ASSIGN_OR_RETURN(victims::CaseRegistry * reg, c.db.cases());
  victims::Actor actor = c.Actor();
  actor.all_agencies = true;  // aggregates span agencies; the registry audits the bulk read
  KASHF_ASSIGN_OR_RETURN(auto cases, reg->CasesWithConsent(actor, "statistics"));
  std::vector<analytics::CtdcRecord> records;
  records.reserve(cases.size());
  for (const auto& vc : cases) records.push_back(analytics::ToCtdcRecord(vc, *c.state.age_bands));
  return records;
}

nlohmann::json TableJson(const analytics::CtdcExport& e) {
  nlohmann::json vars = nlohmann::json::array(), cells = nlohmann::json::array();
  for (auto v : e.table.variables) vars.push_back(std::string(analytics::CtdcVariableNames()[static_cast<size_t>(v)]));
  for (const auto& cell : e.table.cells)
    if (cell.released) cells.push_back({{"values", cell.values}, {"count", *cell.released}});
  return {{"variables", vars},
          {"cells", cells},
          {"total", e.table.released_total ? nlohmann::json(*e.table.released_total) : nlohmann::json(nullptr)},
          {"csv", e.csv}};
}

Result<Reply> CtdcTable(Call& c) {
  analytics::CtdcExportOptions o;
  std::string by = c.Query("by", "gender,ageBroad");
  if (by.size() > 200) return Status::InvalidArgument("query parameter 'by' is too long");
  KASHF_ASSIGN_OR_RETURN(o.variables, analytics::ParseVariableList(by));
  KASHF_ASSIGN_OR_RETURN(o.k, c.QueryInt("k", c.state.config.min_k, c.state.config.min_k, 1'000'000));
  KASHF_ASSIGN_OR_RETURN(auto records, ConsentingRecords(c));
  KASHF_ASSIGN_OR_RETURN(auto e, analytics::ExportCtdc(records, o, nullptr, nullptr));
  nlohmann::json out = TableJson(e);
  out["mode"] = "suppression";
  out["k"] = o.k;
  out["withheld_cells"] = e.suppression.primary + e.suppression.complementary;
  KASHF_RETURN_IF_ERROR(
      c.Audit("statistics.ctdc", "", fmt::format("by={} k={} cells={}", by, o.k, out["cells"].size())));
  return JsonReply(out);
}

Result<Reply> CtdcDp(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"by", "mechanism", "epsilon", "delta", "threshold", "first_year", "last_year"});
  std::string by = b.String("by", true, 200);
  std::string mechanism = b.String("mechanism", false, 16);
  double epsilon = b.Number("epsilon", 0, 1e-6, 100);
  double delta = b.Number("delta", 1e-6, 0, 0.1);
  int64_t threshold = b.Int("threshold", 5, 0, 1'000'000);
  int first_year = static_cast<int>(b.Int("first_year", 2015, 1900, 2200));
  int last_year = static_cast<int>(b.Int("last_year", 2030, 1900, 2200));
  KASHF_RETURN_IF_ERROR(b.status());
  if (!c.body.contains("epsilon"))
    return Status::InvalidArgument("field 'epsilon' (the privacy loss this release spends) is required");
  if (mechanism.empty()) mechanism = "laplace";
  if (mechanism != "laplace" && mechanism != "gaussian")
    return Status::InvalidArgument("field 'mechanism' must be 'laplace' or 'gaussian'");
  if (first_year > last_year) return Status::InvalidArgument("'first_year' must not be after 'last_year'");
  analytics::CtdcExportOptions o;
  KASHF_ASSIGN_OR_RETURN(o.variables, analytics::ParseVariableList(by));
  analytics::DpOptions dp;
  dp.mechanism = mechanism == "gaussian" ? analytics::DpMechanism::kGaussian : analytics::DpMechanism::kLaplace;
  dp.epsilon = epsilon;
  dp.delta = dp.mechanism == analytics::DpMechanism::kGaussian ? delta : 0.0;
  dp.threshold = threshold;
  if (dp.mechanism == analytics::DpMechanism::kGaussian)
    KASHF_RETURN_IF_ERROR(analytics::GaussianSigma(dp.epsilon, dp.delta).status());
  o.dp = dp;
  KASHF_ASSIGN_OR_RETURN(auto domains, analytics::VariableDomains::LoadDefault(first_year, last_year));
  auto noise = analytics::SystemUniformSource();
  if (!noise) return Status::Internal("libsodium could not be initialised");
  KASHF_ASSIGN_OR_RETURN(auto records, ConsentingRecords(c));
  KASHF_ASSIGN_OR_RETURN(analytics::PrivacyBudget * budget, c.db.budget());
  KASHF_ASSIGN_OR_RETURN(auto limits, analytics::BudgetLimits::LoadDefault());
  analytics::DpRelease release{
      0, 0, c.user->username, c.user->agency, fmt::format("ctdc by={} {} (api)", by, mechanism), dp.epsilon, dp.delta};
  KASHF_ASSIGN_OR_RETURN(auto spent, budget->Spend(release, limits));  // charged before anything is computed
  KASHF_ASSIGN_OR_RETURN(auto e, analytics::ExportCtdc(records, o, &domains, noise.get()));
  nlohmann::json out = TableJson(e);
  out["mode"] = "differential_privacy";
  out["mechanism"] = mechanism;
  out["epsilon"] = dp.epsilon;
  out["delta"] = dp.delta;
  out["threshold"] = dp.threshold;
  out["release_id"] = spent.id;
  KASHF_RETURN_IF_ERROR(
      c.Audit("statistics.ctdc.dp", fmt::format("release-{}", spent.id),
              fmt::format("by={} mechanism={} epsilon={} delta={}", by, mechanism, dp.epsilon, dp.delta)));
  return JsonReply(out, 201);
}

Result<Reply> Budget(Call& c) {
  KASHF_ASSIGN_OR_RETURN(analytics::PrivacyBudget * budget, c.db.budget());
  KASHF_ASSIGN_OR_RETURN(auto limits, analytics::BudgetLimits::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto releases, budget->Releases());
  KASHF_ASSIGN_OR_RETURN(auto spent, budget->Spent());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : releases)
    items.push_back({{"id", r.id},
                     {"at", TimeJson(r.at)},
                     {"actor", r.actor},
                     {"agency", r.agency},
                     {"description", r.description},
                     {"epsilon", r.epsilon},
                     {"delta", r.delta}});
  KASHF_RETURN_IF_ERROR(c.Audit("statistics.budget", "", ""));
  return JsonReply({{"spent_epsilon", spent.first},
                    {"total_epsilon", limits.total_epsilon},
                    {"spent_delta", spent.second},
                    {"total_delta", limits.total_delta},
                    {"releases", items}});
}

Result<Reply> CtdcVariables(Call&) {
  nlohmann::json names = nlohmann::json::array();
  for (auto n : analytics::CtdcVariableNames()) names.push_back(std::string(n));
  return JsonReply({{"variables", names}, {"max_variables", 4}});
}

}  // namespace

void AddStatisticsRoutes(Router& r) {
  r.Add({"GET", "/api/v1/statistics/ctdc", Permission::kReadAggregateStatistics, false, CtdcTable,
         "CTDC-style count table with small-cell suppression (by, k)"});
  r.Add({"POST", "/api/v1/statistics/ctdc/dp", Permission::kReleaseDpStatistics, true, CtdcDp,
         "differentially private CTDC table (spends privacy budget)"});
  r.Add({"GET", "/api/v1/statistics/privacy-budget", Permission::kReleaseDpStatistics, false, Budget,
         "DP releases and budget spent"});
  r.Add({"GET", "/api/v1/reference/ctdc", Permission::kReadReference, false, CtdcVariables, "CTDC variable names"});
}

}  // namespace kashf::server
