// The standing attack test of issue 20: plays a determined reader's attacks on the statistics
// release path (the one the API and the CLI share) against a synthetic store, and fails if any
// cell below k or any data-dependent refusal can be learned.
//   1. Differencing across k: every table asked for with k = 11..60 (the LP over k = 11..60
//      recovered two cells that k = 11 had withheld).
//   2. Several overlapping tables of the same data, whose complements do not cover each other.
//   3. Withheld counts with totals: a release holds its released cells and total, nothing more.
//   4. An LP over everything obtained: each cell the attacker did not receive gets its feasible
//      range; a cell whose true count is 1..k-1 and whose range is exact or inside [1, k-1] leaks.
//   5. Year-range probes at epsilon 1e-6 (four such probes once found the first and last years).
//   6. Repeated DP queries until the budget stops them.
//   7. Differencing over time: the tables of 1 released, fewer than k cases added, released again;
//      the LP over both releases bounds every cell's and the total's growth.
// Outcomes of 1, 5 and 6 are compared between two synthetic data sets: any difference is a
// refusal that depends on the data.
// The test-only switch SuppressionPolicy::consistent = false (per-request k, no consistency, no
// audit: the behaviour before issue 20) makes the attacks succeed; AttacksSucceedWithoutConsistency
// proves the test can fail, and KASHF_ATTACK_INCONSISTENT=1 runs the standing test with the switch off.
// SuppressionPolicy::across_versions = false (the audit sees only tables of the data now, as before
// the growth audit) lets attack 7 succeed (GrowthAttackSucceedsWithoutAuditingAcrossVersions).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/analytics/statistics_release.h"
#include "kashf/core/random.h"
#include "kashf/core/text.h"
#include "kashf/testing/files.h"

