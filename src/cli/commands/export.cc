// kashf export: entities as FollowTheMoney JSON lines, or the statement table as CSV.
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli_util.h"
#include "clusters_out.h"
#include "commands/case_command.h"
#include "kashf/core/paths.h"
#include "kashf/ingest/ftm_schema.h"
#include "kashf/store/export.h"

namespace kashf::cli {
namespace {

struct ExportArgs {
  std::string format = "ftm";
  std::string out;
  std::string schema, dataset;
};

// `--format clusters`: record -> cluster, CSV or JSON by the file's extension (CSV on standard
// output), or clusters-csv / clusters-json / clusters-jsonl.
Status RunClustersExport(Store& store, const ExportArgs& a) {
  const std::string format = a.format == "clusters" ? "" : a.format.substr(std::string("clusters-").size());
  KASHF_ASSIGN_OR_RETURN(ClusterExportSummary s, WriteClusters(store, {a.schema, a.dataset}, a.out, format));
  if (s.records == 0 && s.withheld_victims == 0)
    fmt::print(stderr, "no resolved records{}; run `kashf resolve` first\n",
               a.schema.empty() && a.dataset.empty() ? "" : " match --schema/--dataset");
  if (!a.out.empty() && a.out != "-")
    fmt::print("exported {} records in {} clusters to {}; {} victim records withheld\n", s.records, s.clusters, a.out,
               s.withheld_victims);
  return Status::Ok();
}

// `--format ftm-schema`: Kashf's schemata as FtM schema extensions (no store needed).
Status RunFtmSchemaExport(const ExportArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Model model, Model::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(FtmTranslation translation, FtmTranslation::LoadDefault(model));
  KASHF_ASSIGN_OR_RETURN(auto names, LoadFtmSchemaNames(DataPath("data/reference/ftm-schemata.txt")));
  const std::string yaml = FtmSchemaYaml(model, translation, names);
  if (a.out.empty() || a.out == "-") {
    fmt::print("{}", yaml);
    return Status::Ok();
  }
  std::ofstream file(a.out, std::ios::binary);
  if (!(file << yaml)) return Status::IoError(fmt::format("cannot write '{}'", a.out));
  fmt::print("wrote Kashf's schemata as FtM schema extensions to {}\n", a.out);
  return Status::Ok();
}

Status RunExport(const GlobalOptions& g, const ExportArgs& a) {
  if (a.format == "ftm-schema") return RunFtmSchemaExport(a);
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  if (!a.schema.empty() && !o.model.Find(a.schema)) return o.model.UnknownSchema(a.schema);
  if (a.format == "clusters" || a.format.starts_with("clusters-")) return RunClustersExport(*o.store, a);
  ExportFormat f;
  if (a.format == "ftm") f = ExportFormat::kFtmEntities;
  else if (a.format == "statements") f = ExportFormat::kStatements;
  else
    return Status::InvalidArgument(
        fmt::format("unknown export format '{}'; use ftm, statements, clusters (clusters-csv, clusters-json, "
                    "clusters-jsonl) or ftm-schema",
                    a.format));
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!a.out.empty() && a.out != "-") {
    file.open(a.out, std::ios::binary);
    if (!file) return Status::IoError(fmt::format("cannot write '{}'", a.out));
    out = &file;
  }
  KASHF_ASSIGN_OR_RETURN(ExportSummary s, ExportStore(*o.store, {a.schema, a.dataset}, f, *out));
  if (out != &std::cout)
    fmt::print("exported {} entities ({} statements) to {}; {} victim records withheld\n", s.entities, s.statements,
               a.out, s.withheld_victims);
  return Status::Ok();
}

CommandRegistration reg(33, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand(
      "export", "Export entities (FollowTheMoney JSON lines), statements (CSV) or resolved clusters (CSV/JSON)");
  cmd->footer(
      "Examples: kashf export --format ftm --schema Person --out persons.ftm.jsonl\n"
      "          kashf export --format clusters --out clusters.csv   (entity_id,dataset,record_id,schema,cluster_id;\n"
      "          .json or .jsonl for JSON, after `kashf resolve`)\n"
      "Persons recorded as victims are never exported (see `kashf case` for survivor records); the clusters\n"
      "export also withholds every record resolved into a victim's cluster.");
  cmd->add_option(
         "--format", args->format,
         "ftm | statements | clusters (clusters-csv, clusters-json, clusters-jsonl) | ftm-schema (Kashf's schemata "
         "as FtM schema extensions)")
      ->capture_default_str();
  cmd->add_option("-o,--out", args->out, "Output file ('-' or none: standard output)");
  cmd->add_option("--schema", args->schema, "Only this schema");
  cmd->add_option("--dataset", args->dataset, "Only this dataset");
  // `kashf export ctdc ...`: survivors' statistics in CTDC's variable set (see export_ctdc.cc).
  auto* ctdc =
      cmd->add_subcommand("ctdc", "CTDC-style table of survivors' cases (k-suppressed or differentially private)");
  RunFn run_ctdc = SetupCtdcExport(*ctdc, g, "export ctdc");
  return [&g, args, ctdc, run_ctdc] { return ctdc->parsed() ? run_ctdc() : RunExport(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
