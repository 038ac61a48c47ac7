// kashf show: one entity with every statement and its provenance.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "kashf/core/text.h"
#include "kashf/ingest/text_links.h"

namespace kashf::cli {
namespace {

// {"source":"B","information":"2","handling":"H1"}; null when ungraded.
nlohmann::json GradingJson(const Grading& g) {
  if (g.empty()) return nullptr;
  return {{"source", g.source}, {"information", g.information}, {"handling", g.handling}};
}

// Text output: each text value that has mentions, with its selectors in brackets, then the links;
// for a selector's entity, the texts that name it.
void PrintMentions(const EntityRecord& e, const std::vector<TextMention>& mentions) {
  for (const Statement& st : e.statements) {
    const std::vector<const TextMention*> in = MentionsIn(st, mentions);
    if (in.empty()) continue;
    fmt::print("  text ({}, {}), selectors in brackets:\n    {}\n", st.prop, st.record_id, BracketSpans(st.value, in));
    for (const TextMention* m : in)
      fmt::print("    {:<8} {:<26} bytes {}-{}  -> {}\n", m->kind, m->value, m->begin, m->end, m->selector);
  }
  bool named = false;
  for (const TextMention& m : mentions) {
    if (m.selector != e.id) continue;
    if (!named) fmt::print("  named in texts:\n");
    named = true;
    fmt::print("    {} ({}, bytes {}-{}, {})\n", m.document, m.field, m.begin, m.end, m.record_id);
  }
}

Status RunShow(const GlobalOptions& g, const std::string& id) {
  KASHF_ASSIGN_OR_RETURN(Opened o, OpenStore(g));
  KASHF_ASSIGN_OR_RETURN(EntityRecord e, o.store->GetEntity(id));
  KASHF_ASSIGN_OR_RETURN(std::string cluster, o.store->ClusterOf(id));
  std::vector<std::string> members;
  if (cluster != id) {
    KASHF_ASSIGN_OR_RETURN(members, o.store->ClusterMembers(cluster));
  }
  KASHF_ASSIGN_OR_RETURN(const std::vector<TextMention> mentions, MentionsOf(*o.store, id, e.dataset));
  if (g.json) {
    nlohmann::json st = nlohmann::json::array();
    for (const auto& s : e.statements)
      st.push_back({{"prop", s.prop},
                    {"value", s.value},
                    {"dataset", s.dataset},
                    {"record", s.record_id},
                    {"first_seen", FormatIsoUtc(s.first_seen)},
                    {"grading", GradingJson(s.grading)}});
    nlohmann::json j = {{"id", e.id},           {"schema", e.schema}, {"caption", e.caption},
                        {"dataset", e.dataset}, {"cluster", cluster}, {"cluster_members", members},
                        {"statements", st}};
    AddTextMentionsJson(j, e.statements, {id}, mentions);
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  fmt::print("{} ({})  {}\n  dataset: {}\n", e.caption.empty() ? "(no caption)" : e.caption, e.schema, e.id, e.dataset);
  if (!members.empty())
    fmt::print("  resolved as {} with {} records: {}\n", cluster, members.size(), Join(members, ", "));
  fmt::print("  {:<16} {:<34} {:<7} {}\n", "property", "value", "grading", "source (dataset / record / first seen)");
  for (const auto& s : e.statements)
    fmt::print("  {:<16} {:<34} {:<7} {} / {} / {}\n", s.prop, s.value, s.grading.empty() ? "-" : s.grading.Compact(),
               s.dataset, s.record_id, FormatIsoUtc(s.first_seen));
  PrintMentions(e, mentions);
  fmt::print(
      "  (grading: source evaluation, information evaluation, handling code; Europol 4x4 + H0-H3, "
      "docs/sharing.md; \"-\" = ungraded, never shared)\n");
  return Status::Ok();
}

CommandRegistration reg(31, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("show", "Show an entity: every value with its source record and import time");
  cmd->footer("Example: kashf show punjab-police-fir.Person.1a2b3c4d5e6f7081   (ids come from `kashf search`)");
  cmd->add_option("id", *id, "Entity id")->required();
  return [&g, id] { return RunShow(g, *id); };
});

}  // namespace
}  // namespace kashf::cli