namespace kashf::analytics {
namespace {

constexpr int64_t kK = 11;

// A synthetic population with a few small groups (other/unknown gender, young children, forced
// marriage) spread over `first_year`..`last_year`.
std::vector<CtdcRecord> SyntheticRecords(uint64_t seed, size_t n, int first_year, int last_year) {
  Rng rng(seed);
  auto pick = [&rng](const std::vector<std::string>& values, const std::vector<double>& weights) {
    return values[rng.Weighted(weights)];
  };
  auto ages = AgeBands::LoadDefault()->Labels();
  ages.pop_back();  // "unknown"
  std::vector<CtdcRecord> out(n);
  for (auto& r : out) {
    r.values[static_cast<size_t>(CtdcVariable::kGender)] =
        pick({"female", "male", "other", "unknown"}, {0.55, 0.40, 0.03, 0.02});
    r.values[static_cast<size_t>(CtdcVariable::kAgeBroad)] =
        pick(ages, {0.02, 0.18, 0.16, 0.12, 0.12, 0.1, 0.18, 0.08, 0.04});
    r.values[static_cast<size_t>(CtdcVariable::kTypeOfExploit)] =
        pick({"forced_labour", "sexual_exploitation", "forced_marriage", "other"}, {0.6, 0.3, 0.07, 0.03});
    r.values[static_cast<size_t>(CtdcVariable::kRoute)] =
        pick({"PAK", "PAK>ARE", "PAK>SAU", "AFG>PAK", "PAK>IRN>TUR>GRC"}, {0.5, 0.2, 0.15, 0.1, 0.05});
    r.values[static_cast<size_t>(CtdcVariable::kYearOfRegistration)] =
        std::to_string(rng.Between(first_year, last_year));
  }
  return out;
}

struct Findings {
  std::vector<std::string> leaks;     // cells below k learned, or metadata that narrows them
  std::vector<std::string> outcomes;  // one line per request: compared across data sets
};

// What the attacker holds: the released cells and totals, and (the strongest reader) which cells
// are empty, so every cell absent from a release but not empty is known to be withheld. `version`
// labels the data the table was released from (a reader knows when each table came out).
ReleasedTable AttackerView(const PublishedTable& p, const std::string& version = "") {
  ReleasedTable t;
  t.snapshot = version;
  t.variables = p.table.table.variables;
  for (const auto& c : p.table.table.cells) {
    if (c.released) t.released.push_back({c.values, *c.released});
    else if (c.count > 0) t.withheld.push_back(c.values);
  }
  t.total = p.table.table.released_total;
  return t;
}

std::string Outcome(const Status& s) { return s.ok() ? "ok" : std::string(StatusCodeName(s.code())); }

// Attack 3: the published CSV is the header, the released cells and the total line, nothing more.
void CheckPublishedFile(const PublishedTable& p, Findings& f) {
  size_t released = 0;
  for (const auto& c : p.table.table.cells) released += c.released.has_value();
  auto lines = Split(p.table.csv, '\n');
  size_t rows = 0;
  for (const auto& l : lines) rows += !l.empty();
  if (rows != released + 2) f.leaks.push_back(fmt::format("the file holds {} lines beside the cells", rows - released));
  if (p.table.csv.find("withheld") != std::string::npos && p.table.table.released_total)
    f.leaks.push_back("the file names withheld cells beside a released total");
}

// One data version the attacker obtained tables of (label as in AttackerView).
struct Version {
  std::string label;
  const std::vector<CtdcRecord>* records;
};

std::string Range(const FeasibleRange& r) {
  return fmt::format("{}..{}", r.min ? std::to_string(*r.min) : "-inf", r.max ? std::to_string(*r.max) : "inf");
}

// Attack 4: the LP over every table obtained, from every version: each cell the attacker did not
// receive, and each cell's (and the total's) growth between consecutive versions (differencing
// over time; the reader knows cases are only added). A cell or growth of 1..k-1 that the LP pins
// or confines leaks.
void SolveForSmallCells(const std::vector<ReleasedTable>& obtained, const std::vector<Version>& versions, Findings& f) {
  std::set<CtdcVariable> vars;
  for (const auto& t : obtained) vars.insert(t.variables.begin(), t.variables.end());
  std::map<CtdcVariable, std::vector<std::string>> domains;
  for (auto v : vars) {
    std::set<std::string> seen;
    for (const auto& version : versions)
      for (const auto& r : *version.records) seen.insert(r.Get(v));
    domains[v] = {seen.begin(), seen.end()};
  }
  std::vector<CellQuery> queries;
  std::vector<int64_t> truths;
  auto counts = [](const std::vector<CtdcRecord>& records, const std::vector<CtdcVariable>& shape) {
    std::map<std::vector<std::string>, int64_t> out;
    for (const auto& c : Tabulate(records, shape).cells) out[c.values] = c.count;
    return out;
  };
  for (size_t i = 0; i < versions.size(); ++i) {
    const auto& version = versions[i];
    std::set<std::vector<CtdcVariable>> tabled;
    for (const auto& t : obtained) {
      if (t.snapshot != version.label || !tabled.insert(t.variables).second) continue;
      std::set<std::vector<std::string>> known;
      for (const auto& o : obtained)
        if (o.variables == t.variables && o.snapshot == version.label)
          for (const auto& c : o.released) known.insert(c.values);
      for (const auto& [values, count] : counts(*version.records, t.variables)) {
        if (known.contains(values) || count >= kK) continue;
        queries.push_back({t.variables, values, version.label, std::nullopt});
        truths.push_back(count);
      }
      if (i == 0) continue;
      const auto& before = versions[i - 1];
      auto then = counts(*before.records, t.variables);
      auto now = counts(*version.records, t.variables);
      std::set<std::vector<std::string>> cells;
      for (const auto& [values, n] : then) cells.insert(values);
      for (const auto& [values, n] : now) cells.insert(values);
      for (const auto& values : cells) {
        int64_t growth = now[values] - then[values];
        if (growth == 0 || std::abs(growth) >= kK) continue;
        queries.push_back({t.variables, values, version.label, before.label});
        truths.push_back(growth);
      }
    }
    if (i == 0) continue;
    int64_t growth = static_cast<int64_t>(version.records->size() - versions[i - 1].records->size());
    if (growth != 0 && std::abs(growth) < kK) {
      queries.push_back({{}, {}, version.label, versions[i - 1].label});
      truths.push_back(growth);
    }
  }
  // LP bounds (integer_seconds 0): the attacker's hundreds of cells would each need a branch and
  // bound; the relaxation bounds every integer attack from outside, and the audit's own integer
  // bounds are checked against enumeration in disclosure_audit_test.cc.
  auto ranges = FeasibleRanges(obtained, domains, queries, AuditLimits{120.0, 2'000'000, 0.0});
  ASSERT_TRUE(ranges.ok()) << ranges.status().ToString();
  for (size_t q = 0; q < queries.size(); ++q)
    if (std::getenv("KASHF_ATTACK_DEBUG"))
      std::cout << queries[q].snapshot << " " << Join(queries[q].values, "|") << " true " << truths[q] << " range "
                << Range((*ranges)[q]) << "\n";
  for (size_t q = 0; q < queries.size(); ++q)
    if (Discloses((*ranges)[q], truths[q], kK))
      f.leaks.push_back(fmt::format("{} {} of a {}-variable table{}: true {}, feasible {}",
                                    queries[q].since ? "growth of cell" : "cell", Join(queries[q].values, "|"),
                                    queries[q].variables.size(), queries[q].since ? " between two releases" : "",
                                    truths[q], Range((*ranges)[q])));
}

// The tables the attacker asks for.
const std::vector<std::string> kShapes = {
    "gender",        "gender,ageBroad",        "ageBroad",    "gender,typeOfExploit",
    "typeOfExploit", "ageBroad,typeOfExploit", "gender,route"};

Findings PlayAttacks(const std::vector<CtdcRecord>& records, const SuppressionPolicy& policy, const std::string& tag) {
  Findings f;
  std::string path = testing::FreshTempDir("attack-" + tag) + "/kashf.db";
  auto ledger = OpenSqliteReleaseLedger(path);
  auto budget = OpenSqlitePrivacyBudget(path);
  EXPECT_TRUE(ledger.ok() && budget.ok());
  if (!ledger.ok() || !budget.ok()) return f;
  // Attacks 1 and 2: every table, with every k from 11 to 60 and with none.
  std::vector<ReleasedTable> obtained;
  for (const std::string& by : kShapes) {
    SuppressedTableRequest request{*ParseVariableList(by), std::nullopt, "attacker", "research-institute"};
    for (int64_t k = kK - 1; k <= 60; ++k) {
      request.k = k < kK ? std::nullopt : std::optional<int64_t>(k);
      auto p = PublishSuppressedTable(records, request, **ledger, policy);
      f.outcomes.push_back(fmt::format("table {} k {}: {}", by, k, Outcome(p.status())));
      if (p.ok() && policy.consistent && request.k && *request.k != kK)
        f.leaks.push_back(fmt::format("a table was released with k {} chosen by the reader", k));
      if (!p.ok()) continue;
      CheckPublishedFile(*p, f);
      ReleasedTable view = AttackerView(*p);
      bool known = std::any_of(obtained.begin(), obtained.end(), [&](const ReleasedTable& o) {
        return o.variables == view.variables && o.total == view.total && o.released.size() == view.released.size() &&
               std::equal(o.released.begin(), o.released.end(), view.released.begin(),
                          [](const ReleasedCell& a, const ReleasedCell& b) {
                            return a.values == b.values && a.count == b.count;
                          });
      });
      if (!known) obtained.push_back(std::move(view));  // the same table twice adds nothing to the LP
    }
  }
  SolveForSmallCells(obtained, {{"", &records}}, f);
  // Attack 5: year-range probes at a tiny epsilon.
  BudgetLimits limits{100.0, 1e-3, 100.0, 1e-3};
  auto noise = SeededUniformSource(20);
  for (auto [first, last] : std::vector<std::pair<int, int>>{
           {1900, 1900}, {2010, 2030}, {2019, 2030}, {2020, 2030}, {2010, 2018}, {2010, 2019}, {2026, 2030}}) {
    DpTableRequest r;
    r.variables = {CtdcVariable::kYearOfRegistration};
    r.dp.epsilon = 1e-6;
    r.first_year = first;
    r.last_year = last;
    r.actor = "prober";
    auto p = PublishDpTable(records, r, **budget, limits, *noise);
    f.outcomes.push_back(fmt::format("years {}..{}: {}", first, last, Outcome(p.status())));
  }
  // Attack 6: the same DP query until the budget refuses it (per user, then per deployment).
  BudgetLimits tight{1.001, 1e-5, 0.5, 1e-5};  // the probes above spent 7e-6
  for (const std::string user : {"repeater-1", "repeater-2", "repeater-3"}) {
    for (int i = 0; i < 10; ++i) {
      DpTableRequest r;
      r.variables = {CtdcVariable::kGender};
      r.dp.epsilon = 0.2;
      r.actor = user;
      auto p = PublishDpTable(records, r, **budget, tight, *noise);
      f.outcomes.push_back(fmt::format("{} query {}: {}", user, i, Outcome(p.status())));
    }
  }
  return f;
}

// Attack 7, differencing over time: every table released from the data, then again after fewer
// than k cases were added; the reader solves the LP over both releases for every cell's growth.
Findings PlayGrowth(const std::vector<CtdcRecord>& before, const SuppressionPolicy& policy, const std::string& tag) {
  Findings f;
  std::string path = testing::FreshTempDir("growth-" + tag) + "/kashf.db";
  auto ledger = OpenSqliteReleaseLedger(path);
  EXPECT_TRUE(ledger.ok());
  if (!ledger.ok()) return f;
  auto after = before;
  auto joined = SyntheticRecords(77, 5, 2018, 2023);  // 5 < k cases join
  after.insert(after.end(), joined.begin(), joined.end());
  std::vector<Version> versions{{"before", &before}, {"after", &after}};
  std::vector<ReleasedTable> obtained;
  for (const auto& version : versions)
    for (const std::string& by : kShapes) {
      SuppressedTableRequest request{*ParseVariableList(by), std::nullopt, "attacker", "research-institute"};
      auto p = PublishSuppressedTable(*version.records, request, **ledger, policy);
      f.outcomes.push_back(fmt::format("{} table {}: {}", version.label, by, Outcome(p.status())));
      if (!p.ok()) continue;
      CheckPublishedFile(*p, f);
      obtained.push_back(AttackerView(*p, version.label));
    }
  SolveForSmallCells(obtained, versions, f);
  return f;
}

// A ledger whose Tables() waits (up to a bound) until two releases have both read it: without a
// transaction around read-audit-record, both read the ledger before either records.
class RendezvousLedger final : public ReleaseLedger {
 public:
  struct Meeting {
    std::mutex m;
    std::condition_variable cv;
    int arrived = 0;
  };
  RendezvousLedger(std::unique_ptr<ReleaseLedger> inner, Meeting& meeting)
      : inner_(std::move(inner)), meeting_(meeting) {}
  Result<int64_t> DeploymentK() override { return inner_->DeploymentK(); }
  Status SetDeploymentK(int64_t k) override { return inner_->SetDeploymentK(k); }
  Result<std::vector<ReleasedTable>> Tables() override {
    auto tables = inner_->Tables();
    std::unique_lock lock(meeting_.m);
    ++meeting_.arrived;
    meeting_.cv.notify_all();
    meeting_.cv.wait_for(lock, std::chrono::milliseconds(1500), [this] { return meeting_.arrived >= 2; });
    return tables;
  }
  Result<ReleasedTable> Record(ReleasedTable table) override { return inner_->Record(std::move(table)); }
  Status Exclusive(const std::function<Status()>& body) override { return inner_->Exclusive(body); }

