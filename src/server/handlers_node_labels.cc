// Learning from analysts over the API (include/kashf/learning): analysts mark network nodes as
// known organisers, brokers, couriers or laundering accounts (checked and audited by
// learning::ChangeNodeLabel, the same path as `kashf network label`), and the model trained on those
// labels ranks the other actors of the cached network with the features behind each score, its
// cross-validated precision beside degree and PageRank. Answers use learning/learn_json.h, the same
// shapes as `kashf network label --list | learn --json`. Victims appear only as "[victim]".
#include <fmt/format.h>

#include "body_reader.h"
#include "kashf/core/text.h"
#include "kashf/learning/learn_json.h"
#include "kashf/learning/node_labels.h"
#include "kashf/learning/node_learning.h"
#include "kashf/network/json.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

constexpr size_t kMaxNodeIdLength = 200;

// A label with the node it names in the cached network (caption, kind, victim), or in_network
// false when the network has no such node (another store, merged by a later resolution).
nlohmann::json LabelWithNode(const network::EntityNetwork& net, const NodeLabel& l) {
  nlohmann::json j = learning::NodeLabelJson(l);
  auto v = net.Find(l.node_id);
  j["in_network"] = v.ok();
  if (v.ok()) {
    const nlohmann::json node = network::NodeJson(net, *v);
    for (const char* key : {"caption", "kind", "victim"}) j[key] = node[key];
    j["network_id"] = node["id"];
  }
  return j;
}

// GET /network/labels?label=WORD&limit&offset
Result<Reply> ListLabels(Call& c) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(100));
  std::string only = c.Query("label");
  if (!only.empty()) {
    KASHF_ASSIGN_OR_RETURN(only, learning::NormaliseLabel(only));
  }
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(auto labels, store->NodeLabels());
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json counts = nlohmann::json::object();
  for (const NodeLabel& l : labels) {
    counts[l.label] = counts.value(l.label, 0) + 1;
    if (only.empty() || l.label == only) items.push_back(LabelWithNode(a->network(), l));
  }
  KASHF_RETURN_IF_ERROR(c.Audit("network.labels.list", only, fmt::format("count={}", items.size())));
  nlohmann::json out = PageOf(items, page);
  out["labels"] = counts;  // every label in use -> nodes carrying it
  return JsonReply(std::move(out));
}

// POST /network/labels {node, label, reason} and POST /network/labels/remove {node, label, reason}:
// both through learning::ChangeNodeLabel, which audits (who, node, label, reason) before writing.
Result<Reply> ChangeLabel(Call& c, bool remove) {
  BodyReader b(c.body);
  b.OnlyFields({"node", "label", "reason"});
  learning::LabelChange change;
  change.node_id = std::string(Trim(b.String("node", true, kMaxNodeIdLength)));
  change.label = b.String("label", true, 100);
  change.reason = b.String("reason", false, 2000);
  KASHF_RETURN_IF_ERROR(b.status());
  change.user = c.user->username;
  change.remove = remove;
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  auto audit = [&c](const std::string& action, const std::string& subject, const std::string& detail) {
    return c.Audit(action, subject, detail);
  };
  KASHF_ASSIGN_OR_RETURN(NodeLabel l, learning::ChangeNodeLabel(*store, change, audit));
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  return JsonReply({{"label", LabelWithNode(a->network(), l)}, {"removed", remove}}, remove ? 200 : 201);
}

Result<Reply> AddLabel(Call& c) { return ChangeLabel(c, false); }
Result<Reply> RemoveLabel(Call& c) { return ChangeLabel(c, true); }

// GET /network/learn?label=WORD&limit=N&folds=K&seed=S
Result<Reply> Learn(Call& c) {
  learning::LearnOptions o;
  const std::string raw = c.Query("label");
  if (Trim(raw).empty())
    return Status::InvalidArgument(
        "'label' is required: the label to learn, e.g. organiser (see /api/v1/network/labels)");
  KASHF_ASSIGN_OR_RETURN(const std::string label, learning::NormaliseLabel(raw));
  KASHF_ASSIGN_OR_RETURN(int64_t limit, c.QueryInt("limit", 20, 1, 200));
  KASHF_ASSIGN_OR_RETURN(int64_t folds, c.QueryInt("folds", 5, 2, 10));
  KASHF_ASSIGN_OR_RETURN(int64_t seed, c.QueryInt("seed", 1, 0, INT32_MAX));
  o.limit = static_cast<size_t>(limit);
  o.folds = static_cast<size_t>(folds);
  o.seed = static_cast<uint64_t>(seed);
  o.threads = 1;  // one request, one core: the server answers many at once (and 1 is reproducible)
  KASHF_ASSIGN_OR_RETURN(Store * store, c.db.store());
  KASHF_ASSIGN_OR_RETURN(auto labels, store->NodeLabels());
  KASHF_ASSIGN_OR_RETURN(auto a, CachedNetwork(c));
  KASHF_ASSIGN_OR_RETURN(auto positives, learning::LabelledNodes(*a, labels, label));
  KASHF_ASSIGN_OR_RETURN(auto r, learning::LearnFromLabels(*a, positives, label, o));
  KASHF_RETURN_IF_ERROR(c.Audit("network.learn", label,
                                fmt::format("positives={} actors={} cv_r_precision={:.3f} ranked={}", r.positives,
                                            r.actors, r.cv_r_precision, r.ranked.size())));
  return JsonReply(learning::LearnJson(a->network(), r));
}

}  // namespace

void AddNodeLabelRoutes(Router& r) {
  r.Add({"GET", "/api/v1/network/labels", Permission::kReadNetwork, false, ListLabels,
         "analysts' node labels (organiser, broker, courier, laundering ...), with the nodes they name"});
  r.Add({"POST", "/api/v1/network/labels", Permission::kLabelNodes, true, AddLabel,
         "label a node as a known organiser, broker, courier ... (audited with the reason)"});
  r.Add({"POST", "/api/v1/network/labels/remove", Permission::kLabelNodes, true, RemoveLabel,
         "remove a node's label (audited with the reason)"});
  r.Add({"GET", "/api/v1/network/learn", Permission::kReadNetwork, false, Learn,
         "rank unlabelled actors like the labelled ones (XGBoost), each with the features behind its score; "
         "cross-validated precision beside degree and PageRank"});
}

}  // namespace kashf::server
