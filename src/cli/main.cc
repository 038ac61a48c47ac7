// kashf: command-line entry point. Parses arguments, runs the chosen command, maps its Status to
// an exit code (README "Exit codes") and prints errors as "kashf: error: ..." on stderr.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "audit_anchoring.h"
#include "command.h"

namespace kashf::cli {

std::vector<RegisteredCommand>& Registry() {
  static std::vector<RegisteredCommand> registry;
  return registry;
}

CommandRegistration::CommandRegistration(int order, SetupFn setup) { Registry().push_back({order, std::move(setup)}); }

RunFn AttachSubcommands(CLI::App& cmd, GlobalOptions& g, std::vector<RegisteredCommand>& subs,
                        const std::string& group) {
  std::sort(subs.begin(), subs.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  auto runs = std::make_shared<std::vector<std::pair<CLI::App*, RunFn>>>();
  for (auto& s : subs) {
    size_t before = cmd.get_subcommands({}).size();
    RunFn run = s.setup(cmd, g);
    auto all = cmd.get_subcommands({});
    if (all.size() > before) runs->push_back({all.back(), std::move(run)});
  }
  return [runs, group]() -> Status {
    for (auto& [sub, run] : *runs)
      if (sub->parsed()) return run();
    return Status::InvalidArgument("name a " + group + " subcommand; see `kashf " + group + " --help`");
  };
}

// Everything main does; an exception that escapes it is a bug, which main reports.
int Main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("kashf"));  // logs never mix with output (--json)
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(spdlog::level::warn);
  if (const char* level = std::getenv("KASHF_LOG")) spdlog::set_level(spdlog::level::from_str(level));  // e.g. debug
  CLI::App app{
      "Kashf: intelligence and case platform against firearms trafficking and human trafficking.\n"
      "Start with `kashf --db kashf.db init`, then `kashf simulate` and `kashf ingest`; `kashf COMMAND --help` for "
      "details."};
  app.require_subcommand(1);
  app.fallthrough();  // global options also after the command: `kashf init --db X` = `kashf --db X init`
  app.set_version_flag("--version", "kashf 0.1.0");
  GlobalOptions globals;
  app.add_option("--db", globals.db,
                 "Kashf store: a SQLite file, or a postgresql:// URL for the parts that run on PostgreSQL "
                 "(docs/postgresql.md)")
      ->capture_default_str()
      ->envname("KASHF_DB");
  app.add_flag("--json", globals.json, "Machine-readable JSON output");
  app.add_flag("-q,--quiet", globals.quiet, "No progress output");
  app.add_option("--audit-anchor", globals.audit_anchor,
                 "Append a signed checkpoint of the audit log to this file after each command (docs/security.md)")
      ->envname("KASHF_AUDIT_ANCHOR");
  app.add_option("--audit-key", globals.audit_key, "Secret key that signs the checkpoints (`kashf audit keygen`)")
      ->envname("KASHF_AUDIT_KEY");
  auto& registry = Registry();
  std::sort(registry.begin(), registry.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::vector<RunFn> runs;
  std::vector<CLI::App*> subs;
  for (auto& r : registry) {
    size_t before = app.get_subcommands({}).size();
    runs.push_back(r.setup(app, globals));
    auto all = app.get_subcommands({});
    subs.push_back(all.size() > before ? all.back() : nullptr);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help) and has codes of its own (105, 106, 109 ...): every
    // command-line mistake is exit 2 (README "Exit codes"); --help and --version are 0.
    return app.exit(e) == 0 ? 0 : kashf::ExitCodeFor(kashf::Status::InvalidArgument(""));
  }
  for (size_t i = 0; i < subs.size(); ++i) {
    if (subs[i] && subs[i]->parsed()) {
      kashf::Status st;
      try {
        st = runs[i]();
      } catch (const std::exception& e) {  // a bug: exit 1 with a message rather than abort()
        st = kashf::Status::Internal(std::string("unexpected failure (please report it): ") + e.what());
      }
      // Even a command that failed may have audited something before it stopped.
      if (subs[i]->get_name() != "audit") {
        kashf::Status anchored = CheckpointAfterCommand(globals);
        if (st.ok()) st = anchored;
      }
      if (!st.ok()) {
        std::fprintf(stderr, "kashf: error: %s\n", st.ToString().c_str());
        return globals.exit_code != 0 ? globals.exit_code : kashf::ExitCodeFor(st);
      }
      return 0;
    }
  }
  return 0;
}

}  // namespace kashf::cli

int main(int argc, char** argv) {
  // An exception here is a bug (or no memory left): exit 1 with a message rather than abort().
  try {
    return kashf::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kashf: error: unexpected failure (please report it): %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "kashf: error: unexpected failure (please report it)\n");
  }
  return kashf::ExitCodeFor(kashf::Status::Internal("unexpected failure"));
}
