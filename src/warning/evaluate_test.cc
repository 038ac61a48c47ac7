#include "kashf/warning/evaluate.h"

#include <gtest/gtest.h>

#include "fixture_series.h"

namespace kashf::warning {
namespace {

Event Seizure(int64_t day, const std::string& district, const std::string& calibre, int n) {
  Event e;
  e.day = day;
  e.record = "firearm-event:" + std::to_string(n);
  e.source = "seizure";
  e.dims = {{"district", district}, {"calibre", calibre}};
  return e;
}

// Three years of steady weekly seizures in two districts, then a burst of 7.62x39mm in Quetta in
// the last week: the district cell alarms with its records, and the first 7.62x39mm in Quetta is a
// new-category alert.
TEST(EvaluateTest, SpikeAndNewCategoryWithExplanation) {
  FixtureRandom r(7);
  std::vector<Event> ev;
  int n = 0;
  const int64_t start = ParseDay("2023-01-02");  // a Monday
  for (int w = 0; w < 200; ++w)
    for (const char* d : {"Lahore", "Quetta"})
      for (int64_t k = r.Poisson(3); k > 0; --k) ev.push_back(Seizure(start + 7 * w + 2, d, "9mm", ++n));
  const int64_t last = start + 7 * 199;
  for (int i = 0; i < 15; ++i) ev.push_back(Seizure(last + 1, "Quetta", "7.62x39mm", ++n));
  ev.push_back(Seizure(last + 400, "Quetta", "9mm", ++n));  // future date: ignored
  auto config = ParseWarningConfig(R"(
series:
  - {name: seizures-by-district, filter: {source: seizure}, by: district, period: week, detectors: [ears_c2, farrington]}
new_category:
  - {name: first-calibre-in-district, source: seizure, dimension: calibre, within: district}
)");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto rep = EvaluateAlerts(ev, *config, FormatDay(last + 3));
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  const Alert* spike = nullptr;
  const Alert* fresh = nullptr;
  for (const auto& a : rep->alerts) {
    if (a.kind == "spike" && a.detector == "farrington" && a.cell == "district=Quetta") spike = &a;
    if (a.kind == "new_category") fresh = &a;
    EXPECT_NE(a.cell, "district=Lahore") << a.explanation;  // the quiet district stays quiet
  }
  ASSERT_NE(spike, nullptr);
  EXPECT_GE(spike->observed, 15);
  EXPECT_GT(spike->observed, spike->threshold);
  EXPECT_LT(spike->expected, 6);
  EXPECT_EQ(spike->period_start, FormatDay(last - 0));
  EXPECT_GE(spike->records.size(), 15u);
  EXPECT_NE(spike->explanation.find("expected"), std::string::npos);
  ASSERT_NE(fresh, nullptr);
  EXPECT_EQ(fresh->cell, "district=Quetta, calibre=7.62x39mm");
  EXPECT_EQ(fresh->observed, 15);
  bool future_noted = false;
  for (const auto& note : rep->notes) future_noted |= note.find("future") != std::string::npos;
  EXPECT_TRUE(future_noted);
}

TEST(EvaluateTest, ShortHistoryFallsBackWithANoteNotAnAlarm) {
  std::vector<Event> ev;
  const int64_t start = ParseDay("2026-01-05");
  for (int w = 0; w < 10; ++w) ev.push_back(Seizure(start + 7 * w, "Lahore", "9mm", w));
  for (int i = 0; i < 30; ++i) ev.push_back(Seizure(start + 70, "Lahore", "9mm", 100 + i));
  auto config = ParseWarningConfig("series: [{name: s, filter: {source: seizure}, detectors: [farrington]}]");
  ASSERT_TRUE(config.ok());
  auto rep = EvaluateAlerts(ev, *config, FormatDay(start + 72));
  ASSERT_TRUE(rep.ok());
  EXPECT_TRUE(rep->alerts.empty());
  ASSERT_FALSE(rep->notes.empty());
  EXPECT_NE(rep->notes[0].find("needs"), std::string::npos);
}

TEST(EvaluateTest, ConfigurationErrorsNameTheKey) {
  EXPECT_NE(ParseWarningConfig("series: [{name: s, by: colour}]").status().message().find("colour"), std::string::npos);
  EXPECT_NE(ParseWarningConfig("series: [{name: s, detectors: [magic]}]").status().message().find("magic"),
            std::string::npos);
  EXPECT_NE(ParseWarningConfig("detectors: {farrington: {alpha: 2}}").status().message().find("alpha"),
            std::string::npos);
  EXPECT_FALSE(EvaluateAlerts({}, {}, "yesterday").ok());
  // Sources are checked, and the message lists them.
  EXPECT_NE(ParseWarningConfig("series: [{name: s, filter: {source: cases}}]").status().message().find("payment"),
            std::string::npos);
  EXPECT_FALSE(ParseWarningConfig("new_category: [{name: n, source: firs, dimension: offence}]").ok());
  EXPECT_TRUE(ParseWarningConfig("series: [{name: s, filter: {source: fir}, by: offence}]").ok());
  EXPECT_NE(ParseWarningConfig("detectors: {glrnb: {alpha: -2}}").status().message().find("alpha"), std::string::npos);
}

TEST(EvaluateTest, GlrnbParametersFromTheConfiguration) {
  auto estimated = ParseWarningConfig("detectors: {glrnb: {c_arl: 3, alpha: estimate, window: 26}}");
  ASSERT_TRUE(estimated.ok()) << estimated.status().ToString();
  EXPECT_EQ(estimated->detectors.glrnb.c_arl, 3);
  EXPECT_LT(estimated->detectors.glrnb.alpha, 0);
  EXPECT_EQ(estimated->detectors.glrnb.window, 26);
  auto fixed = ParseWarningConfig("detectors: {glrnb: {alpha: 0.2}}");
  ASSERT_TRUE(fixed.ok());
  EXPECT_DOUBLE_EQ(fixed->detectors.glrnb.alpha, 0.2);
  EXPECT_EQ(fixed->detectors.glrnb.baseline, 104);
}

}  // namespace
}  // namespace kashf::warning
