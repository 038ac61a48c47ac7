// kashf gaps ...: the legislative gap analysis (docs/legislative-gaps.md): the group, its shared
// options, and the read-only subcommands catalogues, jurisdictions and evidence; the writes are in
// gaps_assess.cc, report and diff in gaps_report.cc.
#include <sys/stat.h>

#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "gaps_command.h"
#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/legal/gap_report.h"
#include "kashf/victims/case_registry.h"
#include "kashf/victims/civil_date.h"

namespace kashf::cli {

std::vector<RegisteredCommand>& GapsSubcommands() {
  static std::vector<RegisteredCommand> subs;
  return subs;
}

GapsSubcommandRegistration::GapsSubcommandRegistration(int order, SetupFn setup) {
  GapsSubcommands().push_back({order, std::move(setup)});
}

void AddGapOptions(CLI::App* cmd, GapOptions& o, const std::string& default_role) {
  o.role = default_role;
  cmd->add_option("--data", o.data, "Legal reference folder (catalogues/, countries/, evidence-map.tsv)");
  cmd->add_option("--user", o.user, "Acting user (default $USER)");
  cmd->add_option("--agency", o.agency, "Acting user's agency (default $KASHF_AGENCY)");
  cmd->add_option("--role", o.role, "Acting role: assessor, reviewer or cso")->capture_default_str();
}

Result<legal::LegalFramework> LoadFramework(const GapOptions& o) {
  return legal::LoadLegalFramework(o.data.empty() ? DataPath("data/reference/legal") : o.data);
}

Result<legal::GapActor> GapActorFrom(const GapOptions& o) {
  legal::GapActor a;
  a.user = o.user;
  if (a.user.empty() && std::getenv("USER")) a.user = std::getenv("USER");
  if (a.user.empty()) return Status::InvalidArgument("name the acting user with --user");
  a.agency = o.agency;
  if (a.agency.empty() && std::getenv("KASHF_AGENCY")) a.agency = std::getenv("KASHF_AGENCY");
  KASHF_ASSIGN_OR_RETURN(a.role, auth::ParseRole(o.role));
  return a;
}

Result<std::unique_ptr<legal::GapStore>> OpenGapStore(const GlobalOptions& g, const legal::LegalFramework& framework) {
  return legal::OpenSqliteGapStore(g.db, framework);
}

Result<std::vector<legal::MeasureValue>> StoreMeasures(const GlobalOptions& g, const std::string& today) {
  struct stat st {};
  legal::EvidenceSources sources;
  sources.today = today;
  std::unique_ptr<firearms::FirearmRegistry> guns;
  std::unique_ptr<victims::CaseRegistry> cases;
  victims::Actor statistics{"gaps-evidence", "legal", true};
  if (stat(g.db.c_str(), &st) == 0) {
    KASHF_ASSIGN_OR_RETURN(auto reference, firearms::FirearmReference::LoadDefault("PK"));
    KASHF_ASSIGN_OR_RETURN(auto rules, firearms::LifecycleRules::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(guns, firearms::OpenSqliteFirearmRegistry(g.db, std::move(reference), std::move(rules)));
    KASHF_ASSIGN_OR_RETURN(auto process, victims::NrmProcess::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto offences, victims::OffenceTable::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(cases, victims::OpenSqliteCaseRegistry(g.db, std::move(process), std::move(offences), {}));
    sources.firearms = guns.get();
    sources.cases = cases.get();
    sources.case_actor = &statistics;
  }
  return legal::ComputeMeasures(sources);
}

namespace {

CommandRegistration gaps_group(75, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd =
      app.add_subcommand("gaps", "Legislative gap analysis: national and provincial law against the UN Protocols");
  cmd->require_subcommand(1);
  cmd->footer(
      "Load the illustrative assessment of Pakistan and print the top gaps with their operational evidence:\n"
      "  kashf --db kashf.db gaps import data/reference/legal/illustrative/pk-illustrative-2025.csv --user "
      "demo-assessor\n"
      "  kashf --db kashf.db gaps report --html gaps.html --top 5\n"
      "Catalogues, jurisdictions and the requirement -> measure map are data under data/reference/legal/.");
  return AttachSubcommands(*cmd, g, GapsSubcommands(), "gaps");
});

GapsSubcommandRegistration catalogues(10, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto o = std::make_shared<GapOptions>();
  auto id = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("catalogues", "Requirement catalogues (one per instrument) and their requirements");
  cmd->add_option("--catalogue", *id, "Print the requirements of this catalogue");
  cmd->add_option("--data", o->data, "Legal reference folder");
  return [&g, o, id]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(*o));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : f.catalogues) {
      if (!id->empty() && c.id != *id) continue;
      nlohmann::json reqs = nlohmann::json::array();
      for (const auto& r : c.requirements)
        reqs.push_back({{"id", r.id},
                        {"article", r.article},
                        {"chapter", r.chapter},
                        {"force", legal::ForceName(r.force)},
                        {"obligation", r.obligation}});
      out.push_back({{"id", c.id}, {"title", c.title}, {"version", c.version}, {"requirements", reqs}});
      if (g.json) continue;
      fmt::print("{:<34} v{:<8} {:>3} requirements  {}\n", c.id, c.version, c.requirements.size(), c.short_name);
      if (!id->empty())
        for (const auto& r : c.requirements)
          fmt::print("  {:<8} Art. {:<12} {:<9} {}\n", r.id, r.article, legal::ForceName(r.force), r.obligation);
    }
    if (!id->empty() && out.empty()) return Status::NotFound(fmt::format("no catalogue '{}'", *id));
    if (g.json) fmt::print("{}\n", out.dump(2));
    return Status::Ok();
  };
});

