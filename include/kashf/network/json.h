// JSON forms of network results, shared by `kashf network ... --json` and the HTTP server so both
// speak the same shapes (documented in docs/network.md). Victims appear only as "[victim]" with
// their node id; no name of a victim is ever written.
#pragma once
#include <nlohmann/json.hpp>

#include "kashf/network/analysis.h"

namespace kashf::network {

// {id, node, caption, kind, records, datasets, cases, recorded_roles, events, victim}
nlohmann::json NodeJson(const EntityNetwork& net, NodeId v);
// {node..., organiser, broker, peripheral, peripheral_kind, role, reasons: {organiser, broker, peripheral}}
nlohmann::json RoleJson(const EntityNetwork& net, const RoleScore& s);
// {degree, strength, pagerank, betweenness, community, component, participation, calls_in, calls_out,
//  messages_in, messages_out (calls and messages apart), payers, payees, payments_in, payments_out,
//  money_by_currency: [{currency, in, out, hawala}], money_rank}; when the payments are in one
//  currency also money_currency, money_in, money_out, hawala_amount (never a sum across currencies).
nlohmann::json MetricsJson(const NodeMetrics& m, NodeId v);
// {date, amount, channel, from, to, agency}
nlohmann::json PaymentJson(const EntityNetwork& net, const TrailHop& h);
// {paths: [{hops, carried, first_amount, last_amount, span_days, end}], endpoints, truncated}
nlohmann::json TrailJson(const EntityNetwork& net, const TrailResult& t, size_t max_paths);
nlohmann::json LayeringJson(const EntityNetwork& net, const LayeringReport& r);
// {id, schema, caption, place, date, attendees}: an event (Meeting ...) behind "meeting" edges.
nlohmann::json EventJson(const EventInfo& ev);
// {from, to, relation, weight, agency, date; payments: amount, currency, channel; calls: count,
// seconds; meetings: events (those of the edge's day both ends attended)}
nlohmann::json EdgeJson(const EntityNetwork& net, const graph::Edge& e);
// {nodes: [{node..., hops}], edges: [EdgeJson...]}
nlohmann::json EgoJson(const EntityNetwork& net, const NetworkAnalysis::Ego& ego);
// [{cost, hops, nodes, links: [{from, to, relations: {call: {records, weight, count, seconds}, payment:
//   {records, weight, amount_by_currency}, ...}, events: [EventJson...]}]}]: each hop with its evidence.
nlohmann::json PathsJson(const EntityNetwork& net, const std::vector<graph::Path>& paths);
// Counts by node kind and relation, components, communities, date range.
nlohmann::json StatsJson(const NetworkAnalysis& a);

}  // namespace kashf::network
