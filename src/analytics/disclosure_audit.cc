// Feasibility intervals of withheld cells by linear programming (see disclosure_audit.h).
#include "kashf/analytics/disclosure_audit.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/analytics/count_table.h"

namespace kashf::analytics {
namespace {

using Clock = std::chrono::steady_clock;

std::string Key(const std::vector<std::string>& values) {
  std::string key;
  for (const auto& v : values) {
    key += v;
    key += '\x1f';
  }
  return key;
}

// The joint table: its variables (enum order) and cells (values in that order).
struct Joint {
  std::vector<CtdcVariable> variables;
  std::vector<std::vector<std::string>> cells;
  // Positions of `vars` among the joint variables.
  std::vector<size_t> Positions(const std::vector<CtdcVariable>& vars) const {
    std::vector<size_t> pos;
    for (auto v : vars)
      pos.push_back(static_cast<size_t>(std::find(variables.begin(), variables.end(), v) - variables.begin()));
    return pos;
  }
  std::string Project(size_t cell, const std::vector<size_t>& pos) const {
    std::string key;
    for (size_t p : pos) {
      key += cells[cell][p];
      key += '\x1f';
    }
    return key;
  }
};

std::vector<CtdcVariable> UnionOf(const std::vector<ReleasedTable>& tables, const std::vector<CellQuery>& queries) {
  std::set<CtdcVariable> vars;
  for (const auto& t : tables) vars.insert(t.variables.begin(), t.variables.end());
  for (const auto& q : queries) vars.insert(q.variables.begin(), q.variables.end());
  return {vars.begin(), vars.end()};
}

// Every combination of the domains' values, or nullopt when there are more than `limit`.
std::optional<Joint> ProductJoint(std::vector<CtdcVariable> vars,
                                  const std::map<CtdcVariable, std::vector<std::string>>& domains, size_t limit) {
  Joint j{std::move(vars), {}};
  size_t n = 1;
  std::vector<const std::vector<std::string>*> doms;
  for (auto v : j.variables) {
    auto it = domains.find(v);
    if (it == domains.end() || it->second.empty()) return Joint{j.variables, {}};
    doms.push_back(&it->second);
    if (n > limit / it->second.size()) return std::nullopt;
    n *= it->second.size();
  }
  std::vector<size_t> digit(doms.size(), 0);
  for (size_t c = 0; c < n; ++c) {
    std::vector<std::string> values;
    for (size_t i = 0; i < doms.size(); ++i) values.push_back((*doms[i])[digit[i]]);
    j.cells.push_back(std::move(values));
    for (size_t i = doms.size(); i-- > 0;) {
      if (++digit[i] < doms[i]->size()) break;
      digit[i] = 0;
    }
  }
  return j;
}

struct GlpkProblem {
  glp_prob* lp = glp_create_prob();
  GlpkProblem() = default;
  GlpkProblem(const GlpkProblem&) = delete;
  GlpkProblem& operator=(const GlpkProblem&) = delete;
  ~GlpkProblem() { glp_delete_prob(lp); }
};

Result<std::vector<FeasibleRange>> SolveRanges(const std::vector<ReleasedTable>& tables, const Joint& joint,
                                               const std::vector<CellQuery>& queries, Clock::time_point deadline,
                                               size_t* rows_out) {
  GlpkProblem p;
  const int ncols = static_cast<int>(joint.cells.size());
  std::vector<FeasibleRange> out(queries.size());
  if (ncols == 0) return out;  // nothing can be in any cell
  glp_add_cols(p.lp, ncols);
  for (int j = 1; j <= ncols; ++j) glp_set_col_bnds(p.lp, j, GLP_LO, 0.0, 0.0);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  int row = 0;
  std::vector<bool> empty(joint.cells.size(), false);
  auto add_row = [&](int type, double b) {
    glp_add_rows(p.lp, 1);
    glp_set_row_bnds(p.lp, ++row, type, b, b);
    return row;
  };
  for (const auto& t : tables) {
    auto pos = joint.Positions(t.variables);
    std::unordered_map<std::string, int> row_of;
    for (const auto& c : t.released) row_of[Key(c.values)] = add_row(GLP_FX, static_cast<double>(c.count));
    for (const auto& w : t.withheld) row_of[Key(w)] = add_row(GLP_LO, 1.0);  // non-empty: at least 1
    int total_row = t.total ? add_row(GLP_FX, static_cast<double>(*t.total)) : 0;
    for (int j = 0; j < ncols; ++j) {
      auto it = row_of.find(joint.Project(static_cast<size_t>(j), pos));
      if (it != row_of.end()) {
        ia.push_back(it->second);
        ja.push_back(j + 1);
        ar.push_back(1.0);
      } else {
        empty[static_cast<size_t>(j)] = true;  // an empty cell of this table
      }
      if (total_row) {
        ia.push_back(total_row);
        ja.push_back(j + 1);
        ar.push_back(1.0);
      }
    }
  }
  for (int j = 0; j < ncols; ++j)
    if (empty[static_cast<size_t>(j)]) glp_set_col_bnds(p.lp, j + 1, GLP_FX, 0.0, 0.0);
  if (rows_out) *rows_out = static_cast<size_t>(row);
  if (row == 0) return out;  // nothing released: every range is [0, unbounded)
  glp_load_matrix(p.lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  std::vector<int> previous;
  for (size_t q = 0; q < queries.size(); ++q) {
    for (int j : previous) glp_set_obj_coef(p.lp, j, 0.0);
    previous.clear();
    auto pos = joint.Positions(queries[q].variables);
    std::string key = Key(queries[q].values);
    for (int j = 0; j < ncols; ++j)
      if (joint.Project(static_cast<size_t>(j), pos) == key) previous.push_back(j + 1);
    for (int j : previous) glp_set_obj_coef(p.lp, j, 1.0);
    for (int dir : {GLP_MIN, GLP_MAX}) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return Status::FailedPrecondition("the disclosure audit ran out of time");
      parm.tm_lim = static_cast<int>(std::min<int64_t>(left, 1'000'000'000));
      glp_set_obj_dir(p.lp, dir);
      int ret = glp_simplex(p.lp, &parm);
      if (ret == GLP_ETMLIM) return Status::FailedPrecondition("the disclosure audit ran out of time");
      if (ret != 0) return Status::Internal(fmt::format("the disclosure audit's LP solver failed (code {})", ret));
      int status = glp_get_status(p.lp);
      if (status == GLP_NOFEAS)
        return Status::InvalidArgument("the released tables contradict each other; they describe different data");
      if (dir == GLP_MIN) {
        if (status != GLP_OPT) return Status::Internal("the disclosure audit's LP has no minimum");
        out[q].min = static_cast<int64_t>(std::ceil(glp_get_obj_val(p.lp) - 1e-6));
      } else if (status == GLP_OPT) {
        out[q].max = static_cast<int64_t>(std::floor(glp_get_obj_val(p.lp) + 1e-6));
      }
    }
  }
  return out;
}

}  // namespace

bool Discloses(const FeasibleRange& range, int64_t truth, int64_t k) {
  if (truth < 1 || truth >= k) return false;
  if (range.max && *range.max == range.min) return true;
  return range.min >= 1 && range.max && *range.max <= k - 1;
}

Result<std::vector<FeasibleRange>> FeasibleRanges(const std::vector<ReleasedTable>& tables,
                                                  const std::map<CtdcVariable, std::vector<std::string>>& domains,
                                                  const std::vector<CellQuery>& queries, const AuditLimits& limits) {
  auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(limits.seconds * 1000));
  auto joint = ProductJoint(UnionOf(tables, queries), domains, limits.max_joint_cells);
  if (!joint) return Status::InvalidArgument("the joint table of these variables is too large to audit");
  return SolveRanges(tables, *joint, queries, deadline, nullptr);
}

Result<AuditReport> AuditReleases(const std::vector<ReleasedTable>& tables, const std::vector<CtdcRecord>& records,
                                  int64_t k, const AuditLimits& limits) {
  auto start = Clock::now();
  auto deadline = start + std::chrono::milliseconds(static_cast<int64_t>(limits.seconds * 1000));
  AuditReport report;
  report.tables = tables.size();
  auto vars = UnionOf(tables, {});
  // Domains: the values the data holds (a reader knows at most the public domain, which holds them).
  std::map<CtdcVariable, std::vector<std::string>> domains;
  for (auto v : vars) {
    std::set<std::string> seen;
    for (const auto& r : records) seen.insert(r.Get(v));
    domains[v] = {seen.begin(), seen.end()};
  }
  auto joint = ProductJoint(vars, domains, limits.max_joint_cells);
  if (!joint) {
    // Too many combinations: only the non-zero joint cells are unknowns. A reader has at least this
    // freedom, so the ranges found are no wider than a reader's (the audit errs towards refusing).
    CountTable support = Tabulate(records, vars);
    joint = Joint{vars, {}};
    for (auto& c : support.cells) joint->cells.push_back(std::move(c.values));
  }
  // Targets: withheld cells whose true count is 1..k-1.
  std::vector<CellQuery> queries;
  std::vector<int64_t> truths;
  std::set<std::string> seen;
  for (const auto& t : tables) {
    CountTable truth = Tabulate(records, t.variables);
    std::unordered_map<std::string, int64_t> count;
    for (const auto& c : truth.cells) count[Key(c.values)] = c.count;
    for (const auto& w : t.withheld) {
      auto it = count.find(Key(w));
      if (it == count.end() || it->second >= k) continue;
      std::string id = std::to_string(t.variables.size()) + Key(w);
      for (auto v : t.variables) id += std::to_string(static_cast<int>(v));
      if (!seen.insert(id).second) continue;
      queries.push_back({t.variables, w});
      truths.push_back(it->second);
    }
  }
  report.joint_cells = joint->cells.size();
  report.cells_checked = queries.size();
  auto ranges = SolveRanges(tables, *joint, queries, deadline, &report.constraints);
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!ranges.ok()) {
    if (ranges.status().code() == StatusCode::kInternal) return ranges.status();
    report.reason = ranges.status().message();
    return report;
  }
  for (size_t q = 0; q < queries.size(); ++q)
    if (Discloses((*ranges)[q], truths[q], k)) report.exposed.push_back(queries[q]);
  if (!report.exposed.empty()) {
    report.reason =
        "together with the tables released before, this table would let a withheld small cell be derived or "
        "narrowed below k";
    return report;
  }
  report.approved = true;
  return report;
}

}  // namespace kashf::analytics
