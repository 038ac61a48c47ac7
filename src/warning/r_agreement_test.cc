// The detectors against R package `surveillance` (the reference implementation) on the same
// fixture series: tests/r/surveillance_reference.R runs earsC (C1, C2, C3), farringtonFlexible
// (Noufaily settings: noPeriods 10, pastWeeksNotIncluded 26; the nbPlugin and the muan threshold),
// cusum (standardised, k 1.04, h 2.26) and glrnb (negative-binomial GLR CUSUM, c.ARL 5, mu0 and alpha
// from the 104 weeks before the range) and the results must agree:
//   EARS and CUSUM: upper bound within 1e-6 (relative) and identical alarms;
//   Farrington (both thresholds): expected within 1e-4 (relative), upper bound equal (an integer
//     quantile), alarms equal;
//   glrnb: GLR statistic within 1e-6 (relative), cases needed for an alarm equal, alarms equal. R
//     reports no case count (1e99) where the observed count is 0 (its search starts at the count and
//     stops below 1); those points compare the statistic and the alarm only.
// Skipped with a message where Rscript or the package is absent (scripts/install-deps.sh installs
// r-cran-surveillance, so CI runs it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

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
  DetectorParams muan = params;
  muan.farrington.threshold_method = "muan";
  // (Kashf detector, its parameters, R's rows): farrington twice, once per threshold method.
  std::vector<std::tuple<std::string, const DetectorParams*, std::string>> runs;
  for (const std::string& det : DetectorNames()) runs.emplace_back(det, &params, det);
  runs.emplace_back("farrington", &muan, "farrington_muan");
  int compared = 0, alarms = 0, glrnb_alarms = 0, muan_points = 0, glrnb_no_cases = 0;
  for (const auto& [name, counts] : series) {
    const int64_t n = static_cast<int64_t>(counts.size());
    for (const auto& [det, p, r_name] : runs) {
      int64_t from = det == "ears_c1"      ? 7
                     : det == "ears_c2"    ? 9
                     : det == "ears_c3"    ? 11
                     : det == "farrington" ? 159
                     : det == "glrnb"      ? 208
                                           : 52;
      auto got = RunDetector(det, counts, from, n - 1, *p);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      for (const auto& d : *got) {
        std::string key = name + "|" + r_name + "|" + std::to_string(d.index);
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
          muan_points += r_name == "farrington_muan" ? 1 : 0;
        } else if (det == "glrnb") {
          EXPECT_TRUE(Close(d.expected, want.expected, 1e-9)) << d.expected << " vs R " << want.expected;
          const RRow& statistic = r[name + "|glrnb_statistic|" + std::to_string(d.index)];
          EXPECT_TRUE(Close(d.statistic, statistic.upper, 1e-6)) << d.statistic << " vs R " << statistic.upper;
          if (want.upper > 1e98) {
            EXPECT_EQ(d.observed, 0);
            ++glrnb_no_cases;
          } else {
            EXPECT_EQ(d.threshold, want.upper);
          }
          glrnb_alarms += want.alarm ? 1 : 0;
        } else {
          EXPECT_TRUE(Close(d.threshold, want.upper, 1e-6)) << d.threshold << " vs R " << want.upper;
        }
        EXPECT_EQ(d.alarm, want.alarm);
        ++compared;
        alarms += want.alarm ? 1 : 0;
      }
    }
  }
  std::printf("compared %d points (%d alarms; glrnb %d alarms, %d points without R's case count; muan %d)\n", compared,
              alarms, glrnb_alarms, glrnb_no_cases, muan_points);
  EXPECT_GT(muan_points, 500);
  EXPECT_GT(glrnb_alarms, 2);  // the GLR is compared across its restarts, not only on quiet weeks
  EXPECT_GT(compared, 2000);
  EXPECT_GT(alarms, 10);  // the fixtures have outbreaks: agreement is not only on quiet weeks
}

}  // namespace
}  // namespace kashf::warning
