// Shared by the `kashf text ...` subcommands (commands/text*.cc): the sub-registry, so each
// subcommand lives in its own file, and reading the text a command is given.
#pragma once
#include <string>
#include <vector>

#include "command.h"
#include "kashf/core/result.h"

namespace kashf::cli {

struct TextSubcommandRegistration {
  TextSubcommandRegistration(int order, SetupFn setup);
};
std::vector<RegisteredCommand>& TextSubcommands();

// The whole file at `path` ("-" for standard input); NotFound naming the file when it cannot be read.
Result<std::string> ReadTextInput(const std::string& path);

}  // namespace kashf::cli
