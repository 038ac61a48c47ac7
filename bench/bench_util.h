// Shared helpers for the benchmark harness: peak memory of this process.
#pragma once
#include <cstdint>

namespace kashf::bench {
// Peak resident set size of this process in MiB (getrusage ru_maxrss).
double PeakRssMiB();
}  // namespace kashf::bench
