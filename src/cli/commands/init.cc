// kashf init: create (or migrate) a store.
#include <fmt/format.h>

#include "command.h"
#include "kashf/model/model.h"
#include "kashf/store/database_location.h"
#include "kashf/store/store.h"

namespace kashf::cli {
namespace {

CommandRegistration reg(10, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  app.add_subcommand("init", "Create a new Kashf store (or bring an old one up to date)");
  return [&g]() -> Status {
    KASHF_ASSIGN_OR_RETURN(Model model, Model::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto store, kashf::OpenStore(g.db, model));
    fmt::print("Kashf store ready: {}\n", store::RedactedLocation(g.db));
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
