// Typology evaluation: the detectors' flags and simple baselines scored against ground truth in
// one run (include/kashf/network/typology_evaluate.h).
#include "kashf/network/typology_evaluate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "csv_rows.h"
#include "kashf/core/text.h"

namespace kashf::network {
namespace {

constexpr uint8_t kAll = (1u << kTypologyCount) - 1;

uint8_t Bit(Typology t) { return static_cast<uint8_t>(1u << static_cast<unsigned>(t)); }

Confusion Score(const std::vector<char>& flagged, const std::vector<uint8_t>& labels, uint8_t mask) {
  Confusion c;
  for (size_t v = 0; v < labels.size(); ++v) {
    const bool truth = (labels[v] & mask) != 0;
    if (flagged[v] && truth) ++c.tp;
    else if (flagged[v]) ++c.fp;
    else if (truth) ++c.fn;
  }
  return c;
}

// Most distinct counterparties (payers if `in`) of each account within any window of `days`.
std::vector<uint32_t> MaxDistinctInWindow(const TransferSet& ts, uint16_t currency, bool in, int32_t days) {
  const auto& tr = ts.transfers();
  std::vector<uint32_t> best(ts.num_accounts(), 0);
  std::unordered_map<uint32_t, uint32_t> count;
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) {
    auto list = in ? ts.In(v) : ts.Out(v);
    count.clear();
    uint32_t distinct = 0;
    size_t lo = 0;
    for (size_t hi = 0; hi < list.size(); ++hi) {
      const Transfer& e = tr[list[hi]];
      if (e.currency != currency) continue;
      if (count[in ? e.from : e.to]++ == 0) ++distinct;
      for (; tr[list[lo]].time < e.time - int64_t{days} * 86400; ++lo) {
        const Transfer& f = tr[list[lo]];
        if (f.currency == currency && --count[in ? f.from : f.to] == 0) --distinct;
      }
      best[v] = std::max(best[v], distinct);
    }
  }
  return best;
}

// Accounts on a directed cycle of at most 4 accounts in the static payment graph: an out-
// neighbour from which the account can be reached in at most 3 steps (backward BFS).
std::vector<char> OnShortCycle(const TransferSet& ts) {
  const uint32_t n = ts.num_accounts();
  const auto& tr = ts.transfers();
  std::vector<uint32_t> stamp(n, UINT32_MAX);
  std::vector<char> out(n, 0);
  std::vector<uint32_t> frontier, next;
  for (uint32_t s = 0; s < n; ++s) {
    if (ts.Out(s).empty() || ts.In(s).empty()) continue;
    frontier.assign(1, s);
    stamp[s] = s;
    for (int depth = 0; depth < 3 && !frontier.empty(); ++depth) {
      next.clear();
      for (uint32_t v : frontier)
        for (uint32_t i : ts.In(v)) {
          const uint32_t u = tr[i].from;
          if (stamp[u] != s) {
            stamp[u] = s;
            next.push_back(u);
          }
        }
      frontier.swap(next);
    }
    for (uint32_t i : ts.Out(s)) {
      const uint32_t a = tr[i].to;
      if (a != s && stamp[a] == s) {
        out[s] = 1;
        break;
      }
    }
  }
  return out;
}

// The top `k` accounts by distinct counterparties (ties by account number).
std::vector<char> TopByDegree(const TransferSet& ts, uint64_t k) {
  const auto& tr = ts.transfers();
  std::vector<uint32_t> degree(ts.num_accounts(), 0), seen;
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) {
    seen.clear();
    for (uint32_t i : ts.Out(v)) seen.push_back(tr[i].to);
    for (uint32_t i : ts.In(v)) seen.push_back(tr[i].from);
    std::sort(seen.begin(), seen.end());
    degree[v] = static_cast<uint32_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
  }
  std::vector<uint32_t> order(ts.num_accounts());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return degree[a] > degree[b]; });
  std::vector<char> out(ts.num_accounts(), 0);
  for (uint64_t i = 0; i < std::min<uint64_t>(k, order.size()); ++i) out[order[i]] = 1;
  return out;
}

// In and out totals within 10% of each other (at least 3 transfers each way): flow-through
// without regard to time.
std::vector<char> Balanced(const TransferSet& ts) {
  const auto& tr = ts.transfers();
  std::vector<char> out(ts.num_accounts(), 0);
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) {
    if (ts.In(v).size() < 3 || ts.Out(v).size() < 3) continue;
    double in = 0, paid = 0;
    for (uint32_t i : ts.In(v)) in += tr[i].amount;
    for (uint32_t i : ts.Out(v)) paid += tr[i].amount;
    out[v] = std::fabs(in - paid) <= 0.1 * in;
  }
  return out;
}

// A count baseline at threshold k, and at the k (2..200) with the best F1 against the truth.
void AddCountBaseline(TypologyScores& row, const std::vector<uint32_t>& value, const std::vector<uint8_t>& labels,
                      uint8_t mask, uint32_t k, const char* what) {
  auto at = [&](uint32_t t) {
    std::vector<char> f(value.size());
    for (size_t v = 0; v < value.size(); ++v) f[v] = value[v] >= t;
    return Score(f, labels, mask);
  };
  row.methods.push_back({fmt::format("{} >= {}", what, k), at(k)});
  uint32_t best_k = 2;
  Confusion best = at(2);
  for (uint32_t t = 3; t <= 200; ++t) {
    Confusion c = at(t);
    if (c.F1() > best.F1()) {
      best = c;
      best_k = t;
    }
  }
  row.methods.push_back({fmt::format("{} >= {} (best k, chosen with the truth)", what, best_k), best});
}

}  // namespace

