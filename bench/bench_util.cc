#include "bench_util.h"

#include <sys/resource.h>

namespace kashf::bench {
double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}
}  // namespace kashf::bench
