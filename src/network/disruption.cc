// Disruption analysis: the effect of removing a set of nodes (disruption.h).
#include "kashf/network/disruption.h"

#include <algorithm>

#include <fmt/format.h>

namespace kashf::network {

Result<std::vector<NodeId>> FindNodes(const EntityNetwork& net, const std::vector<std::string>& keys) {
  std::vector<NodeId> nodes;
  for (const std::string& key : keys) {
    auto v = net.Find(key);
    if (!v.ok()) return v.status().WithContext(fmt::format("node '{}'", key));
    nodes.push_back(*v);
  }
  return nodes;
}

std::vector<char> RemovableNodes(const EntityNetwork& net) {
  std::vector<char> ok(net.num_nodes(), 0);
  for (NodeId v = 0; v < net.num_nodes(); ++v) ok[v] = IsActor(net.nodes()[v].kind) && !net.nodes()[v].victim;
  return ok;
}

namespace {

// Reconnecting brokers (see disruption.h): remaining actors tied to a group of removed nodes, with
// the other new components that group touched.
std::vector<ReconnectingBroker> FindBrokers(const EntityNetwork& net, const graph::Graph& g,
                                            const std::vector<char>& removed, const Fragments& after, size_t limit) {
  const graph::Csr& und = g.undirected();
  const uint32_t n = g.num_nodes();
  // Groups: connected sets of removed nodes.
  std::vector<uint32_t> group(n, Fragments::kNoComponent);
  std::vector<std::vector<uint32_t>> touched;  // per group: new components of its remaining neighbours
  std::vector<NodeId> queue;
  for (NodeId s = 0; s < n; ++s) {
    if (!removed[s] || group[s] != Fragments::kNoComponent) continue;
    const auto id = static_cast<uint32_t>(touched.size());
    touched.emplace_back();
    group[s] = id;
    queue.assign(1, s);
    for (size_t head = 0; head < queue.size(); ++head)
      for (NodeId w : und.Neighbours(queue[head])) {
        if (!removed[w]) {
          touched[id].push_back(after.component[w]);
        } else if (group[w] == Fragments::kNoComponent) {
          group[w] = id;
          queue.push_back(w);
        }
      }
    std::sort(touched[id].begin(), touched[id].end());
    touched[id].erase(std::unique(touched[id].begin(), touched[id].end()), touched[id].end());
  }
  std::vector<ReconnectingBroker> brokers;
  std::vector<uint32_t> reached, groups;
  for (NodeId w = 0; w < n; ++w) {
    const Node& node = net.nodes()[w];
    if (removed[w] || !IsActor(node.kind) || node.victim) continue;
    reached.clear();
    groups.clear();
    ReconnectingBroker b;
    b.node = w;
    for (NodeId r : und.Neighbours(w)) {
      if (!removed[r]) continue;
      if (b.via.size() < 5) b.via.push_back(r);
      groups.push_back(group[r]);
    }
    if (groups.empty()) continue;
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    const uint32_t own = after.component[w];
    for (uint32_t id : groups)
      for (uint32_t c : touched[id])
        if (c != own) reached.push_back(c);
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    if (reached.empty()) continue;
    b.component_size = after.sizes[own];
    b.components = static_cast<uint32_t>(reached.size());
    uint64_t separate = Pairs(b.component_size);
    for (uint32_t c : reached) {
      b.nodes_reached += after.sizes[c];
      separate += Pairs(after.sizes[c]);
    }
    b.pairs_restored = Pairs(uint64_t{b.component_size} + b.nodes_reached) - separate;
    brokers.push_back(std::move(b));
  }
  std::sort(brokers.begin(), brokers.end(), [](const ReconnectingBroker& x, const ReconnectingBroker& y) {
    return x.pairs_restored != y.pairs_restored ? x.pairs_restored > y.pairs_restored : x.node < y.node;
  });
  if (brokers.size() > limit) brokers.resize(limit);
  return brokers;
}

}  // namespace

Result<DisruptionReport> AnalyseDisruption(const EntityNetwork& net, const graph::Graph& g,
                                           const std::vector<NodeId>& removed_nodes, const DisruptionOptions& o) {
  const uint32_t n = g.num_nodes();
  if (net.num_nodes() != n)
    return Status::InvalidArgument(fmt::format("the graph has {} nodes and the network {}", n, net.num_nodes()));
  if (removed_nodes.empty()) return Status::InvalidArgument("name at least one node to remove");
  DisruptionReport r;
  std::vector<char> removed(n, 0);
  for (NodeId v : removed_nodes) {
    if (v >= n) return Status::InvalidArgument(fmt::format("node {} is not in the network (it has {} nodes)", v, n));
    if (!removed[v]) r.removed.push_back(v);
    removed[v] = 1;
  }
  if (r.removed.size() == n) return Status::InvalidArgument("removing every node leaves nothing to analyse");
  std::sort(r.removed.begin(), r.removed.end());

  const Fragments before = FragmentsWithout(g), after = FragmentsWithout(g, removed);
  r.before = before.Figures();
  r.after = after.Figures();
  std::vector<uint64_t> remaining(before.sizes.size(), 0);  // per old component, nodes kept
  for (NodeId v = 0; v < n; ++v)
    if (!removed[v]) ++remaining[before.component[v]];
  uint64_t pairs_kept_before = 0;
  for (uint64_t s : remaining) pairs_kept_before += Pairs(s);
  r.pairs_disconnected = pairs_kept_before - r.after.connected_pairs;
  const auto largest = [](const std::vector<uint32_t>& sizes) {
    return static_cast<uint32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
  };
  const uint32_t old_largest = largest(before.sizes), new_largest = largest(after.sizes);
  for (NodeId v = 0; v < n; ++v)
    if (!removed[v] && before.component[v] == old_largest && after.component[v] != new_largest) ++r.cut_from_largest;

  const graph::Csr& und = g.undirected();
  std::vector<uint32_t> tied;
  for (NodeId v : r.removed) {
    RemovedNode x;
    x.node = v;
    x.degree = static_cast<uint32_t>(und.Degree(v));
    tied.clear();
    for (NodeId w : und.Neighbours(v))
      if (!removed[w]) tied.push_back(after.component[w]);
    std::sort(tied.begin(), tied.end());
    x.components_tied = static_cast<uint32_t>(std::unique(tied.begin(), tied.end()) - tied.begin());
    r.removed_nodes.push_back(x);
  }
  auto removed_index = [&](NodeId v) {
    return static_cast<size_t>(std::lower_bound(r.removed.begin(), r.removed.end(), v) - r.removed.begin());
  };
  const auto& currencies = net.edges().currencies;
  for (const graph::Edge& e : net.edges().edges) {
    if (e.rel != graph::Relation::kPayment || e.src >= n || e.dst >= n) continue;
    if (!removed[e.src] && !removed[e.dst]) continue;
    const std::string& cur = currencies[e.currency < currencies.size() ? e.currency : 0];
    ++r.payments_touched;
    r.money_touched[cur] += e.amount;
    if (removed[e.src]) r.removed_nodes[removed_index(e.src)].money_out[cur] += e.amount;
    if (removed[e.dst]) r.removed_nodes[removed_index(e.dst)].money_in[cur] += e.amount;
    if (removed[e.src] && !removed[e.dst]) r.money_out_of_removed[cur] += e.amount;
    if (!removed[e.src] && removed[e.dst]) r.money_into_removed[cur] += e.amount;
  }
  // Flow conservation holds per currency: what left R in a currency can only have come in in it.
  for (const auto& [cur, into] : r.money_into_removed)
    if (auto it = r.money_out_of_removed.find(cur); it != r.money_out_of_removed.end())
      r.money_relayed[cur] = std::min(into, it->second);
  r.brokers = FindBrokers(net, g, removed, after, o.max_brokers);
  return r;
}

}  // namespace kashf::network
