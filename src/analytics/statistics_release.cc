// The shared publishing path of aggregate statistics (see statistics_release.h).
#include "kashf/analytics/statistics_release.h"

#include <sodium.h>

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace kashf::analytics {
namespace {

ReleasedTable ToReleased(const CountTable& t, const SuppressedTableRequest& request, int64_t k,
                         const std::string& snapshot) {
  ReleasedTable r;
  r.actor = request.actor;
  r.agency = request.agency;
  r.snapshot = snapshot;
  r.k = k;
  r.variables = t.variables;
  for (const auto& c : t.cells) {
    if (c.released) {
      r.released.push_back({c.values, *c.released});
    } else {
      r.withheld.push_back(c.values);
      r.withheld_counts.push_back(c.count);
    }
  }
  r.total = t.released_total;
  return r;
}

// Marks `t` (freshly tabulated from the data `earlier` was computed from) exactly as `earlier` was released.
void ApplyRelease(CountTable& t, const ReleasedTable& earlier) {
  std::set<std::vector<std::string>> released;
  for (const auto& c : earlier.released) released.insert(c.values);
  for (auto& c : t.cells) {
    c.suppressed = !released.contains(c.values);
    c.released = c.suppressed ? std::nullopt : std::optional<int64_t>(c.count);
  }
  t.released_total = earlier.total;
}

// One more cell to withhold when the audit found `exposed` cells: the released cell of `t` that
// shares the most values with the first exposed cell (its row or column), smallest count first.
std::optional<std::vector<std::string>> ExtraComplement(const CountTable& t, const std::vector<CellQuery>& exposed) {
  if (exposed.empty()) return std::nullopt;
  const CellQuery& e = exposed.front();
  auto shared = [&](const Cell& c) {
    int n = 0;
    for (size_t i = 0; i < t.variables.size(); ++i)
      for (size_t j = 0; j < e.variables.size(); ++j)
        n += t.variables[i] == e.variables[j] && c.values[i] == e.values[j];
    return n;
  };
  const Cell* best = nullptr;
  for (const auto& c : t.cells) {
    if (!c.released) continue;
    if (!best || shared(c) > shared(*best) ||
        (shared(c) == shared(*best) && std::tie(c.count, c.values) < std::tie(best->count, best->values)))
      best = &c;
  }
  if (!best) return std::nullopt;
  return best->values;
}

constexpr int kMaxAuditRounds = 64;

}  // namespace

std::string DataSnapshot(const std::vector<CtdcRecord>& records) {
  std::vector<std::string> rows;
  rows.reserve(records.size());
  for (const auto& r : records) {
    std::string row;
    for (const auto& v : r.values) {
      row += v;
      row += '\x1f';
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end());
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 16);
  for (const auto& row : rows) {
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(row.data()), row.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>("\x1e"), 1);
  }
  unsigned char out[16];
  crypto_generichash_final(&st, out, sizeof out);
  std::string hex;
  for (unsigned char b : out) hex += fmt::format("{:02x}", b);
  return hex;
}

