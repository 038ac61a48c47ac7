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

// GLPK keeps one environment per thread (glp_init_env, made on first use) that only
// glp_free_env() releases; a release made on a server or CLI worker thread would leak it when the
// thread ends. Each thread that builds a problem frees its environment when it exits.
struct GlpkThreadEnvironment {
  GlpkThreadEnvironment() = default;
  GlpkThreadEnvironment(const GlpkThreadEnvironment&) = delete;
  GlpkThreadEnvironment& operator=(const GlpkThreadEnvironment&) = delete;
  ~GlpkThreadEnvironment() { glp_free_env(); }
};

glp_prob* CreateProblem() {
  thread_local GlpkThreadEnvironment environment;
  return glp_create_prob();
}

struct GlpkProblem {
  glp_prob* lp = CreateProblem();
  GlpkProblem() = default;
  GlpkProblem(const GlpkProblem&) = delete;
  GlpkProblem& operator=(const GlpkProblem&) = delete;
  ~GlpkProblem() { glp_delete_prob(lp); }
};

// The data versions (snapshots) of `tables` and `queries`, in order of first appearance.
std::vector<std::string> VersionsOf(const std::vector<ReleasedTable>& tables, const std::vector<CellQuery>& queries) {
  std::vector<std::string> out;
  auto add = [&out](const std::string& s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (const auto& t : tables) add(t.snapshot);
  for (const auto& q : queries) {
    if (q.since) add(*q.since);
    add(q.snapshot);
  }
  return out;
}

size_t IndexOf(const std::vector<std::string>& versions, const std::string& s) {
  return static_cast<size_t>(std::find(versions.begin(), versions.end(), s) - versions.begin());
}

Status OutOfTime() { return Status::FailedPrecondition("the disclosure audit ran out of time"); }

int MillisecondsLeft(Clock::time_point deadline, double cap_seconds) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::min<int64_t>({left, static_cast<int64_t>(cap_seconds * 1000), 1'000'000'000}));
}

bool Integral(glp_prob* lp) {
  for (int j = 1, n = glp_get_num_cols(lp); j <= n; ++j) {
    double x = glp_get_col_prim(lp, j);
    if (std::abs(x - std::round(x)) > 1e-7) return false;
  }
  return true;
}

// One bound of the current objective: the LP optimum, tightened by branch and bound when it is
// fractional and integer programs are allowed. nullopt: unbounded.
Result<std::optional<double>> Bound(glp_prob* lp, int dir, Clock::time_point deadline, const AuditLimits& limits,
                                    bool* integer, BoundStats& stats) {
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.tm_lim = MillisecondsLeft(deadline, 1e9);
  if (parm.tm_lim <= 0) return OutOfTime();
  glp_set_obj_dir(lp, dir);
  int ret = glp_simplex(lp, &parm);
  if (ret == GLP_ETMLIM) return OutOfTime();
  if (ret != 0) return Status::Internal(fmt::format("the disclosure audit's LP solver failed (code {})", ret));
  int status = glp_get_status(lp);
  if (status == GLP_NOFEAS)
    return Status::InvalidArgument("the released tables contradict each other; they describe different data");
  if (status == GLP_UNBND) return std::optional<double>();
  if (status != GLP_OPT) return Status::Internal("the disclosure audit's LP has no optimum");
  double value = glp_get_obj_val(lp);
  if (Integral(lp)) return std::optional<double>(value);
  ++stats.fractional;
  *integer = false;
  if (limits.integer_seconds <= 0) return std::optional<double>(value);
  glp_iocp iocp;
  glp_init_iocp(&iocp);
  iocp.msg_lev = GLP_MSG_OFF;
  iocp.presolve = GLP_OFF;  // the LP relaxation was just solved to optimality
  iocp.tm_lim = MillisecondsLeft(deadline, limits.integer_seconds);
  if (iocp.tm_lim > 0 && glp_intopt(lp, &iocp) == 0 && glp_mip_status(lp) == GLP_OPT) {
    ++stats.integer_solved;
    *integer = true;
    return std::optional<double>(glp_mip_obj_val(lp));
  }
  ++stats.integer_timeouts;  // the LP bound stands (wider, never narrower than the truth)
  return std::optional<double>(value);
}

// The ranges of `queries` over one joint table per data version. With `growth`, each joint cell of
// a version is at least the same cell of the version before (cases are only added).
Result<std::vector<FeasibleRange>> SolveRanges(const std::vector<ReleasedTable>& tables, const Joint& joint,
                                               const std::vector<CellQuery>& queries, Clock::time_point deadline,
                                               const AuditLimits& limits, bool growth, size_t* rows_out,
                                               BoundStats& stats) {
  GlpkProblem p;
  const auto versions = VersionsOf(tables, queries);
  const size_t cells = joint.cells.size();
  const int ncols = static_cast<int>(cells * versions.size());
  std::vector<FeasibleRange> out(queries.size());
  if (ncols == 0) return out;  // nothing can be in any cell
  auto col = [cells](size_t version, size_t j) { return static_cast<int>(version * cells + j) + 1; };
  glp_add_cols(p.lp, ncols);
  for (int j = 1; j <= ncols; ++j) {
    glp_set_col_bnds(p.lp, j, GLP_LO, 0.0, 0.0);
    if (limits.integer_seconds > 0) glp_set_col_kind(p.lp, j, GLP_IV);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  auto put = [&](int r, int c, double a) {
    ia.push_back(r);
    ja.push_back(c);
    ar.push_back(a);
  };
  int row = 0;
  std::vector<bool> empty(static_cast<size_t>(ncols), false);
  auto add_row = [&](int type, double b) {
    glp_add_rows(p.lp, 1);
    glp_set_row_bnds(p.lp, ++row, type, b, b);
    return row;
  };
  for (const auto& t : tables) {
    const size_t v = IndexOf(versions, t.snapshot);
    auto pos = joint.Positions(t.variables);
    std::unordered_map<std::string, int> row_of;
    for (const auto& c : t.released) row_of[Key(c.values)] = add_row(GLP_FX, static_cast<double>(c.count));
    for (const auto& w : t.withheld) row_of[Key(w)] = add_row(GLP_LO, 1.0);  // non-empty: at least 1
    int total_row = t.total ? add_row(GLP_FX, static_cast<double>(*t.total)) : 0;
    for (size_t j = 0; j < cells; ++j) {
      auto it = row_of.find(joint.Project(j, pos));
      if (it != row_of.end()) put(it->second, col(v, j), 1.0);
      else empty[static_cast<size_t>(col(v, j) - 1)] = true;  // an empty cell of this table
      if (total_row) put(total_row, col(v, j), 1.0);
    }
  }
  if (growth) {
    for (size_t v = versions.size(); v-- > 1;)
      for (size_t j = 0; j < cells; ++j) {
        auto later = static_cast<size_t>(col(v, j) - 1), before = static_cast<size_t>(col(v - 1, j) - 1);
        if (empty[later]) {
          empty[before] = true;  // empty now, so empty before
        } else if (!empty[before]) {
          int r = add_row(GLP_LO, 0.0);  // later - before >= 0
          put(r, col(v, j), 1.0);
          put(r, col(v - 1, j), -1.0);
        }
      }
  }
  for (int j = 0; j < ncols; ++j)
    if (empty[static_cast<size_t>(j)]) glp_set_col_bnds(p.lp, j + 1, GLP_FX, 0.0, 0.0);
  if (rows_out) *rows_out = static_cast<size_t>(row);
  if (row == 0) {  // nothing released: every cell is [0, unbounded), every growth unbounded
    for (size_t q = 0; q < queries.size(); ++q)
      if (queries[q].since) out[q].min.reset();
    return out;
  }
  glp_load_matrix(p.lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  std::vector<int> previous;
  for (size_t q = 0; q < queries.size(); ++q) {
    for (int j : previous) glp_set_obj_coef(p.lp, j, 0.0);
    previous.clear();
    auto pos = joint.Positions(queries[q].variables);
    std::string key = Key(queries[q].values);
    const size_t now = IndexOf(versions, queries[q].snapshot);
    for (size_t j = 0; j < cells; ++j) {
      if (joint.Project(j, pos) != key) continue;
      previous.push_back(col(now, j));
      glp_set_obj_coef(p.lp, col(now, j), 1.0);
      if (queries[q].since) {
        const size_t then = IndexOf(versions, *queries[q].since);
        previous.push_back(col(then, j));
        glp_set_obj_coef(p.lp, col(then, j), -1.0);
      }
    }
    bool integer_min = true, integer_max = true;
    KASHF_ASSIGN_OR_RETURN(auto lo, Bound(p.lp, GLP_MIN, deadline, limits, &integer_min, stats));
    KASHF_ASSIGN_OR_RETURN(auto hi, Bound(p.lp, GLP_MAX, deadline, limits, &integer_max, stats));
    if (lo) out[q].min = static_cast<int64_t>(std::ceil(*lo - 1e-6));
    if (hi) out[q].max = static_cast<int64_t>(std::floor(*hi + 1e-6));
    out[q].integer = integer_min && integer_max;
  }
  return out;
}

// SolveRanges assuming growth between versions; without it when the tables contradict growth
// (cases were removed, e.g. consent withdrawn: the reader sees that too).
Result<std::vector<FeasibleRange>> SolveAcrossVersions(const std::vector<ReleasedTable>& tables, const Joint& joint,
                                                       const std::vector<CellQuery>& queries,
                                                       Clock::time_point deadline, const AuditLimits& limits,
                                                       size_t* rows_out, BoundStats& stats) {
  auto ranges = SolveRanges(tables, joint, queries, deadline, limits, true, rows_out, stats);
  if (ranges.ok() || ranges.status().code() != StatusCode::kInvalidArgument || VersionsOf(tables, queries).size() < 2)
    return ranges;
  return SolveRanges(tables, joint, queries, deadline, limits, false, rows_out, stats);
}

}  // namespace

bool Discloses(const FeasibleRange& range, std::optional<int64_t> truth, int64_t k) {
  const bool pinned = range.min && range.max && *range.min == *range.max;
  if (!truth) {
    if (pinned) return Discloses(range, *range.min, k);
    return Discloses(range, 1, k) || Discloses(range, -1, k);
  }
  const int64_t t = *truth;
  if (t == 0 || t >= k || t <= -k) return false;
  if (pinned) return true;
  if (!range.min || !range.max) return false;
  return t > 0 ? *range.min >= 1 && *range.max <= k - 1 : *range.min >= -(k - 1) && *range.max <= -1;
}

Result<std::vector<FeasibleRange>> FeasibleRanges(const std::vector<ReleasedTable>& tables,
                                                  const std::map<CtdcVariable, std::vector<std::string>>& domains,
                                                  const std::vector<CellQuery>& queries, const AuditLimits& limits,
                                                  BoundStats* stats) {
  auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(limits.seconds * 1000));
  const size_t versions = std::max<size_t>(1, VersionsOf(tables, queries).size());
  auto joint = ProductJoint(UnionOf(tables, queries), domains, limits.max_joint_cells / versions);
  if (!joint) return Status::InvalidArgument("the joint table of these variables is too large to audit");
  BoundStats ignored;
  return SolveAcrossVersions(tables, *joint, queries, deadline, limits, nullptr, stats ? *stats : ignored);
}

namespace {

// The count of each cell of `t` as recorded (released and, when kept, withheld counts); a withheld
// cell without a recorded count maps to nullopt. Cells absent from the map are empty.
std::unordered_map<std::string, std::optional<int64_t>> RecordedCounts(const ReleasedTable& t) {
  std::unordered_map<std::string, std::optional<int64_t>> out;
  for (const auto& c : t.released) out[Key(c.values)] = c.count;
  const bool known = t.withheld_counts.size() == t.withheld.size();
  for (size_t i = 0; i < t.withheld.size(); ++i)
    out[Key(t.withheld[i])] = known ? std::optional<int64_t>(t.withheld_counts[i]) : std::nullopt;
  return out;
}

// The number of records a table of an earlier version was computed from (every record is in one cell).
std::optional<int64_t> RecordedTotal(const ReleasedTable& t) {
  if (t.total) return t.total;
  int64_t sum = 0;
  for (const auto& [key, count] : RecordedCounts(t)) {
    if (!count) return std::nullopt;
    sum += *count;
  }
  return sum;
}

std::unordered_map<std::string, int64_t> Counts(const CountTable& t) {
  std::unordered_map<std::string, int64_t> out;
  for (const auto& c : t.cells) out[Key(c.values)] = c.count;
  return out;
}

// The audit's targets: queries with their true values (nullopt: unknown), deduplicated.
struct Targets {
  std::vector<CellQuery> queries;
  std::vector<std::optional<int64_t>> truths;
  std::set<std::string> seen;
  void Add(CellQuery q, std::optional<int64_t> truth, int64_t k) {
    if (truth && (*truth == 0 || *truth >= k || *truth <= -k)) return;  // not a small cell or growth
    std::string id = q.snapshot + '\x1e' + q.since.value_or("") + '\x1e' + Key(q.values);
    for (auto v : q.variables) id += std::to_string(static_cast<int>(v)) + ",";
    if (!seen.insert(id).second) return;
    queries.push_back(std::move(q));
    truths.push_back(truth);
  }
};

// The counts of the cells of `shape` in an earlier version, from its tables: a table of that shape
// as recorded, or else the sums over a table whose variables include the shape and whose counts
// are all known. nullopt when no table of the version gives them.
std::optional<std::unordered_map<std::string, std::optional<int64_t>>> CountsThen(
    const std::vector<ReleasedTable>& tables, const std::string& version, const std::vector<CtdcVariable>& shape,
    std::map<std::string, std::vector<std::string>>& values_of) {
  for (const auto& t : tables)
    if (t.snapshot == version && t.variables == shape) {
      for (const auto& c : t.released) values_of[Key(c.values)] = c.values;
      for (const auto& w : t.withheld) values_of[Key(w)] = w;
      return RecordedCounts(t);
    }
  for (const auto& t : tables) {
    if (t.snapshot != version || t.withheld_counts.size() != t.withheld.size()) continue;
    std::vector<size_t> pos;
    for (auto v : shape) {
      auto it = std::find(t.variables.begin(), t.variables.end(), v);
      if (it == t.variables.end()) break;
      pos.push_back(static_cast<size_t>(it - t.variables.begin()));
    }
    if (pos.size() != shape.size()) continue;
    std::unordered_map<std::string, std::optional<int64_t>> out;
    auto add = [&](const std::vector<std::string>& values, int64_t n) {
      std::vector<std::string> projected;
      for (size_t p : pos) projected.push_back(values[p]);
      auto key = Key(projected);
      values_of[key] = projected;
      out[key] = out[key].value_or(0) + n;
    };
    for (const auto& c : t.released) add(c.values, c.count);
    for (size_t i = 0; i < t.withheld.size(); ++i) add(t.withheld[i], t.withheld_counts[i]);
    return out;
  }
  return std::nullopt;
}

// Withheld cells of every table (the data now from `records`, earlier versions from the ledger),
// and the growth of every cell of each shape released now, and of the grand total, between each
// earlier version and now.
Targets AuditTargets(const std::vector<ReleasedTable>& tables, const std::vector<CtdcRecord>& records, int64_t k) {
  Targets out;
  const std::string& now = tables.back().snapshot;
  std::map<std::vector<CtdcVariable>, CountTable> tabled_now;
  for (const auto& t : tables)
    if (t.snapshot == now && !tabled_now.contains(t.variables))
      tabled_now[t.variables] = Tabulate(records, t.variables);
  for (const auto& t : tables) {
    if (t.snapshot == now) {
      auto count = Counts(tabled_now[t.variables]);
      for (const auto& w : t.withheld) {
        auto it = count.find(Key(w));
        if (it != count.end()) out.Add({t.variables, w, now, std::nullopt}, it->second, k);
      }
    } else {
      auto then = RecordedCounts(t);
      for (const auto& w : t.withheld) out.Add({t.variables, w, t.snapshot, std::nullopt}, then[Key(w)], k);
    }
  }
  for (const auto& version : VersionsOf(tables, {})) {
    if (version == now) continue;
    for (const auto& [shape, table_now] : tabled_now) {
      std::map<std::string, std::vector<std::string>> values_of;  // the cells of either version
      for (const auto& c : table_now.cells) values_of[Key(c.values)] = c.values;
      auto then = CountsThen(tables, version, shape, values_of);
      auto count_now = Counts(table_now);
      for (const auto& [key, values] : values_of) {
        std::optional<int64_t> growth;
        if (then) {
          auto b = then->find(key);
          std::optional<int64_t> before = b == then->end() ? std::optional<int64_t>(0) : b->second;
          auto n = count_now.find(key);
          if (before) growth = (n == count_now.end() ? 0 : n->second) - *before;
        }
        out.Add({shape, values, now, version}, growth, k);
      }
    }
    std::optional<int64_t> growth;
    for (const auto& t : tables)
      if (auto total_then = t.snapshot == version ? RecordedTotal(t) : std::nullopt; total_then && !growth)
        growth = static_cast<int64_t>(records.size()) - *total_then;
    out.Add({{}, {}, now, version}, growth, k);
  }
  return out;
}

}  // namespace

Result<AuditReport> AuditReleases(const std::vector<ReleasedTable>& tables, const std::vector<CtdcRecord>& records,
                                  int64_t k, const AuditLimits& limits) {
  auto start = Clock::now();
  auto deadline = start + std::chrono::milliseconds(static_cast<int64_t>(limits.seconds * 1000));
  AuditReport report;
  report.tables = tables.size();
  if (tables.empty()) {
    report.approved = true;
    return report;
  }
  report.versions = VersionsOf(tables, {}).size();
  auto vars = UnionOf(tables, {});
  // Domains: the values the data holds now and the values earlier tables held (a reader knows at
  // most the public domain, which holds them).
  std::map<CtdcVariable, std::set<std::string>> seen_values;
  for (auto v : vars)
    for (const auto& r : records) seen_values[v].insert(r.Get(v));
  for (const auto& t : tables) {
    auto note = [&](const std::vector<std::string>& values) {
      for (size_t i = 0; i < t.variables.size() && i < values.size(); ++i)
        seen_values[t.variables[i]].insert(values[i]);
    };
    for (const auto& c : t.released) note(c.values);
    for (const auto& w : t.withheld) note(w);
  }
  std::map<CtdcVariable, std::vector<std::string>> domains;
  for (const auto& [v, values] : seen_values) domains[v] = {values.begin(), values.end()};
  auto joint = ProductJoint(vars, domains, limits.max_joint_cells / report.versions);
  if (!joint) {
    // Too many combinations: only the non-zero joint cells of the data now are unknowns. A reader
    // has at least this freedom, so the ranges found are no wider than a reader's (the audit errs
    // towards refusing; an earlier version outside them makes the LP infeasible: refused).
    CountTable support = Tabulate(records, vars);
    joint = Joint{vars, {}};
    for (auto& c : support.cells) joint->cells.push_back(std::move(c.values));
  }
  Targets targets = AuditTargets(tables, records, k);
  report.joint_cells = joint->cells.size() * report.versions;
  report.cells_checked = targets.queries.size();
  auto ranges =
      SolveAcrossVersions(tables, *joint, targets.queries, deadline, limits, &report.constraints, report.bounds);
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!ranges.ok()) {
    if (ranges.status().code() == StatusCode::kInternal) return ranges.status();
    report.reason = ranges.status().message();
    return report;
  }
  for (size_t q = 0; q < targets.queries.size(); ++q)
    if (Discloses((*ranges)[q], targets.truths[q], k)) report.exposed.push_back(targets.queries[q]);
  if (!report.exposed.empty()) {
    report.reason =
        "together with the tables released before, this table would let a withheld small cell, or how many cases "
        "joined a cell since an earlier release, be derived or narrowed below k";
    return report;
  }
  report.approved = true;
  return report;
}

}  // namespace kashf::analytics