 private:
  std::unique_ptr<ReleaseLedger> inner_;
  Meeting& meeting_;
};

// Two tables of SyntheticRecords(20, 400, ...) each approved alone whose complements together
// expose a small cell (found by publishing each into an empty ledger and auditing both).
const std::string kComplementaryPair[2] = {"gender", "gender,ageBroad"};

TEST(StatisticsAttack, TwoReleasesAtTheSameInstantAreSerialised) {
  // Two connections to one Kashf file (as the CLI and the server are) release two tables at once
  // whose complements, each safe alone, together pin a small cell.
  std::string path = testing::FreshTempDir("attack-concurrent") + "/kashf.db";
  auto records = SyntheticRecords(20, 400, 2018, 2023);
  ASSERT_TRUE(OpenSqliteReleaseLedger(path).ok());  // the ledger's schema, before the two connections
  RendezvousLedger::Meeting meeting;
  std::vector<Result<PublishedTable>> results(2, Status::Internal("not run"));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      RendezvousLedger ledger(std::move(*OpenSqliteReleaseLedger(path)), meeting);
      SuppressedTableRequest r{*ParseVariableList(kComplementaryPair[i]), std::nullopt, "amna", "research-institute"};
      results[i] = PublishSuppressedTable(records, r, ledger);
    });
  for (auto& t : threads) t.join();
  auto tables = (*OpenSqliteReleaseLedger(path))->Tables();
  ASSERT_TRUE(tables.ok());
  size_t ok = 0;
  for (const auto& r : results) ok += r.ok();
  EXPECT_EQ(tables->size(), ok);
  // Whatever was released, it passes the audit together.
  auto audit = AuditReleases(*tables, records, 11, {});
  ASSERT_TRUE(audit.ok());
  EXPECT_TRUE(audit->approved) << "two releases at once passed the audit only alone";
}