GapsSubcommandRegistration jurisdictions(20, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto o = std::make_shared<GapOptions>();
  auto* cmd = parent.add_subcommand("jurisdictions", "Jurisdictions and their instruments (dates in force, repeal)");
  cmd->add_option("--data", o->data, "Legal reference folder");
  return [&g, o]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(*o));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : f.countries) {
      if (!g.json && c.illustrative) fmt::print("{} — ILLUSTRATIVE: {}\n", c.name, c.illustrative_note);
      for (const auto& j : c.jurisdictions) {
        nlohmann::json instruments = nlohmann::json::array();
        if (!g.json) fmt::print("{:<8} {:<24} {}\n", j.id, j.name, j.level);
        for (const auto& d : j.defers)
          if (!g.json) fmt::print("         defers to {} for {}: {}\n", d.to, d.catalogue, d.note);
        for (const auto& i : c.instruments) {
          if (i.jurisdiction != j.id) continue;
          instruments.push_back({{"id", i.id},
                                 {"title", i.title},
                                 {"kind", i.kind},
                                 {"in_force", i.in_force},
                                 {"repealed", i.repealed},
                                 {"sections", i.sections.size()}});
          if (!g.json)
            fmt::print("         {:<28} {:<9} in force {}{} ({} sections)\n", i.id, i.kind, i.in_force,
                       i.repealed.empty() ? "" : ", repealed " + i.repealed, i.sections.size());
        }
        out.push_back({{"id", j.id}, {"name", j.name}, {"level", j.level}, {"instruments", instruments}});
      }
    }
    if (g.json) fmt::print("{}\n", out.dump(2));
    return Status::Ok();
  };
});

GapsSubcommandRegistration evidence(90, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto o = std::make_shared<GapOptions>();
  auto today = std::make_shared<std::string>();
  auto* cmd =
      parent.add_subcommand("evidence", "Operational measures from the register, traces and cases, by requirement");
  cmd->add_option("--data", o->data, "Legal reference folder");
  cmd->add_option("--today", *today, "Reference date YYYY-MM-DD for the 30-day measure (default today)");
  return [&g, o, today]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(*o));
    KASHF_ASSIGN_OR_RETURN(auto ms, StoreMeasures(g, today->empty() ? victims::TodayUtc() : *today));
    if (g.json) {
      nlohmann::json measures = nlohmann::json::array(), links = nlohmann::json::array();
      for (const auto& m : ms) measures.push_back(legal::MeasureValueJson(m));
      for (const auto& l : f.evidence)
        links.push_back({{"requirement", l.requirement}, {"measure", l.measure}, {"reading", l.reading}});
      fmt::print("{}\n", nlohmann::json{{"measures", measures}, {"links", links}}.dump(2));
      return Status::Ok();
    }
    for (const auto& m : ms) {
      std::string value =
          m.share ? fmt::format("{:5.1f}% ({} of {})", 100 * *m.share, m.count, m.base) : "n/a (" + m.note + ")";
      std::vector<std::string> reqs;
      for (const auto& l : f.evidence)
        if (l.measure == m.id) reqs.push_back(l.requirement);
      fmt::print("{:<54} {:<22} bears on {}\n", m.title, value, Join(reqs, ", "));
    }
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
