#include "cli_util.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>

#include <fmt/format.h>

namespace kashf::cli {

Result<Opened> OpenStore(const GlobalOptions& g, bool create) {
  Opened o;
  KASHF_ASSIGN_OR_RETURN(o.model, Model::LoadDefault());
  StoreOptions so;
  so.create_if_missing = create;
  KASHF_ASSIGN_OR_RETURN(o.store, OpenSqliteStore(g.db, o.model, so));
  return o;
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

std::string Thousands(int64_t n) {
  std::string s = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace kashf::cli
