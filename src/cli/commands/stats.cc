// kashf stats: what the store holds, by type and source, and what each import rejected.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "commands/case_command.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct StatsArgs {
  int64_t rejects_of = 0;
  size_t limit = 50;
};

// Rejected rows of every import grouped by dataset, column and reason, most frequent first: what a
// user has to fix in which source, in a few lines.
void PrintRejectReasons(Store& store, const std::vector<ImportRun>& runs) {
  constexpr size_t kMostRowsRead = 1'000'000;
  bool header = false;
  for (const auto& r : runs) {
    if (r.rows_rejected == 0) continue;
    auto rows = store.Rejects(r.id, kMostRowsRead);
    if (!rows.ok()) continue;
    std::map<std::string, int64_t> by_reason;
    for (const auto& row : *rows) by_reason[(row.column.empty() ? "" : row.column + ": ") + row.reason]++;
    std::vector<std::pair<int64_t, std::string>> sorted;
    for (const auto& [reason, n] : by_reason) sorted.emplace_back(-n, reason);
    std::sort(sorted.begin(), sorted.end());
    if (!header) fmt::print("\nrejected rows by reason\n");
    header = true;
    for (const auto& [neg, reason] : sorted) fmt::print("{:>10}  {:<26} {}\n", Thousands(-neg), r.dataset, reason);
  }
}

Status RunStats(const GlobalOptions& g, const StatsArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  if (a.rejects_of) {
    KASHF_ASSIGN_OR_RETURN(auto rows, o.store->Rejects(a.rejects_of, a.limit));
    if (g.json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& r : rows)
        j.push_back({{"file", r.file}, {"line", r.line}, {"column", r.column}, {"reason", r.reason}});
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    for (const auto& r : rows)
      fmt::print("{}:{}{}: {}\n", r.file, r.line, r.column.empty() ? "" : " [" + r.column + "]", r.reason);
    if (rows.empty()) fmt::print("import {} rejected no rows (or does not exist: see `kashf stats`)\n", a.rejects_of);
    return Status::Ok();
  }
  KASHF_ASSIGN_OR_RETURN(StoreStats s, o.store->Stats());
  KASHF_ASSIGN_OR_RETURN(auto runs, o.store->Imports());
  if (g.json) {
    nlohmann::json by = nlohmann::json::array();
    for (const auto& c : s.by_schema_and_dataset)
      by.push_back({{"schema", c.schema}, {"dataset", c.dataset}, {"entities", c.entities}});
    nlohmann::json imp = nlohmann::json::array();
    for (const auto& r : runs)
      imp.push_back({{"id", r.id},
                     {"dataset", r.dataset},
                     {"file", r.file},
                     {"status", r.status},
                     {"rows_read", r.rows_read},
                     {"rows_loaded", r.rows_loaded},
                     {"rows_rejected", r.rows_rejected},
                     {"statements_new", r.statements_new}});
    fmt::print("{}\n", nlohmann::json{{"entities", s.entities},
                                      {"statements", s.statements},
                                      {"by_schema_and_dataset", by},
                                      {"unindexed_records", s.unindexed_records},
                                      {"imports", imp},
                                      {"warnings", ImportWarnings(g, s.unindexed_records, runs)}}
                           .dump(2));
    return Status::Ok();
  }
  fmt::print("{} entities, {} statements\n\n", Thousands(s.entities), Thousands(s.statements));
  std::map<std::string, int64_t> by_schema;
  for (const auto& c : s.by_schema_and_dataset) by_schema[c.schema] += c.entities;
  fmt::print("{:<14} {:>10}   by source\n", "type", "entities");
  for (const auto& [schema, n] : by_schema) {
    std::vector<std::string> parts;
    for (const auto& c : s.by_schema_and_dataset)
      if (c.schema == schema) parts.push_back(fmt::format("{} {}", c.dataset, Thousands(c.entities)));
    fmt::print("{:<14} {:>10}   {}\n", schema, Thousands(n), Join(parts, ", "));
  }
  if (!runs.empty()) {
    fmt::print("\n{:>4} {:<26} {:<12} {:>10} {:>10} {:>9}  file\n", "id", "dataset", "status", "read", "loaded",
               "rejected");
    for (const auto& r : runs) {
      // A run that never finished (running, or killed) has its counts recorded only at the end.
      auto count = [&r](int64_t n) { return r.finished == 0 && n == 0 ? std::string("?") : Thousands(n); };
      fmt::print("{:>4} {:<26} {:<12} {:>10} {:>10} {:>9}  {}\n", r.id, r.dataset, r.status, count(r.rows_read),
                 count(r.rows_loaded), count(r.rows_rejected), r.file);
    }
    PrintRejectReasons(*o.store, runs);
    fmt::print("rejected rows of an import: kashf stats --rejects ID\n");
  }
  for (const auto& w : ImportWarnings(g, s.unindexed_records, runs)) fmt::print("\nwarning: {}\n", w);
  return Status::Ok();
}

CommandRegistration reg(32, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<StatsArgs>();
  auto* cmd = app.add_subcommand("stats", "Counts by entity type and source; imports with rejected rows");
  cmd->add_option("--rejects", args->rejects_of, "List the rejected rows of this import id");
  cmd->add_option("--limit", args->limit, "Most rejected rows to list")->capture_default_str();
  // `kashf stats victims ...`: disaggregated survivors' statistics (see victim_stats.cc).
  auto* victims = cmd->add_subcommand(
      "victims", "Survivors' cases by sex x age band, exploitation, citizenship, route (k-suppressed)");
  RunFn run_victims = SetupVictimStats(*victims, g, "stats victims");
  return [&g, args, victims, run_victims] { return victims->parsed() ? run_victims() : RunStats(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
