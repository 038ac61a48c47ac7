// Shared by the `kashf gaps ...` subcommands (commands/gaps*.cc): the legal data folder, the acting
// user and role, opening the gap store and computing the operational evidence from --db.
#pragma once
#include <memory>
#include <string>

#include "command.h"
#include "kashf/legal/evidence.h"
#include "kashf/legal/framework.h"
#include "kashf/legal/gap_store.h"

namespace kashf::cli {

struct GapOptions {
  std::string data;    // --data: the legal reference folder (default data/reference/legal)
  std::string user;    // --user (default $USER)
  std::string agency;  // --agency (default $KASHF_AGENCY)
  std::string role;    // --role: assessor | reviewer | cso (each write command has its default)
};

// Adds --data, --user, --agency, --role (default `default_role`) to `cmd`.
void AddGapOptions(CLI::App* cmd, GapOptions& o, const std::string& default_role);
// The framework from --data; InvalidArgument pointing at the file when it does not load.
Result<legal::LegalFramework> LoadFramework(const GapOptions& o);
Result<legal::GapActor> GapActorFrom(const GapOptions& o);
// The gap store in --db (created if missing); `framework` must outlive it.
Result<std::unique_ptr<legal::GapStore>> OpenGapStore(const GlobalOptions& g, const legal::LegalFramework& framework);
// The measures over --db's firearms register and cases (consenting to statistics), as of `today`.
Result<std::vector<legal::MeasureValue>> StoreMeasures(const GlobalOptions& g, const std::string& today);

struct GapsSubcommandRegistration {
  GapsSubcommandRegistration(int order, SetupFn setup);
};
std::vector<RegisteredCommand>& GapsSubcommands();

}  // namespace kashf::cli
