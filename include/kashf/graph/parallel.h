// ParallelFor / ParallelBlocks / ParallelDynamic: partitions of [0, n) over std::threads, shared
// by the graph and network layers. Results never depend on the thread count when callers combine
// per-block partial results in block order.
#pragma once
#include <algorithm>
#include <atomic>
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
  for (unsigned w = 1; w < t; ++w)
    pool.emplace_back([&, w] {
      for (size_t b = static_cast<size_t>(w) * chunk; b < n; b += static_cast<size_t>(t) * chunk)
        for (size_t i = b, e = std::min(n, b + chunk); i < e; ++i) fn(i);
    });
  for (size_t b = 0; b < n; b += static_cast<size_t>(t) * chunk)
    for (size_t i = b, e = std::min(n, b + chunk); i < e; ++i) fn(i);
  for (auto& th : pool) th.join();
}

// Splits [0, n) into `blocks` contiguous ranges (block b = [n*b/blocks, n*(b+1)/blocks)) and calls
// fn(b, begin, end) for each on its own thread (the caller's thread runs block 0).
template <typename Fn>
void ParallelBlocks(size_t n, unsigned blocks, Fn&& fn) {
  if (blocks <= 1) {
    fn(0u, size_t{0}, n);
    return;
  }
  auto lo = [&](unsigned b) { return n * b / blocks; };
  std::vector<std::thread> pool;
  for (unsigned b = 1; b < blocks; ++b) pool.emplace_back([&, b] { fn(b, lo(b), lo(b + 1)); });
  fn(0u, lo(0), lo(1));
  for (auto& th : pool) th.join();
}

// Number of blocks worth using for `n` items of cheap work.
inline unsigned BlocksFor(size_t n, unsigned threads, size_t min_per_block = 1 << 16) {
  unsigned t = ThreadCount(threads);
  size_t useful = std::max<size_t>(1, n / min_per_block);
  return static_cast<unsigned>(std::min<size_t>(t, useful));
}

// Calls fn(worker, i) for every i in [0, n), handing out chunks of `chunk` indices on demand
// (for skewed work such as per-node searches). `worker` is in [0, ThreadCount(threads)).
template <typename Fn>
void ParallelDynamic(size_t n, unsigned threads, Fn&& fn, size_t chunk = 64) {
  const auto t =
      static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(ThreadCount(threads), (n + chunk - 1) / chunk)));
  std::atomic<size_t> next{0};
  auto work = [&](unsigned w) {
    for (size_t b; (b = next.fetch_add(chunk)) < n;)
      for (size_t i = b, e = std::min(n, b + chunk); i < e; ++i) fn(w, i);
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < t; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
}

}  // namespace kashf::graph
