// EntityNetwork: the resolved entity graph built from a store's statements.
//
// Nodes are resolved entities: every entity that entity resolution put in one cluster is one node,
// so the same person recorded by the police, the FIA and a bank is one node. Relationship
// statements (interval schemata) become time-stamped, weighted edges:
//   Call (phone -> phone), Payment (payer -> beneficiary, with amount and channel; a hawala
//   `intermediary` splits it into payer -> dealer -> beneficiary), Family, Associate, Membership,
//   Ownership, Travel (traveller -> destination) and co-involvement in a case: the parties of one
//   Case (Involvement parties, Seizure items) are joined pairwise, so cases are not nodes.
//   Events (Meeting ...) are not nodes either: their attendees are joined pairwise by "meeting"
//   edges, one pair per event, so a pair's weight is the number of events it shared; the events
//   themselves are kept as evidence (events(), SharedEvents()).
// A Call record may stand for many calls (`count`, `messages`, total `durationSeconds`): its edge
// carries the count as its weight. A payment's edge keeps its currency (EdgeList::currencies).
// Ids that relationships or events name but no statement describes (reference-only entities,
// docs/mapping.md) are nodes of their own, of the schema their id carries.
// Two views of phones and accounts (see docs/network.md):
//   kPersons     phones, wallets and accounts are folded into the person resolution assigned them
//                to (a phone number held by exactly one person joins that person; resolve.md);
//                phones and accounts nobody could be tied to stay nodes of their own.
//   kIdentifiers every phone and account that made a call or a payment is its own node, joined to
//                its holder (the rest of its cluster) by an "ownership" edge holder -> identifier.
// Victims: a node recorded as a victim in any case carries victim = true and its caption is
// withheld ("[victim]"); nothing in this layer prints or logs a victim's name.
// Thread safety: immutable after BuildNetwork; safe to share across threads.
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/graph/graph.h"
#include "kashf/model/model.h"
#include "kashf/network/money.h"
#include "kashf/store/store.h"

