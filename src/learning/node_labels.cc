// Changing analysts' node labels, checked and audited (node_labels.h).
#include "kashf/learning/node_labels.h"

#include <algorithm>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/store/recorded_victims.h"

namespace kashf::learning {
namespace {

constexpr size_t kMaxLabelLength = 40;
constexpr size_t kMaxReasonLength = 2000;

// NotFound unless `id` is an entity id or a cluster id in the store; the cluster's members (or the
// entity itself) otherwise.
Result<std::vector<std::string>> NodeRecords(Store& store, const std::string& id) {
  if (store.GetEntity(id).ok()) return std::vector<std::string>{id};
  auto members = store.ClusterMembers(id);
  if (members.ok() && !members->empty()) return *members;
  return Status::NotFound(fmt::format(
      "no node '{}' in this store; give a cluster or entity id (`kashf network top --ids`, `kashf search NAME`)", id));
}

}  // namespace

Result<std::string> NormaliseLabel(std::string_view label) {
  const std::string l = ToLowerAscii(Trim(label));
  const bool word = !l.empty() && l.size() <= kMaxLabelLength && std::all_of(l.begin(), l.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
  });
  if (!word)
    return Status::InvalidArgument(
        fmt::format("label '{}': use one word of at most {} letters, digits, '-' or '_', such as organiser, broker, "
                    "courier, laundering",
                    label.substr(0, kMaxLabelLength + 20), kMaxLabelLength));
  return l;
}

Result<NodeLabel> ChangeNodeLabel(Store& store, const LabelChange& change, const LabelAuditFn& audit) {
  KASHF_ASSIGN_OR_RETURN(const std::string label, NormaliseLabel(change.label));
  if (change.reason.size() > kMaxReasonLength)
    return Status::InvalidArgument(fmt::format("the reason is at most {} characters", kMaxReasonLength));
  if (Trim(change.node_id).empty()) return Status::InvalidArgument("give the node: a cluster id or an entity id");
  const std::string detail = fmt::format("label={} reason={}", label, change.reason);
  if (change.remove) {
    KASHF_ASSIGN_OR_RETURN(auto labels, store.NodeLabels());
    auto it = std::find_if(labels.begin(), labels.end(),
                           [&](const NodeLabel& l) { return l.node_id == change.node_id && l.label == label; });
    if (it == labels.end()) return Status::NotFound(fmt::format("node {} has no label '{}'", change.node_id, label));
    KASHF_RETURN_IF_ERROR(audit("network.label.remove", change.node_id, detail));
    KASHF_RETURN_IF_ERROR(store.RemoveNodeLabel(change.node_id, label));
    return *it;
  }
  KASHF_ASSIGN_OR_RETURN(auto records, NodeRecords(store, change.node_id));
  KASHF_ASSIGN_OR_RETURN(auto victims, RecordedVictims(store, /*whole_clusters=*/true));
  if (std::any_of(records.begin(), records.end(), [&](const std::string& r) { return victims.count(r) > 0; }))
    return Status::FailedPrecondition(
        "this node is a person recorded as a victim: victims are not labelled with offender roles");
  NodeLabel l{change.node_id, label, change.user, NowUnixSeconds(), change.reason};
  KASHF_RETURN_IF_ERROR(audit("network.label.add", change.node_id, detail));
  KASHF_RETURN_IF_ERROR(store.Begin());
  if (Status st = store.PutNodeLabel(l); !st.ok()) {
    (void)store.Rollback();
    return st;
  }
  KASHF_RETURN_IF_ERROR(store.Commit());
  return l;
}

}  // namespace kashf::learning
