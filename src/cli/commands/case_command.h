// Shared by the `kashf case ...` subcommands (commands/case*.cc): the options every victim command
// takes (key, acting user and agency) and a sub-registry so each subcommand lives in its own file.
#pragma once
#include <memory>
#include <string>

#include "command.h"
#include "kashf/analytics/ctdc_record.h"
#include "kashf/core/result.h"
#include "kashf/victims/case_registry.h"

namespace kashf::cli {

struct VictimOptions {
  std::string key_file;       // --key-file (or $KASHF_VICTIM_KEY)
  std::string user;           // --user (default $USER)
  std::string agency;         // --agency (or $KASHF_AGENCY)
  bool all_agencies = false;  // --all-agencies: national NRM coordinator view
};

// Adds --key-file, --user, --agency, --all-agencies to `cmd`.
void AddVictimOptions(CLI::App* cmd, VictimOptions& o);
// The acting user and agency; InvalidArgument saying how to name them if missing.
Result<victims::Actor> ActorFrom(const VictimOptions& o);

// Opens the registry in --db. need_key: fail (with advice) when no key is given; otherwise the key
// is used if given. create: create the file if missing (else NotFound with advice).
Result<std::unique_ptr<victims::CaseRegistry>> OpenRegistry(const GlobalOptions& g, const VictimOptions& o,
                                                            bool need_key, bool create);

// Adds the options of a CTDC export to `cmd` and returns its run function; shared by
// `kashf export ctdc` and `kashf export-ctdc` (`invoked_as` names the command in examples).
RunFn SetupCtdcExport(CLI::App& cmd, GlobalOptions& g, const std::string& invoked_as);
// Same for the disaggregated victim statistics: `kashf case stats` and `kashf stats victims`.
RunFn SetupVictimStats(CLI::App& cmd, GlobalOptions& g, const std::string& invoked_as);
// The cases consenting to "statistics", reduced to CTDC records (no identity), for both commands.
Result<std::vector<analytics::CtdcRecord>> ConsentingCtdcRecords(const GlobalOptions& g, const VictimOptions& v,
                                                                 const victims::Actor& actor);

// Registers a subcommand of `kashf case` (order sorts them in --help).
struct CaseSubcommandRegistration {
  CaseSubcommandRegistration(int order, SetupFn setup);
};
std::vector<RegisteredCommand>& CaseSubcommands();

}  // namespace kashf::cli
