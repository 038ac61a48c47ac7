// kashf search: search by name (Latin and Urdu script, prefix match) or identifier (exact, any formatting).
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"

namespace kashf::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  std::string schema;
  size_t limit = 20;
  bool ids_only = false;
};

Status RunSearch(const GlobalOptions& g, const SearchArgs& a) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  if (!a.schema.empty() && !o.model.Find(a.schema)) return o.model.UnknownSchema(a.schema);
  KASHF_ASSIGN_OR_RETURN(auto hits, o.store->Search(Join(a.words, " "), a.limit, a.schema));
  if (auto unindexed = o.store->UnindexedRecords(); unindexed.ok() && *unindexed > 0) {
    KASHF_ASSIGN_OR_RETURN(auto runs, o.store->Imports());
    for (const auto& w : ImportWarnings(g, *unindexed, runs)) std::fprintf(stderr, "kashf: warning: %s\n", w.c_str());
  }
  if (a.ids_only) {
    for (const auto& h : hits) fmt::print("{}\n", h.entity_id);
    return Status::Ok();
  }
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& h : hits)
      j.push_back({{"id", h.entity_id},
                   {"schema", h.schema},
                   {"caption", h.caption},
                   {"dataset", h.dataset},
                   {"score", h.score},
                   {"matched", h.matched}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  if (hits.empty()) {
    fmt::print("no match for '{}'\n", Join(a.words, " "));
    return Status::Ok();
  }
  fmt::print("{:<12} {:<32} {:<14} {:<22} {}\n", "SCHEMA", "CAPTION", "MATCHED", "DATASET", "ID");
  for (const auto& h : hits)
    fmt::print("{:<12} {:<32} {:<14} {:<22} {}\n", h.schema, h.caption, h.matched, h.dataset, h.entity_id);
  fmt::print("{} result(s); details: kashf show ID\n", hits.size());
  return Status::Ok();
}

CommandRegistration reg(30, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto args = std::make_shared<SearchArgs>();
  auto* cmd =
      app.add_subcommand("search", "Search names (every word is a prefix; Urdu script works too) or identifiers");
  cmd->footer(
      "Examples: kashf search muhammad asif --schema Person\n"
      "          kashf search Abdul-Rahman          (punctuation splits words, as in the index)\n"
      "          kashf search father:muhammad khan  (only this field: name:, surname:, alias:, father:, spouse:)\n"
      "          kashf search 12987-4558663-7       (CNIC, phone, passport, serial, account: exact, any formatting)\n"
      "The MATCHED column says which property matched (name, alias, fatherName, cnic ...); a person's own names\n"
      "come before matches on a relative's name.");
  cmd->add_option("words", args->words, "Words of a name, or an identifier")->required();
  cmd->add_option("--schema", args->schema, "Only this kind of entity (Person, Organization, ...)");
  cmd->add_flag("--ids", args->ids_only, "Print only the entity ids, one per line (for scripts: `kashf show $(...)`)");
  cmd->add_option("--limit", args->limit, "Most results to show")->capture_default_str()->check(CLI::Range(1, 10000));
  return [&g, args] { return RunSearch(g, *args); };
});

}  // namespace
}  // namespace kashf::cli
