// Graph: the resolved entity network in compressed sparse row (CSR) form.
// Two levels: an EdgeList of time-stamped, weighted relationship edges (one per statement-level
// relationship: a call, a payment, a co-involvement ...) and a Graph built from it for analysis,
// with parallel edges merged (weights summed) and self-loops dropped. Money trails work on the
// EdgeList through a TemporalIndex (edges sorted by time per vertex).
// Thread safety: all types are immutable after construction and may be read from many threads.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::graph {

using NodeId = uint32_t;

enum class Relation : uint8_t {
  kCall,
  kPayment,
  kInvolvement,
  kFamily,
  kAssociate,
  kTravel,
  kOwnership,
  kMembership,
  kMeeting,  // co-attendance of one event (meeting, wedding, raid ...)
  kOther
};
enum class Channel : uint8_t { kNone, kBank, kWallet, kHawala, kCash };
inline constexpr int kRelationCount = 10;

// "call", "payment", "involvement" (co-involvement in a case), "family", "associate", "travel",
// "ownership", "membership", "meeting" (co-attendance of an event), "other".
const char* RelationName(Relation r);
Result<Relation> ParseRelation(const std::string& name);  // InvalidArgument lists the valid names
const char* ChannelName(Channel c);
Channel ParseChannel(const std::string& name);  // unknown -> kNone

// One relationship edge, src -> dst (payer -> beneficiary, caller -> receiver ...).
struct Edge {
  NodeId src = 0, dst = 0;
  float weight = 1;       // strength used by structural algorithms (1 per call, per case ...; a call record
                          // standing for `count` calls and `messages` messages weighs count + messages)
  int32_t day = 0;        // days since 1970-01-01 (0 = undated; for a call record counted over a period, its first day)
  double amount = 0;      // payments only, in currency `currency`
  uint32_t count = 1;     // calls: the voice calls this record stands for (a call seen 40 times: 40; 0 = messages only)
  uint32_t messages = 0;  // calls: the text messages this record stands for, kept apart from `count`
  float seconds = 0;      // calls: total duration in seconds over the `count` calls (0 = not recorded)
  uint16_t agency = 0;    // index into EdgeList::agencies (0 = unknown)
  uint16_t currency = 0;  // payments: index into EdgeList::currencies (0 = not recorded)
  Relation rel = Relation::kOther;
  Channel channel = Channel::kNone;
};

struct EdgeList {
  uint32_t num_nodes = 0;
  std::vector<Edge> edges;
  std::vector<std::string> agencies{""};    // agency names; index 0 = unknown
  std::vector<std::string> currencies{""};  // ISO 4217 codes, upper case; index 0 = not recorded
};

// Keeps the edges that pass every set condition.
struct EdgeFilter {
  int32_t from_day = INT32_MIN, to_day = INT32_MAX;  // inclusive; undated edges (day 0) always pass
  uint32_t relations = ~0u;                          // bit (1 << Relation)
  std::vector<uint16_t> agencies;                    // empty = all
};
EdgeList Filter(const EdgeList& in, const EdgeFilter& f);

// One direction of adjacency: neighbours of v are nbr[offsets[v] .. offsets[v+1]), sorted by id.
struct Csr {
  std::vector<uint64_t> offsets;  // num_nodes + 1
  std::vector<NodeId> nbr;
  std::vector<float> weight;
  std::span<const NodeId> Neighbours(NodeId v) const { return {nbr.data() + offsets[v], nbr.data() + offsets[v + 1]}; }
  std::span<const float> Weights(NodeId v) const {
    return {weight.data() + offsets[v], weight.data() + offsets[v + 1]};
  }
  uint64_t Degree(NodeId v) const { return offsets[v + 1] - offsets[v]; }
};

// Analysis graph: out-, in- and undirected adjacency with merged parallel edges.
class Graph {
 public:
  // Builds the three CSRs with `threads` workers (0 = hardware concurrency). Edges whose
  // endpoints are >= num_nodes are ignored. Contract: deterministic for any thread count.
  static Graph Build(const EdgeList& edges, unsigned threads = 0);
  // As above from bare (src, dst, weight) arrays (benchmarks; no attribute copy).
  static Graph Build(uint32_t num_nodes, std::span<const NodeId> src, std::span<const NodeId> dst,
                     std::span<const float> weight, unsigned threads = 0);

  uint32_t num_nodes() const { return n_; }
  uint64_t num_edges() const { return out_.nbr.size(); }  // directed, after merging
  const Csr& out() const { return out_; }
  const Csr& in() const { return in_; }
  const Csr& undirected() const { return und_; }  // u-v weight = w(u->v) + w(v->u)

 private:
  uint32_t n_ = 0;
  Csr out_, in_, und_;
};

// Edges of an EdgeList sorted by (vertex, day) in both directions, for windowed traversal.
class TemporalIndex {
 public:
  TemporalIndex() = default;
  explicit TemporalIndex(const EdgeList& edges);  // keeps a pointer: `edges` must outlive this
  // Indexes into edges() of v's outgoing (incoming) edges with from_day <= day <= to_day, in time order.
  std::span<const uint32_t> Out(NodeId v, int32_t from_day, int32_t to_day) const;
  std::span<const uint32_t> In(NodeId v, int32_t from_day, int32_t to_day) const;
  const EdgeList& edges() const { return *edges_; }

 private:
  const EdgeList* edges_ = nullptr;
  std::vector<uint64_t> out_off_, in_off_;
  std::vector<uint32_t> out_idx_, in_idx_;
  std::vector<int32_t> out_day_, in_day_;
};

// Days since 1970-01-01 of an ISO date "YYYY", "YYYY-MM" or "YYYY-MM-DD" (missing parts = 1);
// InvalidArgument otherwise.
Result<int32_t> DayFromIso(const std::string& iso);
std::string IsoFromDay(int32_t day);

}  // namespace kashf::graph
