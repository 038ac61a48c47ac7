// kashf firearm list: firearms filtered by state, make, obliterated serial, diversion on record,
// or traced origin — an officer's work queue (e.g. seized weapons with obliterated serials whose
// origin is not yet traced), and a way for scripts to pick ids (--ids).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "firearm_command.h"
#include "kashf/core/text.h"
#include "kashf/firearms/chain_of_custody.h"

namespace kashf::cli {
namespace {

struct ListArgs {
  std::vector<std::string> states;
  std::string make;
  bool obliterated = false, diverted = false, traced = false, ids_only = false;
  size_t limit = 20;
};

Status RunList(const GlobalOptions& g, const ListArgs& a) {
  KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
  for (const auto& s : a.states) {
    auto all = reg->rules().States();
    if (std::find(all.begin(), all.end(), s) == all.end())
      return Status::InvalidArgument(fmt::format("unknown state '{}'; states are {}", s, Join(all, ", ")));
  }
  std::set<int64_t> traced;
  if (a.traced) {
    KASHF_ASSIGN_OR_RETURN(auto ids, reg->FirearmsWithEstablishedOrigin());
    traced.insert(ids.begin(), ids.end());
  }
  std::set<std::string> states(a.states.begin(), a.states.end());
  std::vector<firearms::Firearm> picked;
  KASHF_RETURN_IF_ERROR(reg->ForEachFirearm([&](const firearms::Firearm& f) {
    if (!states.empty() && !states.count(f.state)) return true;
    if (!a.make.empty() && ToLowerAscii(f.make) != ToLowerAscii(a.make)) return true;
    if (a.obliterated && f.serial.find('?') == std::string::npos) return true;
    if (a.traced && !traced.count(f.id)) return true;
    picked.push_back(f);
    return a.diverted || picked.size() < a.limit;  // --diverted filters below, so keep reading
  }));
  if (a.diverted) {
    std::vector<firearms::Firearm> kept;
    for (auto& f : picked) {
      if (kept.size() >= a.limit) break;
      KASHF_ASSIGN_OR_RETURN(auto events, reg->Events(f.id));
      if (!firearms::ComputeChainOfCustody(events, reg->rules()).diversions.empty()) kept.push_back(std::move(f));
    }
    picked = std::move(kept);
  }
  if (a.ids_only) {
    for (const auto& f : picked) fmt::print("{}\n", f.id);
    return Status::Ok();
  }
  if (g.json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& f : picked)
      j.push_back({{"id", f.id},
                   {"serial", f.serial},
                   {"make", f.make},
                   {"type", f.type},
                   {"calibre", f.calibre},
                   {"state", f.state}});
    fmt::print("{}\n", j.dump(2));
    return Status::Ok();
  }
  if (picked.empty()) {
    fmt::print("no firearm fits these filters\n");
    return Status::Ok();
  }
  fmt::print("{:>8} {:<14} {:<12} {:<12} {:<12} {}\n", "id", "serial", "make", "type", "calibre", "state");
  for (const auto& f : picked)
    fmt::print("{:>8} {:<14} {:<12} {:<12} {:<12} {}\n", f.id, f.serial, f.make, f.type, f.calibre, f.state);
  fmt::print("next: kashf firearm trace show ID\n");
  return Status::Ok();
}

FirearmSubcommandRegistration list(45, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ListArgs>();
  auto* cmd =
      parent.add_subcommand("list", "List firearms by state, make, obliterated serial, diversion or traced origin");
  cmd->add_option("--state", a->states, "Only firearms in this lifecycle state (repeatable), e.g. seized, stolen");
  cmd->add_option("--make", a->make, "Only this manufacturer");
  cmd->add_flag("--obliterated", a->obliterated, "Only serials recorded with unreadable characters ('?')");
  cmd->add_flag("--diverted", a->diverted,
                "Only firearms whose own record shows a diversion point (e.g. licensed -> lost)");
  cmd->add_flag("--traced", a->traced, "Only firearms with a trace answer 'origin_established'");
  cmd->add_flag("--ids", a->ids_only, "Print only the ids, one per line (for scripts)");
  cmd->add_option("--limit", a->limit, "Most firearms to list")->capture_default_str()->check(CLI::Range(1, 100000000));
  cmd->footer(
      "Examples:\n  kashf --db k.db firearm list --state seized --obliterated\n"
      "  kashf --db k.db firearm list --state seized --diverted --limit 1 --ids");
  return [&g, a] { return RunList(g, *a); };
});

}  // namespace
}  // namespace kashf::cli
