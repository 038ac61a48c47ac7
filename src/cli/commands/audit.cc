// kashf audit verify | list | keygen | checkpoint: check the hash chain of the audit log (and, with
// an anchor, that nothing was cut from its end or rolled back); list who read or changed what; make
// the anchor's signing key; sign a checkpoint of the head now.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "audit_anchoring.h"
#include "cli_util.h"
#include "command.h"
#include "kashf/audit/audit_anchor.h"
#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"
#include "kashf/store/database_location.h"

namespace kashf::cli {
namespace {

// The audit log of an existing store (reading or checkpointing it never creates one).
Result<std::unique_ptr<audit::AuditLog>> OpenExistingAuditLog(const GlobalOptions& g) {
  KASHF_RETURN_IF_ERROR(
      RequireExistingStore(g.db, fmt::format("its audit log starts with `kashf --db {} init`", g.db)));
  return audit::OpenAuditLog(g.db);
}

struct AuditArgs {
  int64_t after = 0;
  size_t limit = 100;
  std::string anchor;      // verify: anchor file (default --audit-anchor)
  std::string anchor_key;  // verify: key or .pub file (default --audit-key)
  std::string key_file;    // keygen
};

Status RunVerify(const GlobalOptions& g, const AuditArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto log, OpenExistingAuditLog(g));
  KASHF_ASSIGN_OR_RETURN(auto r, log->Verify());
  const std::string anchor_path = a.anchor.empty() ? g.audit_anchor : a.anchor;
  std::optional<audit::AnchorReport> anchored;
  if (!anchor_path.empty()) {
    KASHF_ASSIGN_OR_RETURN(auto key, AnchorKeyFor(g, a.anchor_key));
    KASHF_ASSIGN_OR_RETURN(auto checkpoints, audit::ReadAnchor(anchor_path));
    KASHF_ASSIGN_OR_RETURN(anchored, audit::CheckAnchor(*log, checkpoints, key));
  }
  const bool anchor_ok = !anchored || anchored->problem.empty();
  if (g.json) {
    nlohmann::json j{{"entries", r.entries},
                     {"intact", !r.first_bad_seq.has_value() && anchor_ok},
                     {"first_bad_entry", r.first_bad_seq ? nlohmann::json(*r.first_bad_seq) : nlohmann::json(nullptr)},
                     {"problem", r.problem}};
    if (anchored)
      j["anchor"] = {
          {"file", anchor_path},
          {"checkpoints", anchored->checkpoints},
          {"problem", anchored->problem},
          {"newest_entries", anchored->newest ? nlohmann::json(anchored->newest->entries) : nlohmann::json(nullptr)},
          {"newest_at",
           anchored->newest ? nlohmann::json(FormatIsoUtc(anchored->newest->at)) : nlohmann::json(nullptr)}};
    fmt::print("{}\n", j.dump(2));
  }
  if (r.first_bad_seq)
    return Status::Corruption(fmt::format("audit log of {} was tampered with at entry {}: {}",
                                          store::RedactedLocation(g.db), *r.first_bad_seq, r.problem));
  if (!anchor_ok)
    return Status::Corruption(fmt::format("audit log of {} does not agree with the anchor {}: {}",
                                          store::RedactedLocation(g.db), anchor_path, anchored->problem));
  if (g.json) return Status::Ok();
  fmt::print("audit log intact: {} entries, hash chain verified\n", r.entries);
  if (!anchored)
    fmt::print(
        "(without an anchor, entries cut from the end cannot be detected; see `kashf audit keygen` and "
        "docs/security.md)\n");
  else if (!anchored->newest) fmt::print("anchor {}: no checkpoint yet\n", anchor_path);
  else
    fmt::print("anchor {}: {} signed checkpoints agree; the newest, of {}, covers entries 1-{}\n", anchor_path,
               anchored->checkpoints, FormatIsoUtc(anchored->newest->at), anchored->newest->entries);
  return Status::Ok();
}

Status RunKeygen(const AuditArgs& a) {
  KASHF_RETURN_IF_ERROR(audit::AnchorKey::GenerateKeyFiles(a.key_file));
  fmt::print(
      "audit anchor signing key written to {} (mode 0600); public key to {}.pub\n"
      "sign with --audit-key {} (or KASHF_AUDIT_KEY); give {}.pub to whoever verifies (e.g. a partner agency)\n",
      a.key_file, a.key_file, a.key_file, a.key_file);
  return Status::Ok();
}

Status RunCheckpoint(const GlobalOptions& g) {
  if (g.audit_anchor.empty())
    return Status::InvalidArgument("name the anchor file with --audit-anchor FILE (or KASHF_AUDIT_ANCHOR)");
  KASHF_ASSIGN_OR_RETURN(auto key, AnchorKeyFor(g));
  KASHF_ASSIGN_OR_RETURN(auto log, OpenExistingAuditLog(g));
  KASHF_ASSIGN_OR_RETURN(auto written, audit::WriteCheckpoint(*log, g.audit_anchor, key, NowUnixSeconds()));
  if (written) fmt::print("{}\n", audit::CheckpointLine(*written));  // the line to send to a partner agency as well
  else if (!g.quiet) fmt::print(stderr, "the newest checkpoint in {} already covers the whole log\n", g.audit_anchor);
  return Status::Ok();
}

Status RunList(const GlobalOptions& g, const AuditArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto log, OpenExistingAuditLog(g));
  KASHF_ASSIGN_OR_RETURN(auto entries, log->List(a.after, a.limit));
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : entries)
      j.push_back({{"seq", e.seq},
                   {"at", FormatIsoUtc(e.at)},
                   {"actor", e.actor},
                   {"agency", e.agency},
                   {"action", e.action},
                   {"subject", e.subject},
                   {"detail", e.detail},
                   {"hash", e.hash}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  for (const auto& e : entries)
    fmt::print("{:>6} {} {:<12} {:<20} {:<22} {:<12} {}\n", e.seq, FormatIsoUtc(e.at), e.actor, e.agency, e.action,
               e.subject, e.detail);
  return Status::Ok();
}

CommandRegistration reg(72, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<AuditArgs>();
  auto* cmd = app.add_subcommand("audit", "The hash-chained audit log of victim-record reads and changes");
  cmd->require_subcommand(1);
  auto* verify =
      cmd->add_subcommand("verify",
                          "Recompute the hash chain and check it against the anchor; exit code 7 (corrupt) if "
                          "any entry was changed or removed");
  verify->add_option("--anchor", args->anchor,
                     "Anchor file of signed checkpoints (default: --audit-anchor / $KASHF_AUDIT_ANCHOR)");
  verify->add_option("--anchor-key", args->anchor_key,
                     "Signing key or its .pub file (default: --audit-key / $KASHF_AUDIT_KEY)");
  auto* keygen = cmd->add_subcommand(
      "keygen", "Write a new Ed25519 key pair that signs audit checkpoints (KEY mode 0600, KEY.pub)");
  keygen->add_option("--key-file", args->key_file, "Where to write the secret key; never beside the database")
      ->required();
  auto* checkpoint =
      cmd->add_subcommand("checkpoint", "Append a signed checkpoint of the log's head to the --audit-anchor file now");
  auto* list = cmd->add_subcommand("list", "List entries (who, what, when; never identities)");
  list->add_option("--after", args->after, "Only entries after this sequence number");
  list->add_option("--limit", args->limit, "Most entries")->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  kashf audit keygen --key-file ~/.kashf/audit.key\n"
      "  export KASHF_AUDIT_ANCHOR=~/.kashf/kashf.anchor KASHF_AUDIT_KEY=~/.kashf/audit.key   (every command "
      "checkpoints)\n"
      "  kashf --db kashf.db audit verify --anchor ~/.kashf/kashf.anchor\n"
      "The anchor must live where the database's users cannot rewrite it (docs/security.md).");
  return [&g, args, verify, keygen, checkpoint]() -> Status {
    if (verify->parsed()) return RunVerify(g, *args);
    if (keygen->parsed()) return RunKeygen(*args);
    if (checkpoint->parsed()) return RunCheckpoint(g);
    return RunList(g, *args);
  };
});

}  // namespace
}  // namespace kashf::cli
