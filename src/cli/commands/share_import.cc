// kashf share import | list: the receiving side of sharing packages and retractions
// (docs/sharing.md). A refused package imports nothing and exits with its refusal's code (20-28).
#include <sys/stat.h>

#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"
#include "share_command.h"

namespace kashf::cli {
namespace {

constexpr size_t kBatch = 50'000;

// Records the refusal in the audit log (what and why, never content) and sets its exit code.
Status Refused(GlobalOptions& g, const std::string& file, sharing::Refusal r, const Status& why) {
  g.exit_code = sharing::RefusalExitCode(r);
  (void)AuditCli(g, "share.refused", file, fmt::format("exit={}", g.exit_code));
  return why;
}

// What this store knows of `dataset` (one received package): the content hash it was imported
// with ("" if never), and whether it was retracted.
struct Received {
  std::string content_hash;
  bool retracted = false;
};
Result<Received> ReceivedBefore(Store& store, const std::string& dataset) {
  Received r;
  KASHF_ASSIGN_OR_RETURN(auto runs, store.Imports());
  for (const auto& run : runs) {
    if (run.dataset != dataset) continue;
    if (run.mapping == kRetractedPackageTag) r.retracted = true;
    if (run.mapping.starts_with(kImportedPackageTag) && run.status == "done")
      r.content_hash = run.mapping.substr(kImportedPackageTag.size());
  }
  return r;
}

Status ImportRetraction(GlobalOptions& g, const ShareArgs& a, const SharingContext& ctx, const std::string& text) {
  sharing::Refusal refusal;
  auto r = sharing::OpenRetraction(text, ctx.partners, &refusal);
  if (!r.ok()) return Refused(g, a.file, refusal, r.status());
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g, StoreAccess::kWrite));
  const std::string dataset = r->sender + "/" + r->package_id;
  ImportRun run;
  run.dataset = dataset;
  run.file = a.file;
  run.mapping = kRetractedPackageTag;
  run.started = std::time(nullptr);
  run.status = "running";
  KASHF_ASSIGN_OR_RETURN(run.id, o.store->StartImport(run));
  KASHF_RETURN_IF_ERROR(o.store->Begin());
  auto removed = o.store->RemoveDataset(dataset);
  if (!removed.ok()) {
    (void)o.store->Rollback();
    return removed.status();
  }
  KASHF_RETURN_IF_ERROR(o.store->Commit());
  run.finished = std::time(nullptr);
  run.status = "done";
  KASHF_RETURN_IF_ERROR(o.store->FinishImport(run));
  KASHF_RETURN_IF_ERROR(
      AuditCli(g, "share.retraction", r->package_id, fmt::format("from={} withdrawn={}", r->sender, *removed)));
  if (!g.quiet)
    fmt::print("{} retracted package {}: {} statements withdrawn; a later copy of it will be refused\n", r->sender,
               r->package_id, Thousands(*removed));
  return Status::Ok();
}

}  // namespace

