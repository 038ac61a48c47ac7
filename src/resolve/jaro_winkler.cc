#include "kashf/resolve/jaro_winkler.h"

#include <algorithm>
#include <vector>

namespace kashf::resolve {

double JaroSimilarity(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > b.size()) std::swap(a, b);
  const size_t window = std::max<size_t>(b.size() / 2, 1) - 1;
  constexpr size_t kStack = 64;
  bool a_stack[kStack] = {}, b_stack[kStack] = {};
  std::vector<bool> a_heap, b_heap;
  bool* a_used = a_stack;
  bool* b_used = b_stack;
  if (b.size() > kStack) {  // rare: long strings
    a_heap.assign(a.size(), false);
    b_heap.assign(b.size(), false);
  }
  auto a_get = [&](size_t i) { return b.size() > kStack ? static_cast<bool>(a_heap[i]) : a_used[i]; };
  auto b_get = [&](size_t i) { return b.size() > kStack ? static_cast<bool>(b_heap[i]) : b_used[i]; };
  auto a_set = [&](size_t i) {
    if (b.size() > kStack) a_heap[i] = true;
    else a_used[i] = true;
  };
  auto b_set = [&](size_t i) {
    if (b.size() > kStack) b_heap[i] = true;
    else b_used[i] = true;
  };
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (b_get(j) || a[i] != b[j]) continue;
      a_set(i);
      b_set(j);
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_get(i)) continue;
    while (!b_get(j)) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
          (m - static_cast<double>(transpositions) / 2.0) / m) /
         3.0;
}

double JaroWinklerSimilarity(std::string_view a, std::string_view b) {
  const double jaro = JaroSimilarity(a, b);
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

}  // namespace kashf::resolve
