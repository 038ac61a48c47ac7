// Succession after a removal: who replaced whom. The network is split into two phases by the edges'
// dates — before the removal (arrest, seizure) day and from it on — and the remaining neighbours of
// the removed (in the phase before) are ranked by how much their position rose in the phase after:
// first by the rise in betweenness (normalised, Brandes 2001; sampled above `exact_limit` nodes as
// in metrics.h), then by the rise in degree. The removed nodes' own edges after the day are left
// out (they are gone); undated edges belong to neither phase.
// Thread safety: pure function of its arguments.
#pragma once
#include <cstdint>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/network/entity_network.h"

namespace kashf::network {

struct SuccessionOptions {
  int32_t removal_day = 0;  // days since 1970-01-01: the first day of the phase after
  // Phase length in days on each side of the removal day (0 = everything before / after).
  int32_t window_days = 0;
  size_t limit = 10;
  uint32_t exact_limit = 5000;  // betweenness exact up to this many nodes, else `samples` pivots
  uint32_t samples = 1024;
  unsigned threads = 0;
};

struct Successor {
  NodeId node = 0;
  double betweenness_before = 0, betweenness_after = 0;
  uint32_t degree_before = 0, degree_after = 0;
  std::vector<NodeId> replaced{};  // its removed neighbours in the phase before
};

struct SuccessionReport {
  int32_t removal_day = 0;
  uint32_t edges_before = 0, edges_after = 0;  // dated edges in each phase
  bool betweenness_exact = true;
  std::vector<Successor> successors;  // by betweenness rise, then degree rise, then node
};

// InvalidArgument when `removed` is empty, names a node outside the network, or no dated edge falls
// in one of the phases (the message gives the counts).
Result<SuccessionReport> FindSuccessors(const EntityNetwork& net, const std::vector<NodeId>& removed,
                                        const SuccessionOptions& o);

}  // namespace kashf::network
