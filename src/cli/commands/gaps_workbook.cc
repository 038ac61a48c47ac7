// kashf gaps export-workbook | import-workbook: the workshop round trip (kashf/legal/assessment_workbook.h,
// docs/gap-workbook.md).
#include <fmt/format.h>

#include "gaps_command.h"
#include "kashf/core/text.h"
#include "kashf/ingest/xlsx_workbook.h"
#include "kashf/legal/assessment_workbook.h"
#include "kashf/victims/civil_date.h"

namespace kashf::cli {
namespace {

struct ExportArgs {
  GapOptions o;
  std::string out;
  std::vector<std::string> catalogues, jurisdictions;
};

GapsSubcommandRegistration export_workbook(80, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ExportArgs>();
  auto* cmd = parent.add_subcommand("export-workbook",
                                    "Write the assessments as an XLSX workbook for a workshop (sheet per catalogue, "
                                    "status drop-downs, protected requirement columns without a password)");
  cmd->add_option("--out,-o", a->out, "The .xlsx file to write")->required();
  cmd->add_option("--catalogue", a->catalogues, "Only this catalogue (repeatable; default all)");
  cmd->add_option("--jurisdiction", a->jurisdictions, "Only this jurisdiction (repeatable; default all)");
  AddGapOptions(cmd, a->o, "assessor");
  cmd->footer(
      "Example: kashf --db k.db gaps export-workbook --out workshop.xlsx --jurisdiction pk-pb\n"
      "Fill it in, then: kashf --db k.db gaps import-workbook workshop.xlsx (docs/gap-workbook.md)");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto actor, GapActorFrom(a->o));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_ASSIGN_OR_RETURN(auto stored, store->Latest(""));
    legal::WorkbookExportOptions options{a->catalogues, a->jurisdictions, victims::TodayUtc(), actor.user};
    KASHF_RETURN_IF_ERROR(legal::WriteAssessmentWorkbook(f, stored, options, a->out));
    fmt::print("wrote {} ({} stored assessments)\n", a->out, stored.size());
    return Status::Ok();
  };
});

struct ImportArgs {
  GapOptions o;
  std::string file;
  bool dry_run = false;
};

GapsSubcommandRegistration import_workbook(81, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ImportArgs>();
  auto* cmd = parent.add_subcommand("import-workbook",
                                    "Import a filled-in workshop workbook: changes stored, conflicts (base, theirs, "
                                    "ours) and invalid cells reported, never stored");
  cmd->add_option("file", a->file, "The .xlsx workbook exported by export-workbook")->required();
  cmd->add_flag("--dry-run", a->dry_run, "Report only; store nothing");
  AddGapOptions(cmd, a->o, "assessor");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto actor, GapActorFrom(a->o));
    KASHF_ASSIGN_OR_RETURN(XlsxWorkbook wb, ReadXlsxWorkbook(a->file));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_ASSIGN_OR_RETURN(auto report,
                           legal::ApplyAssessmentWorkbook(*store, actor, f, wb, victims::TodayUtc(), a->dry_run));
    if (g.json) {
      fmt::print("{}\n", legal::WorkbookImportReportJson(report).dump(2));
    } else {
      fmt::print("{}", legal::WorkbookImportReportText(report));
      if (a->dry_run) fmt::print("dry run: nothing was stored\n");
    }
    // Exit status 2 when anything was refused, so scripts notice; the valid part is stored all the same.
    if (!report.errors.empty() || !report.conflicts.empty())
      return Status::InvalidArgument(fmt::format("{} conflicts and {} errors in '{}' (listed above); the rest was {}",
                                                 report.conflicts.size(), report.errors.size(), a->file,
                                                 a->dry_run ? "checked" : "imported"));
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
