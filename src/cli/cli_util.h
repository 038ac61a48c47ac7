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
// Loads the schema and opens the existing store named by --db (NotFound with advice if missing).
Result<Opened> OpenStore(const GlobalOptions& g, bool create = false);

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

// "1,234,567"
std::string Thousands(int64_t n);

}  // namespace kashf::cli
