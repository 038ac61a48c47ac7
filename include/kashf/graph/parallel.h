// ParallelFor: static block partition of [0, n) over std::threads (internal to the graph layer).
#pragma once
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace kashf::graph {

inline unsigned ThreadCount(unsigned requested) {
  if (requested) return requested;
  unsigned h = std::thread::hardware_concurrency();
  return h ? h : 1;
}

// Calls fn(i) for every i in [0, n); blocks of `chunk` indices are handed out round-robin.
template <typename Fn>
void ParallelFor(size_t n, unsigned threads, Fn&& fn, size_t chunk = 4096) {
  unsigned t = ThreadCount(threads);
  if (t <= 1 || n < 2 * chunk) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < t; ++w)
    pool.emplace_back([&, w] {
      for (size_t b = static_cast<size_t>(w) * chunk; b < n; b += static_cast<size_t>(t) * chunk)
        for (size_t i = b, e = std::min(n, b + chunk); i < e; ++i) fn(i);
    });
  for (auto& th : pool) th.join();
}

}  // namespace kashf::graph
