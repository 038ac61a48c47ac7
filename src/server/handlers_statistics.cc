// Aggregate statistics of survivors' cases: CTDC-style tables with small-cell suppression (the
// deployment's k, consistent with and audited against every earlier release) or differential
// privacy charged to the privacy budget (see kashf/analytics/statistics_release.h). Only cases
// consenting to "statistics" are counted; no record-level data leaves.
#include <limits>

#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/analytics/statistics_release.h"
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
  for (const auto& vc : cases) records.push_back(analytics::ToCtdcRecord(vc, *c.state.ctdc_coding));
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
  analytics::SuppressedTableRequest request;
  std::string by = c.Query("by", "gender,ageBroad");
  if (by.size() > 200) return Status::InvalidArgument("query parameter 'by' is too long");
  KASHF_ASSIGN_OR_RETURN(request.variables, analytics::ParseVariableList(by));
  if (c.HasQuery("k")) {
    KASHF_ASSIGN_OR_RETURN(int64_t k, c.QueryInt("k", 0, 1, 1'000'000));
    request.k = k;
  }
  request.actor = c.user->username;
  request.agency = c.user->agency;
  KASHF_ASSIGN_OR_RETURN(analytics::ReleaseLedger * ledger, c.db.releases());
  KASHF_ASSIGN_OR_RETURN(auto records, ConsentingRecords(c));
  KASHF_ASSIGN_OR_RETURN(auto published, analytics::PublishSuppressedTable(records, request, *ledger));
  nlohmann::json out = TableJson(published.table);
  out["mode"] = "suppression";
  out["k"] = published.k;
  out["release_id"] = published.release_id;
  KASHF_RETURN_IF_ERROR(c.Audit("statistics.ctdc", fmt::format("table-{}", published.release_id),
                                fmt::format("by={} k={} cells={} audit_tables={} repeated={}", by, published.k,
                                            out["cells"].size(), published.audit.tables, published.repeated)));
  return JsonReply(out);
}

Result<Reply> CtdcDp(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"by", "mechanism", "epsilon", "delta", "threshold", "first_year", "last_year"});
  std::string by = b.String("by", true, 200);
  std::string mechanism = b.String("mechanism", false, 16);
  // Bounds are checked by ValidateDpOptions (one rule for the API and the CLI); the reader only
  // refuses non-numbers and non-finite values.
  constexpr double kAny = std::numeric_limits<double>::max();
  double epsilon = b.Number("epsilon", 0, -kAny, kAny);
  double delta = b.Number("delta", 1e-6, -kAny, kAny);
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
  analytics::DpTableRequest request;
  KASHF_ASSIGN_OR_RETURN(request.variables, analytics::ParseVariableList(by));
  request.dp.mechanism = mechanism == "gaussian" ? analytics::DpMechanism::kGaussian : analytics::DpMechanism::kLaplace;
  request.dp.epsilon = epsilon;
  request.dp.delta = request.dp.mechanism == analytics::DpMechanism::kGaussian ? delta : 0.0;
  request.dp.threshold = threshold;
  request.first_year = first_year;
  request.last_year = last_year;
  request.actor = c.user->username;
  request.agency = c.user->agency;
  request.description = fmt::format("ctdc by={} {} (api)", by, mechanism);
  KASHF_RETURN_IF_ERROR(analytics::ValidateDpOptions(request.dp));
  auto noise = analytics::SystemUniformSource();
  if (!noise) return Status::Internal("libsodium could not be initialised");
  KASHF_ASSIGN_OR_RETURN(auto records, ConsentingRecords(c));
  KASHF_ASSIGN_OR_RETURN(analytics::PrivacyBudget * budget, c.db.budget());
  KASHF_ASSIGN_OR_RETURN(auto limits, analytics::BudgetLimits::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto published, analytics::PublishDpTable(records, request, *budget, limits, *noise));
  nlohmann::json out = TableJson(published.table);
  out["mode"] = "differential_privacy";
  out["mechanism"] = mechanism;
  out["epsilon"] = request.dp.epsilon;
  out["delta"] = request.dp.delta;
  out["threshold"] = request.dp.threshold;
  out["release_id"] = published.release.id;
  KASHF_RETURN_IF_ERROR(c.Audit(
      "statistics.ctdc.dp", fmt::format("release-{}", published.release.id),
      fmt::format("by={} mechanism={} epsilon={} delta={}", by, mechanism, request.dp.epsilon, request.dp.delta)));
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
         "CTDC-style count table with small-cell suppression at the deployment's k, audited against every earlier "
         "release (by)"});
  r.Add({"POST", "/api/v1/statistics/ctdc/dp", Permission::kReleaseDpStatistics, true, CtdcDp,
         "differentially private CTDC table (spends privacy budget)"});
  r.Add({"GET", "/api/v1/statistics/privacy-budget", Permission::kReleaseDpStatistics, false, Budget,
         "DP releases and budget spent"});
  r.Add({"GET", "/api/v1/reference/ctdc", Permission::kReadReference, false, CtdcVariables, "CTDC variable names"});
}

}  // namespace kashf::server
