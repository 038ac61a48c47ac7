// kashf firearm search PATTERN: partial-serial search over the register ('?' one unreadable
// character, '*' any run; confusable characters O/0, I/1, S/5, B/8 ranked as near misses).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unordered_map>

#include "firearm_command.h"
#include "kashf/firearms/serial_search.h"

namespace kashf::cli {
namespace {

struct SearchArgs {
  firearms::SerialQuery query;
  bool soft = false;
};

FirearmSubcommandRegistration search(50, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<SearchArgs>();
  auto* cmd = parent.add_subcommand("search", "Find candidates for a partly obliterated serial number");
  cmd->add_option("pattern", a->query.pattern, "Serial as read: '?' = one unreadable character, '*' = any run")
      ->required();
  cmd->add_option("--make", a->query.make, "Only this manufacturer");
  cmd->add_option("--calibre", a->query.calibre, "Only this calibre");
  cmd->add_flag("--soft", a->soft, "Make/calibre raise the rank of agreeing candidates instead of excluding others");
  cmd->add_option("--limit", a->query.limit, "Most candidates to show")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->footer(
      "Examples:\n  kashf --db k.db firearm search 'AB?23?5'\n  kashf --db k.db firearm search '*4471' --make Glock "
      "--calibre 9mm\n"
      "Quote the pattern so the shell does not expand '*' and '?'.");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto reg, OpenFirearmRegistry(g, false));
    a->query.restrict_to_make_calibre = !a->soft;
    firearms::SerialIndex index(reg->reference().ConfusableFold());
    std::unordered_map<int64_t, firearms::Firearm> by_id;
    KASHF_RETURN_IF_ERROR(reg->ForEachFirearm([&](const firearms::Firearm& f) {
      if (f.serial.find('?') == std::string::npos)
        index.Add({f.id, f.serial, f.make, f.calibre});  // only readable serials
      by_id.emplace(f.id, f);
      return true;
    }));
    index.Build();
    firearms::SerialSearchStats stats;
    KASHF_ASSIGN_OR_RETURN(auto hits, index.Search(a->query, &stats));
    if (g.json) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& h : hits) {
        const auto& f = by_id.at(h.id);
        j.push_back({{"id", h.id},
                     {"serial", f.serial},
                     {"score", h.score},
                     {"exact_chars", h.exact_chars},
                     {"confusable_chars", h.confusable_chars},
                     {"make", f.make},
                     {"calibre", f.calibre},
                     {"type", f.type},
                     {"state", f.state},
                     {"make_agrees", h.make_agrees},
                     {"calibre_agrees", h.calibre_agrees}});
      }
      fmt::print("{}\n", j.dump(2));
      return Status::Ok();
    }
    if (hits.empty()) {
      fmt::print("no registered serial fits '{}'{}; try fewer characters or a '*'\n", a->query.pattern,
                 a->query.make.empty() && a->query.calibre.empty() ? "" : " with that make/calibre (or add --soft)");
      return Status::Ok();
    }
    fmt::print("{:>4} {:>8} {:<14} {:>5} {:>5} {:<12} {:<12} {:<10} {}\n", "rank", "id", "serial", "score", "near",
               "make", "calibre", "type", "state");
    int rank = 0;
    for (const auto& h : hits) {
      const auto& f = by_id.at(h.id);
      fmt::print("{:>4} {:>8} {:<14} {:>5} {:>5} {:<12} {:<12} {:<10} {}\n", ++rank, h.id, f.serial, h.score,
                 h.confusable_chars, f.make, f.calibre, f.type, f.state);
    }
    fmt::print("next: kashf firearm show ID (history and chain of custody)\n");
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
