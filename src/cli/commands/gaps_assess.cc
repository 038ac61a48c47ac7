// kashf gaps assess | review | comment | import: the changes to assessments (roles and audit in
// kashf/legal/gap_store.h; import checks in kashf/legal/gap_import.h).
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gaps_command.h"
#include "kashf/core/text.h"
#include "kashf/legal/gap_import.h"
#include "kashf/legal/gap_report.h"
#include "kashf/victims/civil_date.h"

namespace kashf::cli {
namespace {

struct AssessArgs {
  GapOptions o;
  std::string requirement, jurisdiction, status, provisions, justification, on;
  bool illustrative = false;
};

GapsSubcommandRegistration assess(30, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<AssessArgs>();
  auto* cmd = parent.add_subcommand("assess", "Assess one requirement in one jurisdiction (a new version)");
  cmd->add_option("requirement", a->requirement, "Requirement id, e.g. FP-08a")->required();
  cmd->add_option("jurisdiction", a->jurisdiction, "Jurisdiction id, e.g. pk-pb")->required();
  cmd->add_option("--status", a->status, "met | partly_met | not_met | not_applicable | not_assessed")->required();
  cmd->add_option("--provisions", a->provisions, "Cited provisions: 'instrument-id s.section; ...'");
  cmd->add_option("--justification", a->justification, "Why this status (short)");
  cmd->add_option("--on", a->on, "Date of the assessment YYYY-MM-DD (default today)");
  cmd->add_flag("--illustrative", a->illustrative, "Mark as illustrative (to be verified against the law's text)");
  AddGapOptions(cmd, a->o, "assessor");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto actor, GapActorFrom(a->o));
    legal::Assessment x;
    x.requirement = a->requirement;
    x.jurisdiction = a->jurisdiction;
    const legal::Catalogue* c = f.CatalogueOf(a->requirement);
    x.catalogue_version = c ? c->version : "";
    KASHF_ASSIGN_OR_RETURN(x.status, legal::ParseCompliance(a->status));
    KASHF_ASSIGN_OR_RETURN(x.provisions, legal::ParseCitations(a->provisions));
    x.justification = a->justification;
    x.assessed_on = a->on.empty() ? victims::TodayUtc() : a->on;
    x.illustrative = a->illustrative;
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_ASSIGN_OR_RETURN(auto stored, store->Save(actor, {x}));
    if (stored.empty()) {
      fmt::print("unchanged: {} in {} already has this assessment\n", x.requirement, x.jurisdiction);
    } else {
      fmt::print("{} in {}: {} (version {})\n", x.requirement, x.jurisdiction, legal::ComplianceName(x.status),
                 stored[0].version);
    }
    return Status::Ok();
  };
});

struct ReviewArgs {
  GapOptions o;
  std::string requirement, jurisdiction, on, text;
  int64_t version = 0;
};

GapsSubcommandRegistration review(40, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ReviewArgs>();
  auto* cmd = parent.add_subcommand("review", "Approve the current version of an assessment (reviewer)");
  cmd->add_option("requirement", a->requirement, "Requirement id")->required();
  cmd->add_option("jurisdiction", a->jurisdiction, "Jurisdiction id")->required();
  cmd->add_option("--version", a->version, "The version approved (refused if it is no longer current)")->required();
  cmd->add_option("--on", a->on, "Date YYYY-MM-DD (default today)");
  AddGapOptions(cmd, a->o, "reviewer");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto actor, GapActorFrom(a->o));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_RETURN_IF_ERROR(
        store->Review(actor, a->requirement, a->jurisdiction, a->version, a->on.empty() ? victims::TodayUtc() : a->on));
    fmt::print("approved version {} of {} in {}\n", a->version, a->requirement, a->jurisdiction);
    return Status::Ok();
  };
});

