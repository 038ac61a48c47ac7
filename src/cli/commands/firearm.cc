// kashf firearm ...: the firearms register (Firearms Protocol Art. 7, 8, 12; see docs/firearms.md).
// The group, and the subcommands simulate, add, event, rules; others in commands/firearm_*.cc.
#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "firearm_command.h"
#include "kashf/core/text.h"
#include "kashf/firearms/registry_generator.h"

namespace kashf::cli {

std::vector<RegisteredCommand>& FirearmSubcommands() {
  static std::vector<RegisteredCommand> subs;
  return subs;
}

FirearmSubcommandRegistration::FirearmSubcommandRegistration(int order, SetupFn setup) {
  FirearmSubcommands().push_back({order, std::move(setup)});
}

Result<std::unique_ptr<firearms::FirearmRegistry>> OpenFirearmRegistry(const GlobalOptions& g, bool create,
                                                                       const std::string& jurisdiction) {
  if (!create)
    KASHF_RETURN_IF_ERROR(
        RequireExistingStore(g.db, fmt::format("create a register with `kashf --db {} firearm add ...` or "
                                               "`kashf --db {} firearm simulate --count 1000`",
                                               g.db, g.db)));
  KASHF_ASSIGN_OR_RETURN(auto reference, firearms::FirearmReference::LoadDefault(jurisdiction));
  KASHF_ASSIGN_OR_RETURN(auto rules, firearms::LifecycleRules::LoadDefault());
  return firearms::OpenSqliteFirearmRegistry(g.db, std::move(reference), std::move(rules));
}

Result<int64_t> ParseFirearmId(const std::string& text) {
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0)
    return Status::InvalidArgument(
        fmt::format("'{}' is not a firearm id; ids are numbers (see `kashf firearm search`)", text));
  return id;
}

namespace {

CommandRegistration firearm_group(60, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd = app.add_subcommand("firearm",
                                 "Firearms register: markings, lifecycle, partial-serial search, tracing, statistics");
  cmd->require_subcommand(1);
  cmd->footer(
      "Start with a synthetic register, search a partly obliterated serial and trace the weapon:\n"
      "  kashf --db kashf.db firearm simulate --count 10000 --seed 1\n"
      "  kashf --db kashf.db firearm search 'AB?45*' --make Glock\n"
      "  kashf --db kashf.db firearm trace show 42\n"
      "  kashf --db kashf.db firearm stats --csv seizures.csv --xlsx seizures.xlsx\n"
      "Types, bore classes, lifecycle rules and retention periods are data under data/reference/firearm-*.");
  return AttachSubcommands(*cmd, g, FirearmSubcommands(), "firearm");
});

FirearmSubcommandRegistration simulate(10, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto o = std::make_shared<firearms::GeneratorOptions>();
  auto* cmd =
      parent.add_subcommand("simulate", "Fill the register with synthetic firearms, histories and trace requests");
  cmd->add_option("--count", o->count, "Number of firearms")->capture_default_str()->check(CLI::Range(1, 50000000));
  cmd->add_option("--seed", o->seed, "Random seed (same seed, same register)")->capture_default_str();
  cmd->footer(
      "Example: kashf --db demo.db firearm simulate --count 5000 --seed 7\n"
      "Every generated event passes the lifecycle rules (data/reference/firearm-lifecycle.yaml).");
  return [&g, o]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, true));
    KASHF_ASSIGN_OR_RETURN(auto sum, firearms::SimulateIntoRegistry(*reg, *o));
    if (g.json) {
      fmt::print("{}\n", nlohmann::json{{"firearms", sum.firearms},
                                        {"events", sum.events},
                                        {"trace_requests", sum.trace_requests},
                                        {"trace_answers", sum.trace_answers}}
                             .dump(2));
    } else {
      fmt::print("{} firearms, {} lifecycle events, {} trace requests ({} answered) written to {}\n",
                 Thousands(sum.firearms), Thousands(sum.events), Thousands(sum.trace_requests),
                 Thousands(sum.trace_answers), g.db);
      fmt::print("next: kashf --db {} firearm stats; kashf --db {} firearm trace list\n", g.db, g.db);
    }
    return Status::Ok();
  };
});