Result<TypologyTruth> ReadTypologyTruth(const std::string& path, const TransferSet& ts) {
  std::unordered_map<std::string_view, uint32_t> ids;
  for (uint32_t v = 0; v < ts.num_accounts(); ++v) ids.emplace(ts.accounts()[v], v);
  TypologyTruth t;
  t.labels.assign(ts.num_accounts(), 0);
  auto header = [&](const std::vector<std::string>& h) -> Status {
    if (h.size() < 2 || Trim(h[0]) != "account" || Trim(h[1]) != "typology")
      return Status::InvalidArgument(path + ":1: expected the header account,typology[,role]");
    return Status::Ok();
  };
  auto row = [&](const std::vector<std::string>& f, const std::string& where) -> Status {
    if (f.size() < 2) return Status::InvalidArgument(where + "expected account,typology[,role]");
    auto typ = ParseTypology(f[1]);
    if (!typ.ok()) return Status::InvalidArgument(where + typ.status().message());
    auto it = ids.find(f[0]);
    if (it == ids.end())
      return Status::InvalidArgument(where + "account '" + f[0] +
                                     "' does not occur in the transfers (is this the truth of another data set?)");
    const std::string role = f.size() > 2 ? ToLowerAscii(Trim(f[2])) : "";
    if (role == "smurf" || role == "originator" || role == "beneficiary") return Status::Ok();
    t.labels[it->second] |= Bit(*typ);
    ++t.rows;
    return Status::Ok();
  };
  KASHF_RETURN_IF_ERROR(ReadCsvRows(path, "truth", header, row));
  return t;
}

Result<TypologyEvaluation> EvaluateTypologies(const TransferSet& ts, const TypologyTruth& truth,
                                              const TypologyOptions& o) {
  if (truth.labels.size() != ts.num_accounts())
    return Status::InvalidArgument("the truth was read for another set of transfers");
  KASHF_ASSIGN_OR_RETURN(uint16_t currency, ChooseCurrency(ts, o.currency));
  const uint32_t n = ts.num_accounts();
  std::vector<std::vector<char>> flagged(kTypologyCount, std::vector<char>(n, 0));
  std::vector<char> any(n, 0);
  const auto start = std::chrono::steady_clock::now();
  KASHF_RETURN_IF_ERROR(DetectTypologies(ts, o, [&](TypologyHit&& h) {
    flagged[static_cast<size_t>(h.typology)][h.account] = 1;
    any[h.account] = 1;
    return true;
  }));
  TypologyEvaluation ev;
  ev.detect_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ev.flagged = static_cast<uint64_t>(std::count(any.begin(), any.end(), 1));
  auto positives = [&](uint8_t mask) {
    return static_cast<uint64_t>(
        std::count_if(truth.labels.begin(), truth.labels.end(), [&](uint8_t l) { return (l & mask) != 0; }));
  };
  for (int k = 0; k < kTypologyCount; ++k) {
    const auto t = static_cast<Typology>(k);
    if (!o.only.empty() && std::find(o.only.begin(), o.only.end(), t) == o.only.end()) continue;
    TypologyScores row;
    row.typology = TypologyName(t);
    row.positives = positives(Bit(t));
    row.methods.push_back({"kashf", Score(flagged[static_cast<size_t>(k)], truth.labels, Bit(t))});
    switch (t) {
      case Typology::kFanIn:
      case Typology::kFanOut: {
        const bool in = t == Typology::kFanIn;
        AddCountBaseline(row, MaxDistinctInWindow(ts, currency, in, o.fan.window_days), truth.labels, Bit(t),
                         o.fan.min_transfers, in ? "distinct payers in window" : "distinct payees in window");
        break;
      }
      case Typology::kCycle:
        row.methods.push_back({"on a directed cycle of <= 4 accounts", Score(OnShortCycle(ts), truth.labels, Bit(t))});
        break;
      case Typology::kPassThrough:
        row.methods.push_back({"in and out totals within 10%", Score(Balanced(ts), truth.labels, Bit(t))});
        [[fallthrough]];
      case Typology::kScatterGather:
      case Typology::kHawalaSettlement:
        row.methods.push_back({"degree top-N", Score(TopByDegree(ts, row.positives), truth.labels, Bit(t))});
        break;
    }
    ev.rows.push_back(std::move(row));
  }
  uint8_t mask = 0;
  for (int k = 0; k < kTypologyCount; ++k)
    if (o.only.empty() || std::find(o.only.begin(), o.only.end(), static_cast<Typology>(k)) != o.only.end())
      mask |= Bit(static_cast<Typology>(k));
  TypologyScores all;
  all.typology = mask == kAll ? "laundering (any)" : "laundering (chosen typologies)";
  all.positives = positives(mask);
  all.methods.push_back({"kashf", Score(any, truth.labels, mask)});
  all.methods.push_back({"degree top-N", Score(TopByDegree(ts, all.positives), truth.labels, mask)});
  ev.rows.push_back(std::move(all));
  return ev;
}

}  // namespace kashf::network
