// Helpers shared by CLI commands: opening the store, progress bars, Ctrl-C.
#pragma once
#include <atomic>
#include <memory>
#include <string>

#include "command.h"
#include "kashf/core/result.h"
#include "kashf/model/model.h"
#include "kashf/store/store.h"

namespace kashf::cli {

struct Opened {
  Model model;
  std::unique_ptr<Store> store;
};
// How a command uses the store named by --db.
enum class StoreAccess {
  kRead,    // reads only: opened for writing when the file and its folder allow it (so a killed
            // import is recovered), otherwise read-only
  kWrite,   // writes: the store must exist and be writable
  kCreate,  // writes, and creates the store if it does not exist (init, ingest --create)
};
// Loads the schema and opens the store named by --db (NotFound with advice if missing). Says on
// stderr when the opening indexes records an interrupted import left unsearchable.
Result<Opened> OpenStore(const GlobalOptions& g, StoreAccess access = StoreAccess::kRead);

// NotFound naming `path` and what creates a store (`how_to_create`, e.g. "`kashf --db F init`") when no
// file is at `path`; Ok otherwise. Commands that only read or change existing records call it before
// opening, so a mistyped --db never leaves an empty store behind.
Status RequireExistingStore(const std::string& path, std::string_view how_to_create);

// What a user must know about imports that did not finish, one line each with what to do: records
// stored but not searchable yet (`unindexed` of them) and interrupted imports never completed by a
// later run of the same file. Empty when all is well.
std::vector<std::string> ImportWarnings(const GlobalOptions& g, int64_t unindexed, const std::vector<ImportRun>& runs);

// Writes `text` to `path` (binary); IoError naming the file when it cannot.
Status WriteText(const std::string& path, const std::string& text);

// Set by SIGINT/SIGTERM after InstallInterruptHandler(); long commands stop at a safe point.
std::atomic<bool>& Interrupted();
void InstallInterruptHandler();

// A one-line progress bar on stderr (only when stderr is a terminal and not --quiet).
class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  void Update(double fraction, const std::string& detail);
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
};

// Appends one entry to the audit log of --db as "cli:<who>" (who: `user`, else $USER), agency "-".
Status AuditCli(const GlobalOptions& g, const std::string& action, const std::string& subject,
                const std::string& detail, const std::string& user = "");

// "1,234,567"
std::string Thousands(int64_t n);

}  // namespace kashf::cli
