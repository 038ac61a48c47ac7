#include "kashf/resolve/sorted_neighbourhood.h"

#include <algorithm>

#include "kashf/resolve/blocking.h"

namespace kashf::resolve {

std::vector<uint64_t> SortedNeighbourhoodPairs(std::span<const std::string> keys,
                                               const SortedNeighbourhoodOptions& options) {
  std::vector<uint32_t> order;
  order.reserve(keys.size());
  for (uint32_t i = 0; i < keys.size(); ++i)
    if (!keys[i].empty()) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const int c = keys[a].compare(keys[b]);
    return c != 0 ? c < 0 : a < b;
  });
  std::vector<uint64_t> pairs;
  pairs.reserve(order.size() * std::min<size_t>(options.window, order.size()));
  for (size_t p = 0; p < order.size(); ++p) {
    const size_t end = std::min(order.size(), p + 1 + options.window);
    for (size_t q = p + 1; q < end; ++q) {
      if (order[p] < options.first_new && order[q] < options.first_new) continue;  // both old
      pairs.push_back(MakePair(order[p], order[q]));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;  // each pair of positions occurs once, so the pairs are already unique
}

}  // namespace kashf::resolve