FirearmSubcommandRegistration add(20, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto f = std::make_shared<firearms::Firearm>();
  auto* cmd = parent.add_subcommand("add", "Register a firearm with its markings (Firearms Protocol Art. 8)");
  cmd->add_option("--serial", f->serial, "Serial number as marked; '?' for each unreadable character")->required();
  cmd->add_option("--type", f->type, "pistol, revolver, rifle, shotgun, smg, machine_gun, craft_made, other")
      ->required();
  cmd->add_option("--make", f->make, "Manufacturer");
  cmd->add_option("--model", f->model, "Model");
  cmd->add_option("--calibre", f->calibre, "Calibre, e.g. 9mm, 7.62x39mm, '12 gauge'");
  cmd->add_option("--country", f->country_of_manufacture, "Country of manufacture (ISO alpha-2, e.g. at)");
  cmd->add_option("--place", f->place_of_manufacture, "Place of manufacture");
  cmd->add_option("--import-country", f->import_country, "Import mark: country (Art. 8.1(b))");
  cmd->add_option("--import-year", f->import_year, "Import mark: year");
  cmd->add_option("--state-stock-mark", f->state_stock_mark,
                  "Mark applied on transfer from State stocks (Art. 8.1(c))");
  cmd->footer(
      "Example: kashf --db k.db firearm add --serial AB12345 --type pistol --make Glock --calibre 9mm --country at\n"
      "Then record its history with `kashf firearm event ID KIND ...`.");
  return [&g, f]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, true));
    KASHF_ASSIGN_OR_RETURN(int64_t id, reg->AddFirearm(*f));
    if (g.json) fmt::print("{}\n", nlohmann::json{{"id", id}}.dump());
    else
      fmt::print("firearm {} registered (serial {}); record its first event with `kashf firearm event {} KIND`\n", id,
                 f->serial, id);
    return Status::Ok();
  };
});

FirearmSubcommandRegistration event(30, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto e = std::make_shared<firearms::LifecycleEvent>();
  auto id_text = std::make_shared<std::string>();
  auto* cmd = parent.add_subcommand("event", "Record a lifecycle event (checked against the lifecycle rules)");
  cmd->add_option("id", *id_text, "Firearm id")->required();
  cmd->add_option("kind", e->kind,
                  "manufacture, import, export, transit, licence_issue, licence_transfer, lost, stolen, "
                  "seized, surrendered, returned, deactivated, destroyed, state_acquisition, state_stock_release")
      ->required();
  cmd->add_option("--date", e->date, "Date YYYY-MM-DD")->required();
  cmd->add_option("--place", e->place, "Place");
  cmd->add_option("--district", e->district, "District");
  cmd->add_option("--agency", e->agency, "Agency that recorded or authorised it");
  cmd->add_option("--document", e->document, "Licence, certificate, FIR or order number");
  cmd->add_option("--holder", e->holder, "Licensee or recipient after the event");
  cmd->add_option("--licence", e->licence_number, "Licence number (licence, import, export)");
  cmd->add_option("--licence-expiry", e->licence_expiry, "Licence expiry date");
  cmd->add_option("--export-country", e->export_country, "Exporting country");
  cmd->add_option("--import-country", e->import_country, "Importing country");
  cmd->add_option("--transit-country", e->transit_country, "Transit country");
  cmd->add_option("--final-recipient", e->final_recipient, "Final recipient (Art. 10.3)");
  cmd->add_option("--context", e->seizure_context, "Seizure context, e.g. 'border crossing'");
  cmd->add_option("--campaign", e->campaign, "Collection campaign id (surrenders)");
  cmd->add_option("--note", e->note, "Free note");
  cmd->footer(
      "Examples:\n  kashf --db k.db firearm event 7 seized --date 2025-03-02 --agency FIA --context 'border crossing'\n"
      "  kashf --db k.db firearm event 7 destroyed --date 2025-09-01 --agency Arsenal --document D-17\n"
      "See which events each state allows with `kashf firearm rules`.");
  return [&g, e, id_text]() -> Status {
    KASHF_ASSIGN_OR_RETURN(e->firearm_id, ParseFirearmId(*id_text));
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
    KASHF_ASSIGN_OR_RETURN(int64_t eid, reg->RecordEvent(*e));
    KASHF_ASSIGN_OR_RETURN(auto f, reg->GetFirearm(e->firearm_id));
    if (g.json) fmt::print("{}\n", nlohmann::json{{"event_id", eid}, {"state", f.state}}.dump());
    else fmt::print("recorded {} of firearm {} on {}; state is now '{}'\n", e->kind, e->firearm_id, e->date, f.state);
    return Status::Ok();
  };
});

FirearmSubcommandRegistration rules(90, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  parent.add_subcommand("rules", "Show the lifecycle rules: which events each state allows, and required fields");
  return [&g]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto r, firearms::LifecycleRules::LoadDefault());
    nlohmann::json j = nlohmann::json::object();
    for (const auto& kind : r.EventKinds()) {
      const auto& rule = r.Rule(kind);
      std::vector<std::string> from(rule.from.begin(), rule.from.end());
      if (g.json) j[kind] = {{"from", from}, {"to", rule.to}, {"requires", rule.requires_fields}};
      else
        fmt::print("{:<20} {} -> {}   requires: {}\n", kind, Join(from, "|"), rule.to,
                   Join(rule.requires_fields, ", "));
    }
    if (g.json) fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