Result<PublishedTable> PublishSuppressedTable(const std::vector<CtdcRecord>& records,
                                              const SuppressedTableRequest& request, ReleaseLedger& ledger,
                                              const SuppressionPolicy& policy) {
  if (request.variables.empty() || request.variables.size() > 4)
    return Status::InvalidArgument("a CTDC table needs 1 to 4 variables");
  KASHF_ASSIGN_OR_RETURN(int64_t deployment_k, ledger.DeploymentK());
  PublishedTable out;
  out.k = deployment_k;
  if (request.k && *request.k != deployment_k) {
    if (policy.consistent || *request.k < deployment_k)
      return Status::InvalidArgument(
          fmt::format("k is fixed at {} for this deployment by its administrator and cannot be chosen per request "
                      "(got {}); leave k out",
                      deployment_k, *request.k));
    out.k = *request.k;  // test-only inconsistent policy
  }
  out.table.table = Tabulate(records, request.variables);
  CountTable& table = out.table.table;
  if (!policy.consistent) {
    out.table.suppression = SuppressSmallCells(table, out.k);
    out.table.csv = RenderCtdcCsv(table);
    out.audit.approved = true;
    return out;
  }
  // Read, audit and record as one transaction: a release from another process (the CLI beside the
  // server) waits, and is then audited with this one.
  KASHF_RETURN_IF_ERROR(ledger.Exclusive([&]() -> Status {
    const std::string snapshot = DataSnapshot(records);
    KASHF_ASSIGN_OR_RETURN(auto earlier, ledger.Tables());
    std::set<std::vector<CtdcVariable>> shapes_now{request.variables};
    std::vector<std::vector<std::string>> keep_withheld;
    for (const auto& t : earlier) {
      if (t.variables == request.variables && t.snapshot == snapshot) {  // the same table of the same data
        ApplyRelease(table, t);
        out.table.csv = RenderCtdcCsv(table);
        out.release_id = t.id;
        out.repeated = true;
        out.audit.approved = true;
        return Status::Ok();
      }
      if (t.variables == request.variables)
        keep_withheld.insert(keep_withheld.end(), t.withheld.begin(), t.withheld.end());
      if (t.snapshot == snapshot) shapes_now.insert(t.variables);
    }
    // Audited together: every table of the data now, and every table of each earlier version that
    // released a variable released now (whose cells' growth since then the reader can difference).
    std::set<CtdcVariable> variables_now;
    for (const auto& shape : shapes_now) variables_now.insert(shape.begin(), shape.end());
    std::set<std::string> versions{snapshot};
    for (const auto& t : earlier)
      if (policy.across_versions && std::any_of(t.variables.begin(), t.variables.end(),
                                                [&](CtdcVariable v) { return variables_now.contains(v); }))
        versions.insert(t.snapshot);
    std::vector<ReleasedTable> audited;
    for (auto& t : earlier)
      if (versions.contains(t.snapshot)) audited.push_back(std::move(t));
    // Suppress, audit with them, and while the audit finds an exposed cell or growth withhold one
    // more cell (or the total) and suppress again (a bounded number of rounds).
    std::vector<std::vector<std::string>> withhold = keep_withheld;
    bool withhold_total = false;
    auto refused = [&out] {
      return Status::FailedPrecondition(
          fmt::format("this table was not released: {}. Ask for other variables, or for a table already released",
                      out.audit.reason));
    };
    for (int round = 0;; ++round) {
      out.table.suppression = SuppressSmallCells(table, out.k, withhold);
      if (withhold_total) table.released_total.reset();
      audited.push_back(ToReleased(table, request, out.k, snapshot));
      KASHF_ASSIGN_OR_RETURN(out.audit, AuditReleases(audited, records, out.k, policy.audit));
      if (out.audit.approved) break;
      audited.pop_back();
      if (round >= kMaxAuditRounds) return refused();
      // A grand total that grew by fewer than k since an earlier release: withhold this table's total.
      if (!out.audit.exposed.empty() && out.audit.exposed.front().variables.empty() && table.released_total &&
          !withhold_total) {
        withhold_total = true;
        continue;
      }
      auto extra = ExtraComplement(table, out.audit.exposed);
      if (!extra) return refused();
      withhold.push_back(std::move(*extra));
    }
    KASHF_ASSIGN_OR_RETURN(auto recorded, ledger.Record(std::move(audited.back())));
    out.release_id = recorded.id;
    out.table.csv = RenderCtdcCsv(table);
    return Status::Ok();
  }));
  return out;
}

std::string AuditVerdict(const PublishedTable& published) {
  if (published.repeated) return "as released before (the same table of the same data)";
  const AuditReport& a = published.audit;
  if (!a.approved) return "not released: " + a.reason;
  std::string bounds =
      a.bounds.integer_timeouts > 0
          ? "LP bounds where the integer program ran out of time, integer bounds elsewhere"
          : (a.bounds.fractional > 0 ? "integer bounds (branch and bound)" : "integer bounds (LP optimum integral)");
  return fmt::format("audit approved: {} released table(s) from {} data version(s) checked together, {}", a.tables,
                     a.versions, bounds);
}

Result<PublishedDpTable> PublishDpTable(const std::vector<CtdcRecord>& records, const DpTableRequest& request,
                                        PrivacyBudget& budget, const BudgetLimits& limits, UniformSource& noise) {
  KASHF_RETURN_IF_ERROR(ValidateDpOptions(request.dp));
  if (request.variables.empty() || request.variables.size() > 4)
    return Status::InvalidArgument("a CTDC table needs 1 to 4 variables");
  KASHF_ASSIGN_OR_RETURN(auto domains, VariableDomains::LoadDefault(request.first_year, request.last_year));
  for (auto v : request.variables)
    if (!domains.Find(v))
      return Status::InvalidArgument(fmt::format("variable {} has no public domain; it cannot be released with DP",
                                                 CtdcVariableNames()[static_cast<size_t>(v)]));
  CtdcExportOptions o;
  o.variables = request.variables;
  o.dp = request.dp;
  if (request.dp.mechanism == DpMechanism::kLaplace) o.dp->delta = 0;
  DpRelease r{0, 0, request.actor, request.agency, request.description, o.dp->epsilon, o.dp->delta};
  PublishedDpTable out;
  KASHF_ASSIGN_OR_RETURN(out.release, budget.Spend(r, limits));  // charged before the data is looked at
  KASHF_ASSIGN_OR_RETURN(out.table, ExportCtdc(records, o, &domains, &noise));
  return out;
}

}  // namespace kashf::analytics
