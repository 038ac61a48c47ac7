// Shared by the `kashf firearm ...` subcommands (commands/firearm*.cc): opening the firearms
// registry in --db and a sub-registry so each subcommand lives in its own file.
#pragma once
#include <memory>
#include <string>

#include "command.h"
#include "kashf/core/result.h"
#include "kashf/firearms/firearm_registry.h"

namespace kashf::cli {

// Opens the firearms tables in --db for `jurisdiction` (bore classes). create: create the file if
// missing (else NotFound with advice).
Result<std::unique_ptr<firearms::FirearmRegistry>> OpenFirearmRegistry(const GlobalOptions& g, bool create,
                                                                       const std::string& jurisdiction = "PK");

// Parses a firearm id given as a number.
Result<int64_t> ParseFirearmId(const std::string& text);

struct FirearmSubcommandRegistration {
  FirearmSubcommandRegistration(int order, SetupFn setup);
};
std::vector<RegisteredCommand>& FirearmSubcommands();

}  // namespace kashf::cli

namespace kashf::cli {
// Prints a firearm's record, lifecycle, chain of custody with diversion points, and its trace
// requests and answers (text or --json). Shared by `firearm show` and `firearm trace show`.
Status PrintFirearmTrace(firearms::FirearmRegistry& registry, int64_t id, const GlobalOptions& g);
}  // namespace kashf::cli
