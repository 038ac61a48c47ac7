// kashf user ...: agencies, users and demo logins for `kashf serve` (accounts live in the --db
// file, or in the file given by --accounts). Every change is written to the audit log of --db.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/audit/audit_log.h"
#include "kashf/auth/demo_accounts.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct UserArgs {
  std::string accounts;  // --accounts
  std::string name;      // USERNAME or agency id
  std::string full_name, role, agency, country;
  bool all_agencies = false, no_all_agencies = false;
  bool password_stdin = false;
  std::string out;  // demo: JSON file of logins
};

// The account store; only commands that create (agency-add, add, demo) may create its file.
Result<std::unique_ptr<auth::AccountStore>> OpenAccounts(const GlobalOptions& g, const UserArgs& a,
                                                         bool create = false) {
  const std::string& path = a.accounts.empty() ? g.db : a.accounts;
  if (!create)
    KASHF_RETURN_IF_ERROR(RequireExistingStore(
        path, fmt::format("create an agency with `kashf --db {} user agency-add` or demo logins with "
                          "`kashf --db {} user demo`",
                          path, path)));
  return auth::OpenAccountStore(path);
}

// The password typed on standard input (one line), or a generated one.
Result<std::pair<std::string, bool>> PasswordFor(const UserArgs& a) {
  if (!a.password_stdin) return std::pair{auth::GeneratePassword(20), true};
  std::string line;
  if (!std::getline(std::cin, line)) return Status::InvalidArgument("--password-stdin: no line on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  KASHF_RETURN_IF_ERROR(auth::CheckPasswordPolicy(line));
  return std::pair{line, false};
}

Status RunAgencyAdd(const GlobalOptions& g, const UserArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto store, OpenAccounts(g, a, /*create=*/true));
  KASHF_RETURN_IF_ERROR(store->CreateAgency({a.name, a.full_name, a.country, 0}));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "agency.create", a.name, ""));
  fmt::print("agency {} created\n", a.name);
  return Status::Ok();
}

Status RunAgencies(const GlobalOptions& g, const UserArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto store, OpenAccounts(g, a));
  KASHF_ASSIGN_OR_RETURN(auto all, store->Agencies());
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& x : all) j.push_back({{"id", x.id}, {"name", x.name}, {"country", x.country}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  for (const auto& x : all) fmt::print("{:<24} {:<4} {}\n", x.id, x.country, x.name);
  return Status::Ok();
}

Status RunAdd(const GlobalOptions& g, const UserArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto store, OpenAccounts(g, a));
  auth::NewUser nu;
  nu.user.username = a.name;
  nu.user.full_name = a.full_name;
  KASHF_ASSIGN_OR_RETURN(nu.user.role, auth::ParseRole(a.role));
  nu.user.agency = a.agency;
  nu.user.all_agencies = a.all_agencies;
  KASHF_ASSIGN_OR_RETURN(auto pw, PasswordFor(a));
  nu.password = pw.first;
  KASHF_ASSIGN_OR_RETURN(auth::User u, store->CreateUser(nu));
  KASHF_RETURN_IF_ERROR(
      AuditCli(g, "user.create", u.username, fmt::format("role={} agency={}", auth::RoleName(u.role), u.agency)));
  fmt::print("user {} ({} of {}) created\n", u.username, auth::RoleName(u.role), u.agency);
  if (pw.second) fmt::print("password (shown once; hand it over safely): {}\n", pw.first);
  return Status::Ok();
}

Status RunList(const GlobalOptions& g, const UserArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto store, OpenAccounts(g, a));
  KASHF_ASSIGN_OR_RETURN(auto all, store->Users());
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& u : all)
      j.push_back({{"username", u.username},
                   {"full_name", u.full_name},
                   {"role", auth::RoleName(u.role)},
                   {"agency", u.agency},
                   {"all_agencies", u.all_agencies},
                   {"disabled", u.disabled}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  for (const auto& u : all)
    fmt::print("{:<26} {:<17} {:<22} {}{}\n", u.username, auth::RoleName(u.role), u.agency,
               u.all_agencies ? "all-agencies " : "", u.disabled ? "DISABLED" : "");
  return Status::Ok();
}

Status RunUpdate(const GlobalOptions& g, const UserArgs& a, std::optional<bool> disable, bool password) {
  KASHF_ASSIGN_OR_RETURN(auto store, OpenAccounts(g, a));
  auth::UserUpdate up;
  std::vector<std::string> fields;
  if (!a.full_name.empty()) {
    up.full_name = a.full_name;
    fields.push_back("full_name");
  }
  if (!a.role.empty()) {
    KASHF_ASSIGN_OR_RETURN(up.role, auth::ParseRole(a.role));
    fields.push_back("role");
  }
  if (!a.agency.empty()) {
    up.agency = a.agency;
    fields.push_back("agency");
  }
  if (a.all_agencies) {
    up.all_agencies = true;
    fields.push_back("all_agencies");
  }
  if (a.no_all_agencies) {
    up.all_agencies = false;
    fields.push_back("all_agencies");
  }
  if (disable) {
    up.disabled = *disable;
    fields.push_back("disabled");
  }
  std::pair<std::string, bool> pw;
  if (password) {
    KASHF_ASSIGN_OR_RETURN(pw, PasswordFor(a));
    up.password = pw.first;
    fields.push_back("password");
  }
  if (fields.empty())
    return Status::InvalidArgument("nothing to change; give --role, --agency, --full-name or --all-agencies");
  KASHF_ASSIGN_OR_RETURN(auth::User u, store->UpdateUser(a.name, up));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "user.update", u.username, "fields=" + Join(fields, ",")));
  fmt::print("user {}: {} ({} of {}{}){}\n", u.username, Join(fields, ", "), auth::RoleName(u.role), u.agency,
             u.all_agencies ? ", all agencies" : "", u.disabled ? " DISABLED" : "");
  if (password && pw.second) fmt::print("new password (shown once): {}\n", pw.first);
  return Status::Ok();
}

