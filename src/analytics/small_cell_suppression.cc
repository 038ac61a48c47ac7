#include "kashf/analytics/small_cell_suppression.h"

#include <set>
#include <unordered_map>

namespace kashf::analytics {
namespace {

void Finish(CountTable& t) {
  for (auto& c : t.cells) c.released = c.suppressed ? std::nullopt : std::optional<int64_t>(c.count);
}

}  // namespace

SuppressionReport SuppressPrimaryOnly(CountTable& t, int64_t k) {
  SuppressionReport r;
  for (auto& c : t.cells) {
    c.suppressed = c.count < k;
    r.primary += c.suppressed;
  }
  t.released_total = t.total;
  Finish(t);
  return r;
}

SuppressionReport SuppressSmallCells(CountTable& t, int64_t k,
                                     const std::vector<std::vector<std::string>>& keep_withheld) {
  SuppressionReport r = SuppressPrimaryOnly(t, k);
  if (!keep_withheld.empty()) {
    std::set<std::vector<std::string>> keep(keep_withheld.begin(), keep_withheld.end());
    for (auto& c : t.cells) {
      if (c.suppressed || !keep.contains(c.values)) continue;
      c.suppressed = true;
      ++r.primary;
    }
  }
  const size_t nvars = t.variables.size();
  const uint32_t subsets = 1u << nvars;  // bit i set: variable i is summed out
  bool total_withheld = false;
  bool changed = r.primary > 0;
  std::unordered_map<std::string, std::vector<size_t>> groups;
  while (changed) {
    changed = false;
    for (uint32_t mask = 1; mask < subsets; ++mask) {
      groups.clear();
      for (size_t i = 0; i < t.cells.size(); ++i) {
        std::string key;
        for (size_t v = 0; v < nvars; ++v) {
          if (mask & (1u << v)) continue;
          key += t.cells[i].values[v];
          key += '\x1f';
        }
        groups[key].push_back(i);
      }
      for (auto& [key, members] : groups) {
        size_t withheld = 0;
        std::optional<size_t> smallest;
        for (size_t i : members) {
          if (t.cells[i].suppressed) {
            ++withheld;
          } else if (!smallest || t.cells[i].count < t.cells[*smallest].count ||
                     (t.cells[i].count == t.cells[*smallest].count && t.cells[i].values < t.cells[*smallest].values)) {
            smallest = i;
          }
        }
        if (withheld != 1) continue;
        if (smallest) {
          t.cells[*smallest].suppressed = true;
          ++r.complementary;
          changed = true;
        } else if (mask == subsets - 1) {
          total_withheld = true;  // the whole table is one small cell
        }
      }
    }
  }
  Finish(t);
  t.released_total = total_withheld || t.total < k ? std::nullopt : std::optional<int64_t>(t.total);
  return r;
}

}  // namespace kashf::analytics