namespace kashf::network {

using graph::NodeId;
inline constexpr NodeId kNoNode = ~NodeId{0};

enum class NodeKind : uint8_t { kPerson, kOrganization, kPhone, kAccount, kLocation, kAsset, kOther };
const char* NodeKindName(NodeKind kind);  // "person", "organization", "phone", "account", "location", "asset", "other"
// People, organisations, phones and accounts: the nodes that can hold a role.
inline bool IsActor(NodeKind k) { return k <= NodeKind::kAccount; }

enum class View : uint8_t { kPersons, kIdentifiers };
const char* ViewName(View v);                     // "persons" | "identifiers"
Result<View> ParseView(const std::string& name);  // InvalidArgument names the two views

struct Node {
  std::string id;  // cluster id, or the entity id of an unresolved entity / identifier node
  NodeKind kind = NodeKind::kOther;
  std::string caption;                // most frequent name (or number) of its records; "[victim]" for victims
  uint32_t records = 0;               // member entities
  std::vector<std::string> datasets;  // sorted, distinct
  std::map<std::string, uint32_t> recorded_roles;  // role written in case records -> count ("agent": 2)
  uint32_t cases = 0;                              // distinct cases in which it is a party
  bool victim = false;                             // recorded as a victim somewhere: identity withheld
  NodeId holder = kNoNode;                         // identifier view: node of the phone's / account's holder
  uint32_t events = 0;                             // events (meetings ...) it attended, within the build filters
};

// An event (Meeting, Event) whose attendees the network joins.
struct EventInfo {
  std::string id;          // entity id
  std::string schema;      // "Meeting", "Event" ...
  std::string caption;     // its name, "" if none
  std::string place;       // place as written, or the id of its Location
  int32_t day = 0;         // days since 1970-01-01 (0 = undated)
  uint32_t attendees = 0;  // attendee nodes
};

struct BuildOptions {
  View view = View::kPersons;
  // Edges kept: by day window, relation (graph::Relation bits) and agency. An agency is the
  // dataset a relationship statement came from (each mapping is one agency's file); names that
  // are not loaded give InvalidArgument listing the loaded ones.
  int32_t from_day = INT32_MIN, to_day = INT32_MAX;
  uint32_t relations = ~0u;
  std::vector<std::string> agencies;
  // Cases with more parties than this are joined as a star around their first party instead of a
  // clique (a register page with 500 accused would otherwise add 125,000 edges).
  uint32_t max_case_clique = 40;
};

class EntityNetwork {
 public:
  EntityNetwork() = default;
  // A network from given nodes and edges (tests, other sources); edges.num_nodes is set to
  // nodes.size() and each node is its own only member (its id). `events` with their attendees
  // (nodes; out-of-range ones are dropped) become events() and set Node::events and
  // EventInfo::attendees; no meeting edges are added for them.
  struct EventParts {
    EventInfo info;
    std::vector<NodeId> attendees;
  };
  static EntityNetwork FromParts(std::vector<Node> nodes, graph::EdgeList edges, View view = View::kPersons,
                                 std::vector<EventParts> events = {});
  const std::vector<Node>& nodes() const { return nodes_; }
  uint32_t num_nodes() const { return static_cast<uint32_t>(nodes_.size()); }
  // Edges; edges().agencies are dataset names (index 0 = unknown).
  const graph::EdgeList& edges() const { return edges_; }
  // Entity ids of a node's records, sorted.
  std::vector<std::string> Members(NodeId v) const;
  // A node by node id, cluster id, entity id or exact caption (case-insensitive; victims are
  // never matched by name). NotFound with advice, or InvalidArgument when a caption is ambiguous
  // (listing the candidates' ids).
  Result<NodeId> Find(const std::string& key) const;
  // "Caption (id)" for reports; victims show as "[victim] (id)".
  std::string Label(NodeId v) const;
  View view() const { return view_; }
  // Events kept by the build filters (period, agencies), in id order.
  const std::vector<EventInfo>& events() const { return events_; }
  // Indexes into events() of the events both nodes attended, earliest first.
  std::vector<uint32_t> SharedEvents(NodeId a, NodeId b) const;
  // Indexes into events() of the events node v attended, ascending (empty when none or v is out of range).
  std::span<const uint32_t> EventsOf(NodeId v) const;
  // Converts every payment to currency `to` with `rates` (money.h ConvertPayments), so that amounts
  // can be added across what were different currencies; conversion() then says how. Errors as
  // ConvertPayments (a payment without a recorded currency, a currency the rates do not cover).
  Status ConvertPayments(const ExchangeRates& rates, const std::string& to);
  const Conversion& conversion() const { return conversion_; }  // to = "" when not converted

 private:
  friend class NetworkBuilder;
  // Sets node_event_offsets_, node_events_ and Node::events from each node's event indexes.
  void IndexNodeEvents(const std::vector<std::vector<uint32_t>>& node_events);
  View view_ = View::kPersons;
  std::vector<Node> nodes_;
  graph::EdgeList edges_;
  std::vector<uint64_t> member_offsets_;  // num_nodes + 1
  std::vector<std::string> member_ids_;
  std::unordered_map<std::string, NodeId> by_id_;  // node ids and member entity ids
  std::vector<EventInfo> events_;
  Conversion conversion_;
  std::vector<uint64_t> node_event_offsets_;  // num_nodes + 1 (empty: no events)
  std::vector<uint32_t> node_events_;         // per node: indexes into events_, ascending
};

// Reads every statement and cluster assignment of `store` (through ScanStatements / ScanClusters)
// and builds the network. Errors: those of the store; InvalidArgument for an unknown agency.
// Unresolved stores work too (every entity is its own node), but the graph is then fragmented.
Result<EntityNetwork> BuildNetwork(Store& store, const Model& model, const BuildOptions& options = {});

}  // namespace kashf::network