GapsSubcommandRegistration comment(50, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ReviewArgs>();
  auto* cmd = parent.add_subcommand("comment", "Comment on an assessment (assessor, reviewer or cso partner)");
  cmd->add_option("requirement", a->requirement, "Requirement id")->required();
  cmd->add_option("jurisdiction", a->jurisdiction, "Jurisdiction id")->required();
  cmd->add_option("--text", a->text, "The comment")->required();
  cmd->add_option("--on", a->on, "Date YYYY-MM-DD (default today)");
  AddGapOptions(cmd, a->o, "cso");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto actor, GapActorFrom(a->o));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_RETURN_IF_ERROR(store->AddComment(
        actor, {a->requirement, a->jurisdiction, "", "", a->on.empty() ? victims::TodayUtc() : a->on, a->text}));
    fmt::print("comment stored on {} in {}\n", a->requirement, a->jurisdiction);
    return Status::Ok();
  };
});

struct ImportArgs {
  GapOptions o;
  std::string file, format, today, errors_out;
  bool dry_run = false;
};

GapsSubcommandRegistration import(60, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ImportArgs>();
  auto* cmd = parent.add_subcommand("import", "Import assessments from CSV or JSON; row-level error report");
  cmd->add_option("file", a->file, "CSV (header row) or JSON (array of rows)")->required();
  cmd->add_option("--format", a->format, "csv | json (default: from the file name)");
  cmd->add_option("--today", a->today, "Date for rows without assessed_on (default today)");
  cmd->add_option("--errors", a->errors_out, "Also write the row errors as CSV to this file");
  cmd->add_flag("--dry-run", a->dry_run, "Check only; store nothing");
  AddGapOptions(cmd, a->o, "assessor");
  cmd->footer(
      "Valid rows are stored together (each a new version); invalid rows are reported and never stored.\n"
      "Exit status 2 when any row was invalid (the valid rows are stored all the same).");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto actor, GapActorFrom(a->o));
    std::ifstream in(a->file, std::ios::binary);
    if (!in) return Status::NotFound(fmt::format("cannot read '{}'", a->file));
    std::stringstream text;
    text << in.rdbuf();
    std::string format = a->format.empty() ? (a->file.ends_with(".json") ? "json" : "csv") : a->format;
    if (format != "csv" && format != "json") return Status::InvalidArgument("--format is csv or json");
    KASHF_ASSIGN_OR_RETURN(auto rows,
                           format == "json" ? legal::ParseImportJson(text.str()) : legal::ParseImportCsv(text.str()));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_ASSIGN_OR_RETURN(auto current, store->Latest(""));
    legal::ImportReport r = legal::ValidateImport(f, current, rows, a->today.empty() ? victims::TodayUtc() : a->today);
    std::vector<legal::Assessment> stored;
    if (!a->dry_run && !r.accepted.empty()) {
      KASHF_ASSIGN_OR_RETURN(stored, store->Save(actor, r.accepted));
    }
    if (!a->errors_out.empty()) {
      std::ofstream out(a->errors_out, std::ios::binary);
      out << "line,requirement,jurisdiction,field,message\n";
      for (const auto& e : r.errors)
        out << e.line << ',' << CsvCell(e.requirement) << ',' << CsvCell(e.jurisdiction) << ',' << e.field << ','
            << CsvCell(e.message) << '\n';
      if (!out) return Status::IoError(fmt::format("cannot write '{}'", a->errors_out));
    }
    if (g.json) {
      fmt::print("{}\n", legal::ImportReportJson(r, stored, a->dry_run).dump(2));
    } else {
      fmt::print("{} rows: {} valid ({} stored{}), {} errors\n", r.rows, r.accepted.size(), stored.size(),
                 a->dry_run ? ", dry run" : "", r.errors.size());
      for (const auto& e : r.errors)
        fmt::print("  row {}: {} {} [{}] {}\n", e.line, e.requirement, e.jurisdiction, e.field, e.message);
    }
    if (!r.errors.empty()) return Status::InvalidArgument(fmt::format("{} row errors (listed above)", r.errors.size()));
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
