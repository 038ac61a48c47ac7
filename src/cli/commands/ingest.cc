// kashf ingest: load source files through a mapping (docs/mapping.md).
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/ingest/importer.h"

namespace kashf::cli {
namespace {

struct IngestArgs {
  std::string mapping;
  std::vector<std::string> files;
  int64_t batch = 20000;
  int64_t index_memory_mib = 256;
  std::string rejects_out;
  InputLimits limits;
  Grading grading;  // --source-eval, --information, --handling
  bool create = false;
};

Status RunIngest(const GlobalOptions& g, const IngestArgs& a) {
  // A store that does not exist is created only when asked: a typo in --db must not start a new one.
  auto opened = OpenStore(g, a.create ? StoreAccess::kCreate : StoreAccess::kWrite);
  if (!opened.ok() && opened.status().message().find("no Kashf store") != std::string::npos)
    return Status::NotFound(opened.status().message() + ", or add --create to this command (is --db spelt right?)");
  KASHF_ASSIGN_OR_RETURN(Opened o, std::move(opened));
  KASHF_ASSIGN_OR_RETURN(Mapping mapping, LoadMapping(a.mapping, o.model));
  InstallInterruptHandler();
  nlohmann::json out = nlohmann::json::array();
  std::ofstream rejects;
  if (!a.rejects_out.empty()) {
    rejects.open(a.rejects_out);
    if (!rejects) return Status::IoError(fmt::format("cannot write '{}'", a.rejects_out));
    rejects << "file,line,column,reason\n";
  }
  for (const auto& file : a.files) {
    ProgressBar bar(fmt::format("ingest {}", std::filesystem::path(file).filename().string()), !g.quiet && !g.json);
    ImportOptions opts;
    int64_t rows_so_far = 0;
    opts.file = file;
    opts.batch_rows = a.batch;
    opts.index_memory_bytes = static_cast<size_t>(a.index_memory_mib) << 20;
    opts.cancel = &Interrupted();
    opts.limits = a.limits;
    opts.grading = a.grading;
    opts.on_progress = [&](const ImportProgress& p) {
      double rate = p.seconds > 0 ? static_cast<double>(p.rows_read) / p.seconds : 0;
      rows_so_far = p.rows_read;
      bar.Update(p.bytes_total ? static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total) : 0,
                 fmt::format("{} rows, {} rejected, {} rows/s", Thousands(p.rows_read), Thousands(p.rows_rejected),
                             Thousands(static_cast<int64_t>(rate))));
    };
    opts.on_indexing = [&] { bar.Update(1.0, fmt::format("{} rows; writing the name index", Thousands(rows_so_far))); };
    auto report = ImportFile(*o.store, mapping, opts);
    bar.Finish();
    if (!report.ok()) return report.status();
    const ImportRun& r = report->run;
    if (rejects.is_open()) {
      KASHF_ASSIGN_OR_RETURN(auto all, o.store->Rejects(r.id, SIZE_MAX));
      for (const auto& x : all)
        rejects << CsvCell(x.file) << ',' << x.line << ',' << CsvCell(x.column) << ',' << CsvCell(x.reason) << '\n';
    }
    if (g.json) {
      nlohmann::json j = {{"import_id", r.id},
                          {"dataset", r.dataset},
                          {"file", r.file},
                          {"rows_read", r.rows_read},
                          {"rows_loaded", r.rows_loaded},
                          {"rows_rejected", r.rows_rejected},
                          {"statements_new", r.statements_new},
                          {"warnings", report->warnings},
                          {"seconds", report->seconds}};
      if (!report->hint.empty()) j["hint"] = report->hint;
      j["format_warnings"] = report->format_warnings;
      j["writer_seconds"] = {{"waiting_for_rows", report->seconds_waiting},
                             {"storing", report->seconds_writing},
                             {"committing", report->seconds_committing},
                             {"of_which_final_index", report->seconds_indexing}};
      nlohmann::json reasons = nlohmann::json::array();
      for (const auto& [reason, n] : report->reject_reasons) reasons.push_back({{"reason", reason}, {"rows", n}});
      j["reject_reasons"] = reasons;
      nlohmann::json sample = nlohmann::json::array();
      for (const auto& x : report->rejects)
        sample.push_back({{"file", x.file}, {"line", x.line}, {"column", x.column}, {"reason", x.reason}});
      j["rejects"] = sample;
      out.push_back(j);
      continue;
    }
    double rate = report->seconds > 0 ? static_cast<double>(r.rows_read) / report->seconds : 0;
    fmt::print("{} <- {}\n  rows: {} read, {} loaded, {} rejected; {} new statements{}; {:.2f} s ({} rows/s)\n",
               r.dataset, file, Thousands(r.rows_read), Thousands(r.rows_loaded), Thousands(r.rows_rejected),
               Thousands(r.statements_new), r.statements_new == 0 && r.rows_loaded > 0 ? " (already loaded)" : "",
               report->seconds, Thousands(static_cast<int64_t>(rate)));
    if (!report->reject_reasons.empty()) {
      fmt::print("  rejected rows by reason:\n");
      for (size_t i = 0; i < report->reject_reasons.size() && i < 8; ++i)
        fmt::print("    {:>7}  {}\n", Thousands(report->reject_reasons[i].second), report->reject_reasons[i].first);
      fmt::print("  first rejected rows:\n");
      for (size_t i = 0; i < report->rejects.size() && i < 5; ++i) {
        const auto& x = report->rejects[i];
        fmt::print("    {}:{}{}: {}\n", x.file, x.line, x.column.empty() ? "" : " [" + x.column + "]", x.reason);
      }
      fmt::print("  all rejected rows: kashf stats --rejects {}{}\n", r.id,
                 a.rejects_out.empty() ? "" : fmt::format(" (also written to {})", a.rejects_out));
    }
    if (!report->hint.empty()) fmt::print("  hint: {}\n", report->hint);
    for (const auto& w : report->format_warnings) fmt::print("  warning: {}\n", w);
    if (report->warnings)
      fmt::print(
          "  {} values kept as written or left out, by `invalid:` rules or (FtM) the model (first: {}:{} [{}] {})\n",
          Thousands(report->warnings), report->warning_samples[0].file, report->warning_samples[0].line,
          report->warning_samples[0].column, report->warning_samples[0].reason);
  }
  if (g.json) fmt::print("{}\n", out.dump(2));
  return Status::Ok();
}

CommandRegistration reg(20, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<IngestArgs>();
  auto* cmd =
      app.add_subcommand("ingest", "Load CSV, JSON lines or XLSX files through a mapping (see docs/mapping.md)");
  cmd->footer(
      "Example: kashf --db kashf.db ingest --mapping mappings/sim/punjab-police-fir.yaml fir.csv\n"
      "Bad rows are rejected with file, line, column and reason; valid rows still load. Re-running the same\n"
      "import adds nothing. Ctrl-C stops after the current batch; run the command again to finish.\n"
      "Names become searchable when the import ends (large files: also every --index-memory MiB).");
  cmd->add_option("-m,--mapping", args->mapping, "Mapping YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("files", args->files, "Source files (all with the layout the mapping describes)")->required();
  cmd->add_option("--batch", args->batch, "Rows per transaction")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--index-memory", args->index_memory_mib,
                  "MiB of entity, link and name-index rows held back and written sorted (0: write with each batch). "
                  "More is faster on large files; rows become searchable when written")
      ->capture_default_str()
      ->check(CLI::Range(0, 1 << 20));
  cmd->add_option("--max-cell-bytes", args->limits.max_cell_bytes, "Longest cell; a row with a longer one is rejected")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  cmd->add_option("--max-columns", args->limits.max_columns, "Widest row or header in columns; a wider row is rejected")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 20));
  cmd->add_option("--rejects-out", args->rejects_out, "Write every rejected row (file,line,column,reason) to this CSV");
  cmd->add_option("--source-eval", args->grading.source,
                  "Source evaluation of every row (Europol: A, B, C, X), over the mapping's grading:");
  cmd->add_option("--information", args->grading.information,
                  "Information evaluation of every row (Europol: 1-4), over the mapping's grading:");
  cmd->add_option("--handling", args->grading.handling,
                  "Handling code of every row (Europol: H0-H3; data/reference/grading-europol.yaml), over the "
                  "mapping's grading:. Ungraded values are never shared (docs/sharing.md)");
  cmd->add_flag("--create", args->create, "Create the store named by --db if it does not exist (otherwise: an error)");
  return [&g, args] { return RunIngest(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