Status RunDemo(const GlobalOptions& g, const UserArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto store, OpenAccounts(g, a, /*create=*/true));
  KASHF_ASSIGN_OR_RETURN(auto logins, auth::SeedDemoAccounts(*store));
  KASHF_RETURN_IF_ERROR(AuditCli(g, "user.demo_seed", "", fmt::format("users={}", logins.size())));
  nlohmann::json j = nlohmann::json::array();
  for (const auto& l : logins)
    j.push_back(
        {{"username", l.username}, {"password", l.password}, {"role", l.role}, {"agency", l.agency}, {"note", l.note}});
  if (!a.out.empty()) {
    std::ofstream f(a.out, std::ios::trunc);
    if (!(f << j.dump(2) << "\n")) return Status::IoError(fmt::format("cannot write {}", a.out));
  }
  if (g.json) {
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("Demo logins (synthetic demo only; new passwords on every run):\n");
  fmt::print("  {:<24} {:<18} {:<17} {:<20} {}\n", "user", "password", "role", "agency", "sees");
  for (const auto& l : logins)
    fmt::print("  {:<24} {:<18} {:<17} {:<20} {}\n", l.username, l.password, l.role, l.agency, l.note);
  return Status::Ok();
}

CommandRegistration reg(81, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<UserArgs>();
  auto* cmd = app.add_subcommand("user", "Accounts for `kashf serve`: agencies, users, roles, demo logins");
  cmd->require_subcommand(1);
  cmd->footer(
      "Roles: administrator, analyst, firearms_officer, case_worker, researcher (see docs/server.md).\n"
      "Examples:\n"
      "  kashf --db kashf.db user agency-add fia-ahtc-lahore --name \"FIA AHTC Lahore\" --country PAK\n"
      "  kashf --db kashf.db user add amna --role case_worker --agency fia-ahtc-lahore\n"
      "  kashf --db kashf.db user demo");
  cmd->add_option("--accounts", a->accounts, "Accounts file (default: the --db file)");
  auto* agency_add = cmd->add_subcommand("agency-add", "Create an agency");
  agency_add->add_option("id", a->name, "Agency id: lower-case letters, digits, '.', '-', '_'")->required();
  agency_add->add_option("--name", a->full_name, "Full name")->required();
  agency_add->add_option("--country", a->country, "ISO 3166-1 alpha-3 code, e.g. PAK");
  auto* agencies = cmd->add_subcommand("agencies", "List agencies");
  auto* add = cmd->add_subcommand("add", "Create a user (prints a generated password unless --password-stdin)");
  add->add_option("username", a->name, "User name")->required();
  add->add_option("--role", a->role, "administrator | analyst | firearms_officer | case_worker | researcher")
      ->required();
  add->add_option("--agency", a->agency, "The user's agency (see `kashf user agencies`)")->required();
  add->add_option("--full-name", a->full_name, "Full name");
  add->add_flag("--all-agencies", a->all_agencies, "Case worker only: national NRM coordinator (every agency's cases)");
  add->add_flag("--password-stdin", a->password_stdin, "Read the password from standard input");
  auto* list = cmd->add_subcommand("list", "List users");
  auto* update = cmd->add_subcommand("update", "Change a user's role, agency, scope or name (ends their sessions)");
  update->add_option("username", a->name, "User name")->required();
  update->add_option("--role", a->role, "New role");
  update->add_option("--agency", a->agency, "New agency");
  update->add_option("--full-name", a->full_name, "New full name");
  update->add_flag("--all-agencies", a->all_agencies, "Make a case worker national NRM coordinator");
  update->add_flag("--no-all-agencies", a->no_all_agencies, "Back to own agency only");
  auto* passwd = cmd->add_subcommand("passwd", "Set a new password (generated unless --password-stdin); ends sessions");
  passwd->add_option("username", a->name, "User name")->required();
  passwd->add_flag("--password-stdin", a->password_stdin, "Read the password from standard input");
  auto* disable = cmd->add_subcommand("disable", "Disable a user (ends sessions; the audit trail keeps the name)");
  disable->add_option("username", a->name, "User name")->required();
  auto* enable = cmd->add_subcommand("enable", "Enable a disabled user");
  enable->add_option("username", a->name, "User name")->required();
  auto* demo = cmd->add_subcommand("demo", "Create demo agencies and one user per role; print the logins (demo only)");
  demo->add_option("--out", a->out, "Also write the logins as JSON to this file");
  return [&g, a, agency_add, agencies, add, list, update, passwd, disable, enable, demo]() -> Status {
    if (agency_add->parsed()) return RunAgencyAdd(g, *a);
    if (agencies->parsed()) return RunAgencies(g, *a);
    if (add->parsed()) return RunAdd(g, *a);
    if (list->parsed()) return RunList(g, *a);
    if (update->parsed()) return RunUpdate(g, *a, std::nullopt, false);
    if (passwd->parsed()) return RunUpdate(g, *a, std::nullopt, true);
    if (disable->parsed()) return RunUpdate(g, *a, true, false);
    if (enable->parsed()) return RunUpdate(g, *a, false, false);
    if (demo->parsed()) return RunDemo(g, *a);
    return Status::InvalidArgument("name a user subcommand; see `kashf user --help`");
  };
});

}  // namespace
}  // namespace kashf::cli
