// kashf case export | import: cases in the shape of HTCDS v2 (JSON document or spreadsheet), see
// docs/victims.md. Identities travel only with --with-identities and the key; both commands are
// written to the audit log with the count and the format, never with a case's content.
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "case_command.h"
#include "kashf/audit/audit_log.h"
#include "kashf/victims/htcds_exchange.h"

namespace kashf::cli {
namespace {

struct ExchangeArgs {
  VictimOptions v;
  std::string format;
  std::string path;
  bool with_identities = false;
};

Status AuditExchange(const GlobalOptions& g, const victims::Actor& actor, const std::string& action,
                     const std::string& path, const std::string& detail) {
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenAuditLog(g.db));
  return log->Append({0, 0, actor.user, actor.agency, action, path, detail, "", ""}).status();
}

Status RunExport(const GlobalOptions& g, const ExchangeArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, a.with_identities, false));
  KASHF_ASSIGN_OR_RETURN(auto picklists, victims::HtcdsPicklists::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto cases, victims::CasesForExport(*registry, actor, a.with_identities));
  nlohmann::json doc = victims::HtcdsDocument(cases, picklists);
  if (a.format == "htcds-xlsx") {
    KASHF_RETURN_IF_ERROR(victims::WriteHtcdsWorkbook(doc, a.path));
  } else {
    std::ofstream f(a.path, std::ios::binary | std::ios::trunc);
    if (!(f << doc.dump(2) << '\n')) return Status::IoError(fmt::format("cannot write {}", a.path));
  }
  const char* identities = a.with_identities ? "included" : "sealed";
  KASHF_RETURN_IF_ERROR(
      AuditExchange(g, actor, "export.htcds", a.path,
                    fmt::format("format={} cases={} identities={}", a.format, cases.size(), identities)));
  if (g.json)
    fmt::print(
        "{}\n",
        nlohmann::json{{"file", a.path}, {"format", a.format}, {"cases", cases.size()}, {"identities", identities}}
            .dump(2));
  else if (!g.quiet)
    fmt::print("wrote {}: {} cases in {} (identities {})\n", a.path, cases.size(), a.format, identities);
  return Status::Ok();
}

Result<nlohmann::json> ReadDocument(const ExchangeArgs& a) {
  if (a.format == "htcds-xlsx") return victims::ReadHtcdsWorkbook(a.path);
  std::ifstream f(a.path, std::ios::binary);
  if (!f) return Status::NotFound(fmt::format("cannot open {}", a.path));
  std::stringstream text;
  text << f.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument(fmt::format("{} is not JSON", a.path));
  return doc;
}

Status RunImport(const GlobalOptions& g, const ExchangeArgs& a) {
  KASHF_ASSIGN_OR_RETURN(victims::Actor actor, ActorFrom(a.v));
  KASHF_ASSIGN_OR_RETURN(auto registry, OpenRegistry(g, a.v, true, true));
  KASHF_ASSIGN_OR_RETURN(auto picklists, victims::HtcdsPicklists::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(nlohmann::json doc, ReadDocument(a));
  KASHF_ASSIGN_OR_RETURN(auto parsed, victims::ParseHtcdsDocument(doc, picklists));
  KASHF_ASSIGN_OR_RETURN(auto report, victims::ImportHtcdsCases(*registry, actor, std::move(parsed)));
  KASHF_RETURN_IF_ERROR(
      AuditExchange(g, actor, "import.htcds", a.path,
                    fmt::format("format={} created={} skipped={} problems={}", a.format, report.created.size(),
                                report.skipped.size(), report.problems.size())));
  if (g.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report.problems)
      problems.push_back({{"case", p.case_ref}, {"where", p.where}, {"field", p.field}, {"problem", p.problem}});
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [source, id] : report.skipped) skipped[source] = id;
    fmt::print("{}\n",
               nlohmann::json{{"created", report.created}, {"skipped", skipped}, {"problems", problems}}.dump(2));
  } else {
    for (const auto& p : report.problems)
      fmt::print("case {} ({}){}: {}\n", p.case_ref, p.where, p.field.empty() ? "" : " " + p.field, p.problem);
    if (!g.quiet)
      fmt::print("imported {} cases, skipped {} imported before, {} problems\n", report.created.size(),
                 report.skipped.size(), report.problems.size());
  }
  if (!report.problems.empty())
    return Status::InvalidArgument(
        "some cases were not imported (listed above); correct them and import the file again: cases already "
        "imported are skipped");
  return Status::Ok();
}

CLI::App* AddExchangeOptions(CLI::App* cmd, ExchangeArgs& a) {
  cmd->add_option("--format", a.format, "htcds-json (one JSON document) or htcds-xlsx (one sheet per HTCDS group)")
      ->required()
      ->check(CLI::IsMember({"htcds-json", "htcds-xlsx"}));
  AddVictimOptions(cmd, a.v);
  return cmd;
}

CaseSubcommandRegistration export_reg(50, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ExchangeArgs>();
  auto* cmd = AddExchangeOptions(app.add_subcommand("export", "Write the visible cases in HTCDS v2 shape"), *args);
  cmd->add_option("--out", args->path, "The file to write")->required();
  cmd->add_flag("--with-identities", args->with_identities,
                "Include names, contact, vulnerability details, event coordinates and comments (needs the key)");
  cmd->footer(
      "Example: kashf --db kashf.db case export --format htcds-json --out cases.json --all-agencies\n"
      "Without --with-identities the identities stay sealed: the document says \"identities\": \"sealed\".");
  return [&g, args] { return RunExport(g, *args); };
});

CaseSubcommandRegistration import_reg(51, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ExchangeArgs>();
  auto* cmd =
      AddExchangeOptions(app.add_subcommand("import", "Register cases from an HTCDS v2 document or workbook"), *args);
  cmd->add_option("file", args->path, "The HTCDS JSON document or workbook")->required();
  cmd->footer(
      "Example: kashf --db kashf.db case import cases.json --format htcds-json --key-file victim.key\n"
      "Each case is checked on its own; a case with a problem is listed (case, where, field, what) and not\n"
      "stored. A case whose cas_CaseId was imported before is skipped.");
  return [&g, args] { return RunImport(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