bool InconsistentFromEnvironment() {
  const char* v = std::getenv("KASHF_ATTACK_INCONSISTENT");
  return v && std::string(v) == "1";
}

TEST(StatisticsAttack, NoCellBelowKAndNoDataDependentRefusalCanBeLearned) {
  SuppressionPolicy policy;
  policy.consistent = !InconsistentFromEnvironment();
  auto x = SyntheticRecords(20, 400, 2018, 2023);
  auto y = SyntheticRecords(21, 380, 2012, 2026);
  Findings fx = PlayAttacks(x, policy, "x");
  Findings fy = PlayAttacks(y, policy, "y");
  for (const auto& l : fx.leaks) ADD_FAILURE() << "data set x: " << l;
  for (const auto& l : fy.leaks) ADD_FAILURE() << "data set y: " << l;
  // Refusals of suppressed tables by the audit depend on the data by design (a table that would
  // disclose is not released); every other outcome must not.
  ASSERT_EQ(fx.outcomes.size(), fy.outcomes.size());
  if (std::getenv("KASHF_ATTACK_DEBUG"))
    for (size_t i = 0; i < fx.outcomes.size(); ++i) std::cout << fx.outcomes[i] << " / " << fy.outcomes[i] << "\n";
  for (size_t i = 0; i < fx.outcomes.size(); ++i) {
    if (fx.outcomes[i] == fy.outcomes[i]) continue;
    const std::string refused(StatusCodeName(StatusCode::kFailedPrecondition));
    bool audit_refusal = fx.outcomes[i].ends_with(refused) || fy.outcomes[i].ends_with(refused);
    bool suppressed = fx.outcomes[i].starts_with("table ");
    if (!(audit_refusal && suppressed))
      ADD_FAILURE() << "data-dependent outcome: " << fx.outcomes[i] << " vs " << fy.outcomes[i];
  }
  // The DP probes all succeed, and the repeated queries stop at the budgets: 0.5 per user (2 of
  // 0.2 each), 1.0 per deployment (5 in all).
  size_t dp_ok = 0;
  for (const auto& o : fx.outcomes)
    if (o.starts_with("repeater") && o.ends_with(": ok")) ++dp_ok;
  EXPECT_EQ(dp_ok, 5u);
  for (const auto& o : fx.outcomes)
    if (o.starts_with("years")) {
      EXPECT_TRUE(o.ends_with(": ok")) << o;
    }
}

