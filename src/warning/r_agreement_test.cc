// The detectors against R package `surveillance` (the reference implementation) on the same
// fixture series: tests/r/surveillance_reference.R runs earsC (C1, C2, C3), farringtonFlexible
// (Noufaily settings: noPeriods 10, pastWeeksNotIncluded 26, nbPlugin threshold) and cusum
// (standardised, k 1.04, h 2.26) and the results must agree:
//   EARS and CUSUM: upper bound within 1e-6 (relative) and identical alarms;
//   Farrington: expected within 1e-4 (relative), upper bound equal (an integer quantile), alarms equal.
// Skipped with a message where Rscript or the package is absent (scripts/install-deps.sh installs
// r-cran-surveillance, so CI runs it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "fixture_series.h"
#include "kashf/core/paths.h"
#include "kashf/testing/files.h"
#include "kashf/warning/detectors.h"

namespace kashf::warning {
namespace {

bool HaveR() {
  return std::system("Rscript -e 'suppressPackageStartupMessages(library(surveillance))' >/dev/null 2>&1") == 0;
}

struct RRow {
  double upper = NAN, expected = NAN;
  bool alarm = false;
};

// key: series|detector|index
std::map<std::string, RRow> RunR(const std::map<std::string, std::vector<int64_t>>& series, const std::string& dir) {
  std::ostringstream csv;
  bool first = true;
  for (const auto& [name, s] : series) csv << (first ? "" : ",") << name, first = false;
  csv << "\n";
  size_t n = series.begin()->second.size();
  for (size_t i = 0; i < n; ++i) {
    first = true;
    for (const auto& [name, s] : series) csv << (first ? "" : ",") << s[i], first = false;
    csv << "\n";
  }
  testing::WriteFile(dir + "/in.csv", csv.str());
  std::string cmd = "Rscript " + SourceDir() + "/tests/r/surveillance_reference.R " + dir + "/in.csv " + dir +
                    "/out.csv 3 3 10 26 >" + dir + "/r.log 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << testing::ReadFile(dir + "/r.log");
  std::map<std::string, RRow> out;
  std::istringstream in(testing::ReadFile(dir + "/out.csv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
      if (!cell.empty() && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
      f.push_back(cell);
    }
    if (f.size() != 6) continue;
    RRow r;
    r.upper = f[3] == "NA" ? NAN : std::stod(f[3]);
    r.expected = f[4] == "NA" ? NAN : std::stod(f[4]);
    r.alarm = f[5] == "1";
    out[f[0] + "|" + f[1] + "|" + f[2]] = r;
  }
  return out;
}

bool Close(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b)); }

TEST(RAgreementTest, EveryDetectorAgreesWithSurveillanceOnEveryFixture) {
  if (!HaveR())
    GTEST_SKIP() << "Rscript with package surveillance is not installed (apt-get install "
                    "r-cran-surveillance, or run scripts/install-deps.sh): agreement with R not checked";
  auto series = FixtureSeries();
  auto r = RunR(series, testing::FreshTempDir("r_agreement"));
  ASSERT_FALSE(r.empty());
  DetectorParams params;
  params.farrington.b = 3;
  params.farrington.w = 3;
  params.farrington.no_periods = 10;
  params.farrington.past_weeks_not_included = 26;
  params.cusum.baseline = 0;
  int compared = 0, alarms = 0;
  for (const auto& [name, counts] : series) {
    const int64_t n = static_cast<int64_t>(counts.size());
    for (const std::string& det : DetectorNames()) {
      int64_t from = det == "ears_c1"      ? 7
                     : det == "ears_c2"    ? 9
                     : det == "ears_c3"    ? 11
                     : det == "farrington" ? 159
                                           : 52;
      auto got = RunDetector(det, counts, from, n - 1, params);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      for (const auto& d : *got) {
        std::string key = name + "|" + det + "|" + std::to_string(d.index);
        ASSERT_TRUE(r.count(key)) << key;
        const RRow& want = r[key];
        SCOPED_TRACE(key);
        if (std::isnan(want.upper)) {
          EXPECT_FALSE(d.alarm);
          continue;
        }
        ASSERT_TRUE(d.evaluated) << d.note;
        if (det == "farrington") {
          EXPECT_TRUE(Close(d.expected, want.expected, 1e-4)) << d.expected << " vs R " << want.expected;
          EXPECT_EQ(d.threshold, want.upper);
        } else {
          EXPECT_TRUE(Close(d.threshold, want.upper, 1e-6)) << d.threshold << " vs R " << want.upper;
        }
        EXPECT_EQ(d.alarm, want.alarm);
        ++compared;
        alarms += want.alarm ? 1 : 0;
      }
    }
  }
  EXPECT_GT(compared, 2000);
  EXPECT_GT(alarms, 10);  // the fixtures have outbreaks: agreement is not only on quiet weeks
}

}  // namespace
}  // namespace kashf::warning
