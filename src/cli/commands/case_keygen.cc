// kashf case keygen: create the key that encrypts victim identities (kept outside the database).
#include <fmt/format.h>

#include "case_command.h"
#include "kashf/victims/identity_vault.h"

namespace kashf::cli {
namespace {

CaseSubcommandRegistration reg(10, [](CLI::App& app, GlobalOptions&) -> RunFn {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("keygen", "Write a new random victim-identity key to a file (mode 0600)");
  cmd->add_option("--key-file", *path, "Where to write the key; never inside the database folder you back up with it")
      ->required();
  cmd->footer(
      "Example: kashf case keygen --key-file ~/.kashf/victim.key\n"
      "Losing the key makes the stored identities unreadable; an existing file is never overwritten.");
  return [path]() -> Status {
    KASHF_RETURN_IF_ERROR(victims::IdentityVault::GenerateKeyFile(*path));
    fmt::print(
        "victim-identity key written to {} (mode 0600)\n"
        "use it with --key-file {} or export KASHF_VICTIM_KEY={}\n",
        *path, *path, *path);
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
