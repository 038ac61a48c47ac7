// Reports after events (event_reports.h): call records indexed by caller and day, then for each
// dated event the calls its attendees made in the window after it, grouped by recipient.
#include "kashf/network/event_reports.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

namespace kashf::network {

Status CheckEventReportOptions(const EventReportOptions& o) {
  if (o.window_days < 0 || o.window_days > 365)
    return Status::InvalidArgument(
        fmt::format("--report-window {} is out of range: give 0 to 365 days after an event", o.window_days));
  if (o.min_reporters == 0) return Status::InvalidArgument("--min-reporters must be at least 1");
  return Status::Ok();
}

namespace {

// The node a phone or account stands for: its holder in the identifiers view, else itself.
NodeId StandsFor(const EntityNetwork& net, NodeId v) {
  const NodeId h = net.nodes()[v].holder;
  return h != kNoNode && h < net.num_nodes() ? h : v;
}

// Dated call records by caller (the holder of the calling phone), in day order: a CSR over nodes.
struct CallsByCaller {
  std::vector<uint64_t> offsets;  // num_nodes + 1
  std::vector<uint32_t> edge;     // indexes into net.edges().edges
  std::vector<int32_t> day;       // the same calls' days

  // The positions [first, last) of `caller`'s calls dated from..to (inclusive).
  std::pair<uint64_t, uint64_t> Range(NodeId caller, int32_t from, int32_t to) const {
    const auto begin = day.begin() + static_cast<std::ptrdiff_t>(offsets[caller]);
    const auto end = day.begin() + static_cast<std::ptrdiff_t>(offsets[caller + 1]);
    return {static_cast<uint64_t>(std::lower_bound(begin, end, from) - day.begin()),
            static_cast<uint64_t>(std::upper_bound(begin, end, to) - day.begin())};
  }
};

CallsByCaller IndexCalls(const EntityNetwork& net) {
  const uint32_t n = net.num_nodes();
  const auto& edges = net.edges().edges;
  CallsByCaller c;
  c.offsets.assign(n + 1, 0);
  std::vector<uint32_t> calls;
  for (uint32_t i = 0; i < edges.size(); ++i) {
    const graph::Edge& e = edges[i];
    if (e.rel != graph::Relation::kCall || e.day == 0 || e.src >= n || e.dst >= n) continue;
    calls.push_back(i);
    ++c.offsets[StandsFor(net, e.src) + 1];
  }
  for (uint32_t v = 0; v < n; ++v) c.offsets[v + 1] += c.offsets[v];
  c.edge.assign(calls.size(), 0);
  std::vector<uint64_t> next(c.offsets.begin(), c.offsets.end() - 1);
  for (uint32_t i : calls) c.edge[next[StandsFor(net, edges[i].src)]++] = i;
  for (uint32_t v = 0; v < n; ++v) {
    const auto first = c.edge.begin() + static_cast<std::ptrdiff_t>(c.offsets[v]);
    const auto last = c.edge.begin() + static_cast<std::ptrdiff_t>(c.offsets[v + 1]);
    std::stable_sort(first, last, [&](uint32_t a, uint32_t b) { return edges[a].day < edges[b].day; });
  }
  c.day.assign(c.edge.size(), 0);
  for (size_t k = 0; k < c.edge.size(); ++k) c.day[k] = edges[c.edge[k]].day;
  return c;
}

// Each event's attendee nodes, ascending (from EntityNetwork::EventsOf).
std::vector<std::vector<NodeId>> AttendeesOfEvents(const EntityNetwork& net) {
  std::vector<std::vector<NodeId>> attendees(net.events().size());
  for (NodeId v = 0; v < net.num_nodes(); ++v)
    for (uint32_t k : net.EventsOf(v)) attendees[k].push_back(v);
  return attendees;
}

}  // namespace

EventReports FindEventReports(const EntityNetwork& net, const EventReportOptions& options) {
  const int32_t window = std::clamp(options.window_days, 0, 365);
  const uint32_t min_reporters = std::max(1u, options.min_reporters);
  const uint32_t n = net.num_nodes();
  EventReports r;
  const std::vector<std::vector<NodeId>> attendees = AttendeesOfEvents(net);
  for (size_t k = 0; k < attendees.size(); ++k)
    r.has_dated_events |= net.events()[k].day != 0 && attendees[k].size() >= 2;
  for (const graph::Edge& e : net.edges().edges) r.has_dated_calls |= e.rel == graph::Relation::kCall && e.day != 0;
  if (!r.HasEvidence()) return r;
  r.score.assign(n, 0);
  r.events.assign(n, 0);
  r.reporters.assign(n, 0);
  r.attendees.assign(n, 0);
  r.calls.assign(n, 0);
  r.messages.assign(n, 0);
  r.top_event.assign(n, EventReports::kNoEvent);
  r.top_reporters.assign(n, 0);
  const CallsByCaller calls = IndexCalls(net);
  const auto& edges = net.edges().edges;
  struct Heard {
    uint32_t reporters = 0;
    NodeId last_reporter = kNoNode;  // attendees are visited in turn, so a new one is a new reporter
    uint64_t calls = 0, messages = 0;
  };
  std::unordered_map<NodeId, Heard> heard;
  for (uint32_t k = 0; k < attendees.size(); ++k) {
    const EventInfo& ev = net.events()[k];
    const std::vector<NodeId>& at = attendees[k];
    if (ev.day == 0 || at.size() < 2) continue;
    heard.clear();
    for (NodeId a : at) {
      const auto [first, last] = calls.Range(a, ev.day, ev.day + window);
      for (uint64_t i = first; i < last; ++i) {
        const graph::Edge& e = edges[calls.edge[i]];
        const NodeId to = StandsFor(net, e.dst);
        if (to == a || !IsActor(net.nodes()[to].kind) || std::binary_search(at.begin(), at.end(), to)) continue;
        Heard& h = heard[to];
        if (h.last_reporter != a) {
          h.last_reporter = a;
          ++h.reporters;
        }
        h.calls += e.count;
        h.messages += e.messages;
      }
    }
    const auto attended = static_cast<double>(at.size());
    for (const auto& [to, h] : heard) {
      if (h.reporters < min_reporters) continue;
      const double share = h.reporters / attended;
      if (r.top_event[to] == EventReports::kNoEvent ||
          share > r.top_reporters[to] / static_cast<double>(attendees[r.top_event[to]].size())) {
        r.top_event[to] = k;
        r.top_reporters[to] = h.reporters;
      }
      r.score[to] += share;
      ++r.events[to];
      r.reporters[to] += h.reporters;
      r.attendees[to] += static_cast<uint32_t>(at.size());
      r.calls[to] += h.calls;
      r.messages[to] += h.messages;
    }
  }
  return r;
}

}  // namespace kashf::network
