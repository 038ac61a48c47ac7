// Changing analysts' node labels (Store::PutNodeLabel / RemoveNodeLabel): the one path the CLI
// (`kashf network label`) and the HTTP API (/api/v1/network/labels) both take, so a label is
// checked and audited the same way whoever changes it.
//
// Audit first, then write (fail closed): the entry (who, which node, which label, the reason) is
// handed to `audit` after every check has passed and before the store changes; if it cannot be
// written the label is not changed. A write failing after a written entry leaves an entry for a
// change that did not happen, which is the safe side. Entries name the node by its record or
// cluster id, never by a name.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "kashf/core/result.h"
#include "kashf/store/store.h"

namespace kashf::learning {

// The label as stored: trimmed, lower case. InvalidArgument unless it is one word of 1-40 letters,
// digits, '-' or '_' (organiser, broker, courier, laundering, money-mule ...).
Result<std::string> NormaliseLabel(std::string_view label);

struct LabelChange {
  std::string node_id;  // a cluster id or an entity id of the store
  std::string label;    // as typed; normalised by NormaliseLabel
  std::string user;     // who decided (kept with the label and written to the audit log)
  std::string reason;   // why (kept as the label's note); at most 2000 characters
  bool remove = false;
};

// Writes one audit entry: action ("network.label.add" or "network.label.remove"), subject (the
// node id) and detail ("label=... reason=..."). A failure stops the change.
using LabelAuditFn =
    std::function<Status(const std::string& action, const std::string& subject, const std::string& detail)>;

// Adds (or replaces) or removes the label. Errors: InvalidArgument for a bad label or an over-long
// reason; NotFound when adding to an id that is neither an entity nor a cluster of the store, and
// when removing a label the node does not have; FailedPrecondition when adding to a person recorded
// as a victim (a victim is never labelled as an offender; the message names no one). Returns the
// label as stored (for a removal, the one removed).
Result<NodeLabel> ChangeNodeLabel(Store& store, const LabelChange& change, const LabelAuditFn& audit);

}  // namespace kashf::learning
