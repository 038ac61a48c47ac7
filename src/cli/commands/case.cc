// kashf case ...: survivors' NRM cases (see docs/victims.md). The group and the options shared by
// its subcommands; each subcommand lives in commands/case_<name>.cc.
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "case_command.h"
#include "cli_util.h"

namespace kashf::cli {

std::vector<RegisteredCommand>& CaseSubcommands() {
  static std::vector<RegisteredCommand> subs;
  return subs;
}

CaseSubcommandRegistration::CaseSubcommandRegistration(int order, SetupFn setup) {
  CaseSubcommands().push_back({order, std::move(setup)});
}

void AddVictimOptions(CLI::App* cmd, VictimOptions& o) {
  cmd->add_option("--key-file", o.key_file,
                  "Victim-identity key (default: $KASHF_VICTIM_KEY); see `kashf case keygen`");
  cmd->add_option("--user", o.user, "Who is acting (default: $USER); written to the audit log");
  cmd->add_option("--agency", o.agency, "The acting user's agency (default: $KASHF_AGENCY); you see only its cases");
  cmd->add_flag("--all-agencies", o.all_agencies, "National NRM coordinator: act on every agency's cases");
}

Result<victims::Actor> ActorFrom(const VictimOptions& o) {
  victims::Actor a;
  a.user = !o.user.empty() ? o.user : (std::getenv("USER") ? std::getenv("USER") : "");
  a.agency = !o.agency.empty() ? o.agency : (std::getenv("KASHF_AGENCY") ? std::getenv("KASHF_AGENCY") : "");
  a.all_agencies = o.all_agencies;
  if (a.user.empty()) return Status::InvalidArgument("name the acting user with --user NAME");
  if (a.agency.empty())
    return Status::InvalidArgument(
        "name your agency with --agency NAME (or set KASHF_AGENCY); case workers see only their agency's cases");
  return a;
}

Result<std::unique_ptr<victims::CaseRegistry>> OpenRegistry(const GlobalOptions& g, const VictimOptions& o,
                                                            bool need_key, bool create) {
  if (!create)
    KASHF_RETURN_IF_ERROR(RequireExistingStore(
        g.db, fmt::format("create one with `kashf --db {} init` or load cases with `kashf --db {} case simulate`", g.db,
                          g.db)));
  KASHF_ASSIGN_OR_RETURN(auto process, victims::NrmProcess::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto offences, victims::OffenceTable::LoadDefault());
  victims::RegistryOptions options;
  auto vault = victims::IdentityVault::FromFlagOrEnv(o.key_file);
  if (vault.ok()) {
    options.vault = *vault;
  } else if (need_key || vault.status().code() != StatusCode::kFailedPrecondition) {
    return vault.status();  // no key where one is needed, or a key file that cannot be used
  }
  return victims::OpenSqliteCaseRegistry(g.db, std::move(process), std::move(offences), options);
}

namespace {

CommandRegistration reg(70, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd =
      app.add_subcommand("case", "Survivors' referral cases (NRM): register, follow stages, consent, referrals");
  cmd->require_subcommand(1);
  cmd->footer(
      "Victim identities are encrypted with a key kept outside the database:\n"
      "  kashf case keygen --key-file ~/.kashf/victim.key     (once; keep it safe, mode 0600)\n"
      "  export KASHF_VICTIM_KEY=~/.kashf/victim.key KASHF_AGENCY=fia-ahtc-lahore\n"
      "  kashf --db kashf.db case simulate --count 500 --seed 1\n"
      "  kashf --db kashf.db case list\n"
      "  kashf --db kashf.db case show case-000001\n"
      "Every read of a case is written to the audit log (`kashf audit verify`).");
  return AttachSubcommands(*cmd, g, CaseSubcommands(), "case");
});

}  // namespace
}  // namespace kashf::cli