TEST(StatisticsAttack, GrowthBetweenReleasesCannotBeDifferenced) {
  SuppressionPolicy policy;
  policy.consistent = !InconsistentFromEnvironment();
  Findings f = PlayGrowth(SyntheticRecords(20, 400, 2018, 2023), policy, "on");
  for (const auto& l : f.leaks) ADD_FAILURE() << l;
  size_t released_after = 0;
  for (const auto& o : f.outcomes) released_after += o.starts_with("after") && o.ends_with(": ok");
  std::cout << released_after << " of " << kShapes.size() << " tables released again after the growth\n";
}

TEST(StatisticsAttack, GrowthAttackSucceedsWithoutAuditingAcrossVersions) {
  SuppressionPolicy within;
  within.across_versions = false;  // the test-only switch: the audit sees only tables of the data now
  Findings f = PlayGrowth(SyntheticRecords(20, 400, 2018, 2023), within, "within");
  EXPECT_FALSE(f.leaks.empty()) << "auditing only the data now, differencing two releases must find a growth";
  for (const auto& l : f.leaks) std::cout << "leak (expected with the switch off): " << l << "\n";
}

TEST(StatisticsAttack, AttacksSucceedWithoutConsistency) {
  SuppressionPolicy off;
  off.consistent = false;  // the test-only switch
  Findings f = PlayAttacks(SyntheticRecords(20, 400, 2018, 2023), off, "off");
  EXPECT_FALSE(f.leaks.empty()) << "with consistency switched off the attacks must find a small cell";
  for (const auto& l : f.leaks) std::cout << "leak (expected with the switch off): " << l << "\n";
}

}  // namespace
}  // namespace kashf::analytics
