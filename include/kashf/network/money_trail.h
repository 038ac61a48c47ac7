// Money trails: follow funds forward (where did it go?) or backward (where did it come from?)
// from an account or person through bank, wallet and hawala payments, hop by hop in time order,
// within a time window and an amount tolerance; and layering patterns (fan-out / fan-in,
// scatter-gather through intermediaries, round trips).
//
// A trail is a time-respecting path of payments e1, e2, ... (forward: e1 leaves the start node,
// e(i+1) leaves the node e(i) reached, on or after e(i)'s day; backward: the mirror image),
//   * all within `days` of the first payment (the window),
//   * each hop's amount within `tolerance` of the previous hop's amount:
//       |a(i+1) - a(i)| <= tolerance * a(i)   (tolerance < 0 disables the check),
//   * visiting no node twice (loops are reported by round-trip detection instead).
// Thread safety: MoneyIndex is immutable; queries may run concurrently.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/graph/graph.h"

namespace kashf::network {

using graph::NodeId;

// Payments of an EdgeList indexed by node and day in both directions.
class MoneyIndex {
 public:
  MoneyIndex() = default;
  // Copies the payment edges (rel == kPayment) of `edges`.
  explicit MoneyIndex(const graph::EdgeList& edges);
  const graph::EdgeList& payments() const { return payments_; }
  const graph::TemporalIndex& index() const { return index_; }

  MoneyIndex(const MoneyIndex&) = delete;
  MoneyIndex& operator=(const MoneyIndex&) = delete;

 private:
  graph::EdgeList payments_;
  graph::TemporalIndex index_;
};

struct TrailOptions {
  bool forward = true;
  uint32_t hops = 3;                                 // maximum path length
  int32_t days = 30;                                 // window from the first payment
  double tolerance = 0.5;                            // relative amount change allowed per hop; < 0 = any amount
  int32_t from_day = INT32_MIN, to_day = INT32_MAX;  // first payments considered (by day)
  uint32_t channels = ~0u;                           // bits (1 << graph::Channel)
  double min_amount = 0;                             // ignore payments below this
  size_t max_paths = 1000;                           // stop after this many paths (TrailResult::truncated)
};

// TrailOptions::channels for channel names: bank, wallet, hawala, cash, or none (not recorded),
// case-insensitive; every channel for an empty list. InvalidArgument names an unknown one.
Result<uint32_t> ChannelBits(const std::vector<std::string>& names);

struct TrailHop {
  uint32_t payment = 0;     // index into MoneyIndex::payments().edges
  NodeId from = 0, to = 0;  // payer -> payee (also when following backward)
  int32_t day = 0;
  double amount = 0;
  graph::Channel channel = graph::Channel::kNone;
};

struct TrailPath {
  std::vector<TrailHop> hops;  // in the order followed (backward: the start node's payment first)
  double first_amount = 0, last_amount = 0;
  double carried = 0;     // smallest hop amount: what can have moved the whole way
  int32_t span_days = 0;  // last day - first day
  NodeId end = 0;         // node the trail reached
};

struct TrailEndpoint {
  NodeId node = 0;
  uint32_t paths = 0;
  double carried = 0;  // sum of carried amounts of the paths ending here
  uint32_t min_hops = 0;
};

struct TrailResult {
  std::vector<TrailPath> paths;          // every trail of 1..hops hops; longest carried first
  std::vector<TrailEndpoint> endpoints;  // per reached node, largest carried first
  bool truncated = false;                // max_paths was reached
  uint64_t hops_examined = 0;
};

// Trails from `start`. Paths that can be extended are reported too (every prefix is a trail).
TrailResult FollowMoney(const MoneyIndex& index, NodeId start, const TrailOptions& o);
// Reference for tests: the same definition by scanning every payment at every step.
TrailResult FollowMoneySerial(const graph::EdgeList& payments, NodeId start, const TrailOptions& o);

struct LayeringOptions {
  int32_t days = 30;            // window of one pattern
  double tolerance = 0.2;       // amount match for scatter-gather legs and round trips
  uint32_t min_branches = 3;    // fan-out / fan-in / scatter-gather width
  uint32_t max_cycle_hops = 4;  // round trips of 2..max_cycle_hops payments
  double min_amount = 0;        // payments below this are ignored
  size_t limit = 100;           // patterns reported per kind (largest amounts first)
  unsigned threads = 0;
  std::vector<NodeId> only;  // restrict to patterns starting at these nodes (empty = all)
};

// One node paying at least min_branches distinct payees within `days` (fan-out), or receiving
// from at least min_branches distinct payers (fan-in).
struct Fan {
  NodeId node = 0;
  uint32_t branches = 0;
  uint32_t payments = 0;
  double amount = 0;
  int32_t first_day = 0, last_day = 0;
  std::vector<NodeId> counterparties;  // sorted
};

// source -> {intermediaries} -> sink: money split over several accounts and gathered again.
struct ScatterGather {
  NodeId source = 0, sink = 0;
  std::vector<NodeId> intermediaries;    // sorted
  double amount_out = 0, amount_in = 0;  // source -> intermediaries, intermediaries -> sink
  int32_t first_day = 0, last_day = 0;
};

// A time-respecting cycle back to its first node.
struct RoundTrip {
  std::vector<TrailHop> hops;
  double amount_out = 0, amount_back = 0;
};

struct LayeringReport {
  // The largest LayeringOptions::limit patterns of each kind.
  std::vector<Fan> fan_out, fan_in;
  std::vector<ScatterGather> scatter_gather;
  std::vector<RoundTrip> round_trips;
  // How many of each kind were found before the limit (>= the lists' sizes).
  struct Found {
    size_t fan_out = 0, fan_in = 0, scatter_gather = 0, round_trips = 0;
  } found;
};

LayeringReport DetectLayering(const MoneyIndex& index, const LayeringOptions& o);

}  // namespace kashf::network
