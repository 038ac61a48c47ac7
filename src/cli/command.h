// Self-registering CLI commands. A command file defines a static CommandRegistration whose
// `setup` adds a CLI11 subcommand and returns the function to run when it is chosen.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "kashf/core/status.h"

namespace kashf::cli {

// Options every command shares.
struct GlobalOptions {
  std::string db = "kashf.db";  // --db
  bool json = false;            // --json: machine-readable output
  bool quiet = false;           // -q: no progress bars
  std::string audit_anchor;     // --audit-anchor / $KASHF_AUDIT_ANCHOR: checkpoint file of the audit log
  std::string audit_key;        // --audit-key / $KASHF_AUDIT_KEY: its signing key (`kashf audit keygen`)
  // Set by a command whose failures have their own exit codes (a refused sharing package: 20-28,
  // docs/sharing.md); 0 = the code of the returned Status (ExitCodeFor).
  int exit_code = 0;
};

using RunFn = std::function<Status()>;
using SetupFn = std::function<RunFn(CLI::App& root, GlobalOptions& globals)>;

struct CommandRegistration {
  CommandRegistration(int order, SetupFn setup);
};

struct RegisteredCommand {
  int order;
  SetupFn setup;
};
std::vector<RegisteredCommand>& Registry();

// Adds the registered subcommands of a command group (`kashf case ...`, `kashf firearm ...`,
// `kashf network ...`) to `cmd` in their order and returns the function that runs the chosen one
// (InvalidArgument naming `group` when none was given).
RunFn AttachSubcommands(CLI::App& cmd, GlobalOptions& g, std::vector<RegisteredCommand>& subs,
                        const std::string& group);

}  // namespace kashf::cli