Status RunShareImport(GlobalOptions& g, const ShareArgs& a) {
  KASHF_ASSIGN_OR_RETURN(SharingContext ctx, LoadSharingContext(a));
  KASHF_RETURN_IF_ERROR(RequireExistingStore(g.db, "`kashf --db FILE init`"));
  struct stat st {};
  if (::stat(a.file.c_str(), &st) != 0) return Status::NotFound(fmt::format("{} cannot be read", a.file));
  if (st.st_size > a.max_bytes)  // refused before reading it
    return Refused(g, a.file, sharing::Refusal::kOversized,
                   Status::InvalidArgument(fmt::format("{} is {} bytes, more than the limit of {} (--max-bytes)",
                                                       a.file, st.st_size, a.max_bytes)));
  std::ifstream in(a.file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string file = buffer.str();
  if (file.starts_with("{")) return ImportRetraction(g, a, ctx, file);
  const int64_t now = std::time(nullptr);
  sharing::Refusal refusal;
  auto opened = sharing::OpenPackage(file, ctx.me, ctx.partners, now, a.max_bytes, &refusal);
  if (!opened.ok()) return Refused(g, a.file, refusal, opened.status());
  const sharing::PackageManifest& m = opened->manifest;
  auto statements = sharing::PackageStatements(*opened, now, &refusal);
  if (!statements.ok()) return Refused(g, a.file, refusal, statements.status());
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g, StoreAccess::kWrite));
  const std::string dataset = sharing::PackageDataset(m);
  KASHF_ASSIGN_OR_RETURN(Received before, ReceivedBefore(*o.store, dataset));
  if (before.retracted)
    return Refused(g, a.file, sharing::Refusal::kRetracted,
                   Status::InvalidArgument(
                       fmt::format("{} retracted package {}; it is not imported again", m.sender, m.package_id)));
  if (!before.content_hash.empty() && before.content_hash != m.content_hash)
    return Refused(g, a.file, sharing::Refusal::kReplayed,
                   Status::InvalidArgument(fmt::format("package {} from {} was imported before with other content: "
                                                       "a package id is used once; ask {} which one is right",
                                                       m.package_id, m.sender, m.sender)));
  ImportRun run;
  run.dataset = dataset;
  run.file = a.file;
  run.mapping = std::string(kImportedPackageTag) + m.content_hash;
  run.started = now;
  run.status = "running";
  KASHF_ASSIGN_OR_RETURN(run.id, o.store->StartImport(run));
  run.rows_read = m.entities;
  for (size_t at = 0; at < statements->size(); at += kBatch) {
    const std::vector<Statement> batch(
        statements->begin() + static_cast<std::ptrdiff_t>(at),
        statements->begin() + static_cast<std::ptrdiff_t>(std::min(statements->size(), at + kBatch)));
    KASHF_RETURN_IF_ERROR(o.store->Begin());
    auto added = o.store->PutStatements(batch);
    if (!added.ok()) {
      (void)o.store->Rollback();
      return added.status();
    }
    KASHF_RETURN_IF_ERROR(o.store->Commit());
    run.statements_new += *added;
  }
  run.rows_loaded = m.entities;
  run.finished = std::time(nullptr);
  run.status = "done";
  KASHF_RETURN_IF_ERROR(o.store->FinishImport(run));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "share.import", m.package_id,
                                 fmt::format("from={} purpose={} statements={} new={} content={}", m.sender, m.purpose,
                                             m.statements, run.statements_new, m.content_hash.substr(0, 16))));
  if (g.json)
    fmt::print("{{\"package_id\":\"{}\",\"sender\":\"{}\",\"dataset\":\"{}\",\"statements\":{},\"new\":{}}}\n",
               m.package_id, m.sender, dataset, m.statements, run.statements_new);
  else if (!g.quiet)
    fmt::print("package {} from {} ({}, {}): {} statements, {} new, as dataset {}; expires {}\n", m.package_id,
               m.sender, m.purpose, m.legal_basis, Thousands(m.statements), Thousands(run.statements_new), dataset,
               FormatIsoUtc(m.expires));
  return Status::Ok();
}

Status RunShareList(GlobalOptions& g, const ShareArgs& a) {
  (void)a;
  KASHF_RETURN_IF_ERROR(RequireExistingStore(g.db, "`kashf --db FILE init`"));
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(auto runs, o.store->Imports());
  fmt::print("{:<9} {:<44} {:<20} {:<10} {}\n", "direction", "package", "agency", "status", "when");
  std::map<std::string, std::pair<std::string, int64_t>> received;  // dataset -> (status, time)
  for (const auto& run : runs) {
    if (run.mapping == kRetractedPackageTag) received[run.dataset] = {"retracted", run.started};
    else if (run.mapping.starts_with(kImportedPackageTag) && received[run.dataset].first != "retracted")
      received[run.dataset] = {"imported", run.started};
  }
  for (const auto& [dataset, s] : received) {
    const size_t slash = dataset.find('/');
    fmt::print("{:<9} {:<44} {:<20} {:<10} {}\n", "in", dataset.substr(slash + 1), dataset.substr(0, slash), s.first,
               FormatIsoUtc(s.second));
  }
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenAuditLog(g.db));
  KASHF_ASSIGN_OR_RETURN(auto entries, log->List(0, 1'000'000));
  for (const auto& e : entries) {
    if (e.action != "share.export" && e.action != "share.retract") continue;
    const bool sent = e.action == "share.export";  // its detail starts "to=A,B purpose=..."
    const std::string to = sent ? e.detail.substr(3, e.detail.find(' ') - 3) : "-";
    fmt::print("{:<9} {:<44} {:<20} {:<10} {}\n", "out", e.subject, to, sent ? "sent" : "retracted",
               FormatIsoUtc(e.at));
  }
  return Status::Ok();
}

}  // namespace kashf::cli
