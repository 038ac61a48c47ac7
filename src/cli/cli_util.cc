#include "cli_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "kashf/audit/audit_log.h"
#include "kashf/store/database_location.h"

namespace kashf::cli {

Result<Opened> OpenStore(const GlobalOptions& g, StoreAccess access) {
  Opened o;
  KASHF_ASSIGN_OR_RETURN(o.model, Model::LoadDefault());
  StoreOptions so;
  so.create_if_missing = access == StoreAccess::kCreate;
  so.read_only = access == StoreAccess::kRead && !StoreWritable(g.db);
  so.on_catch_up = [&g](int64_t records) {
    if (!g.quiet)
      std::fprintf(stderr, "kashf: making %s records searchable that an interrupted import committed (once)...\n",
                   Thousands(records).c_str());
  };
  KASHF_ASSIGN_OR_RETURN(o.store, kashf::OpenStore(g.db, o.model, so));
  return o;
}

Status RequireExistingStore(const std::string& path, std::string_view how_to_create) {
  if (store::IsPostgresUrl(path)) return Status::Ok();  // a database, not a file: opening it tells
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) return Status::Ok();
  return Status::NotFound(fmt::format("no Kashf store at {}; {}", path, how_to_create));
}

std::vector<std::string> ImportWarnings(const GlobalOptions& g, int64_t unindexed, const std::vector<ImportRun>& runs) {
  std::vector<std::string> out;
  const ImportRun* running = nullptr;
  for (const auto& r : runs)
    if (r.status == "running") running = &r;
  if (unindexed > 0 && running) {
    out.push_back(
        fmt::format("{} records are stored but not searchable yet: import {} is still running; they become "
                    "searchable when it ends",
                    Thousands(unindexed), running->id));
  } else if (unindexed > 0) {
    out.push_back(fmt::format(
        "{} records are stored but not searchable yet (an import was interrupted before indexing them); {}",
        Thousands(unindexed),
        StoreWritable(g.db) ? "any command that opens the store with write access makes them searchable, e.g. "
                              "the same `kashf ingest` again"
                            : "this store is read-only here: open it once with write access (e.g. `kashf --db " + g.db +
                                  " stats` as its owner) to make them searchable"));
  }
  for (size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].status != "interrupted") continue;
    bool finished_later = false;
    for (size_t j = i + 1; j < runs.size(); ++j)
      finished_later |= runs[j].status == "done" && runs[j].file == runs[i].file && runs[j].dataset == runs[i].dataset;
    if (!finished_later)
      out.push_back(
          fmt::format("import {} of {} was interrupted: run `kashf --db {} ingest -m {} {}` again to finish it "
                      "(rows already loaded are skipped)",
                      runs[i].id, runs[i].file, g.db, runs[i].mapping, runs[i].file));
  }
  return out;
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) return Status::IoError(fmt::format("cannot write '{}'; check the folder exists and is writable", path));
  return Status::Ok();
}

std::atomic<bool>& Interrupted() {
  static std::atomic<bool> flag{false};
  return flag;
}

namespace {
extern "C" void OnSignal(int) { Interrupted().store(true); }
}  // namespace

void InstallInterruptHandler() {
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled && isatty(STDERR_FILENO)) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(double fraction, const std::string& detail) {
  if (!enabled_) return;
  if (fraction < 0) fraction = 0;
  if (fraction > 1) fraction = 1;
  const int width = 30;
  int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r%s [%s] %3d%%  %s\033[K", label_.c_str(), bar.c_str(), static_cast<int>(fraction * 100),
               detail.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (enabled_ && drawn_) std::fprintf(stderr, "\r\033[K");
  drawn_ = false;
}

Status AuditCli(const GlobalOptions& g, const std::string& action, const std::string& subject,
                const std::string& detail, const std::string& user) {
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenAuditLog(g.db));
  const char* env = std::getenv("USER");
  const std::string who = !user.empty() ? user : env ? env : "unknown";
  return log->Append({0, 0, "cli:" + who, "-", action, subject, detail, "", ""}).status();
}

std::string Thousands(int64_t n) {
  std::string s = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace kashf::cli
