// kashf audit verify | list: check the hash chain of the audit log; list who read or changed what.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct AuditArgs {
  int64_t after = 0;
  size_t limit = 100;
};

Status RunVerify(const GlobalOptions& g) {
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenSqliteAuditLog(g.db));
  KASHF_ASSIGN_OR_RETURN(auto r, log->Verify());
  if (g.json)
    fmt::print("{}\n", nlohmann::json{{"entries", r.entries}, {"intact", !r.first_bad_seq.has_value()},
                                      {"first_bad_entry", r.first_bad_seq ? nlohmann::json(*r.first_bad_seq) : nlohmann::json(nullptr)},
                                      {"problem", r.problem}}.dump(2));
  if (r.first_bad_seq)
    return Status::Corruption(fmt::format("audit log of {} was tampered with at entry {}: {}", g.db, *r.first_bad_seq, r.problem));
  if (!g.json) fmt::print("audit log intact: {} entries, hash chain verified\n", r.entries);
  return Status::Ok();
}

Status RunList(const GlobalOptions& g, const AuditArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenSqliteAuditLog(g.db));
  KASHF_ASSIGN_OR_RETURN(auto entries, log->List(a.after, a.limit));
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : entries)
      j.push_back({{"seq", e.seq}, {"at", FormatIsoUtc(e.at)}, {"actor", e.actor}, {"agency", e.agency}, {"action", e.action},
                   {"subject", e.subject}, {"detail", e.detail}, {"hash", e.hash}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  for (const auto& e : entries)
    fmt::print("{:>6} {} {:<12} {:<20} {:<22} {:<12} {}\n", e.seq, FormatIsoUtc(e.at), e.actor, e.agency, e.action, e.subject, e.detail);
  return Status::Ok();
}

CommandRegistration reg(72, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<AuditArgs>();
  auto* cmd = app.add_subcommand("audit", "The hash-chained audit log of victim-record reads and changes");
  cmd->require_subcommand(1);
  auto* verify = cmd->add_subcommand("verify", "Recompute the hash chain; exit code 5 (corruption) if any entry was changed or removed");
  auto* list = cmd->add_subcommand("list", "List entries (who, what, when; never identities)");
  list->add_option("--after", args->after, "Only entries after this sequence number");
  list->add_option("--limit", args->limit, "Most entries")->capture_default_str();
  cmd->footer("Example: kashf --db kashf.db audit verify");
  return [&g, args, verify] { return verify->parsed() ? RunVerify(g) : RunList(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
