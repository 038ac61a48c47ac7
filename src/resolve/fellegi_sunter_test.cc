#include "kashf/resolve/fellegi_sunter.h"

#include <gtest/gtest.h>

#include <random>

namespace kashf::resolve {
namespace {

// Patterns drawn from a known two-class model; EM must recover the m probabilities of the
// informative fields without seeing the class labels.
TEST(FellegiSunter, EmRecoversKnownMProbabilities) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> uni(0, 1);
  const double true_m_id_exact = 0.85, true_m_name_exact = 0.7;
  std::unordered_map<uint32_t, uint64_t> hist;
  for (int i = 0; i < 20000; ++i) {
    const bool match = uni(rng) < 0.3;
    uint32_t pattern = 0;
    for (int f = 0; f < kFieldCount; ++f) {
      uint32_t level = kNullLevel;
      if (f == kNationalId) level = match ? (uni(rng) < true_m_id_exact ? 3 : 0) : (uni(rng) < 0.01 ? 3 : 0);
      if (f == kName) level = match ? (uni(rng) < true_m_name_exact ? 5 : 0) : (uni(rng) < 0.05 ? 5 : 0);
      if (f == kDistrict) level = match ? (uni(rng) < 0.9 ? 1 : 0) : (uni(rng) < 0.2 ? 1 : 0);
      pattern |= level << (4 * f);
    }
    ++hist[pattern];
  }
  FellegiSunterModel model = FellegiSunterModel::Initial();
  const int it = TrainEm(hist, 200, 1e6, &model);
  EXPECT_GT(it, 1);
  EXPECT_NEAR(model.fields[kNationalId].m[3], true_m_id_exact, 0.03);
  EXPECT_NEAR(model.fields[kName].m[5], true_m_name_exact, 0.03);
  // lambda is rescaled to all pairs: expected matches (~6000) / 1e6
  EXPECT_NEAR(model.lambda, 0.006, 0.0006);
}

TEST(FellegiSunter, WeightsAndTermFrequency) {
  FellegiSunterModel m = FellegiSunterModel::Initial();
  m.lambda = 0.5;
  m.fields[kPhone].m = {0.1, 0.1, 0.8};
  m.fields[kPhone].u = {0.98, 0.01, 0.01};
  EXPECT_NEAR(m.LevelWeight(kPhone, 2), std::log2(80.0), 1e-12);
  EXPECT_EQ(m.LevelWeight(kPhone, kNullLevel), 0.0);
  EXPECT_NEAR(m.PriorWeight(), 0.0, 1e-12);
  // Non-decreasing in the level: level 1 (0.1/0.01) is stronger than level 0.
  EXPECT_GE(m.LevelWeight(kPhone, 1), m.LevelWeight(kPhone, 0));
  const uint32_t pattern = (0xFFFFFFFFu & ~(0xFu << (4 * kPhone))) | (2u << (4 * kPhone));
  EXPECT_NEAR(m.PatternWeight(pattern), std::log2(80.0), 1e-12);
  EXPECT_NEAR(FellegiSunterModel::Probability(0), 0.5, 1e-12);
  // A name carried by more records than the average exact match gets a penalty, a rare one a bonus.
  const double u_exact = m.fields[kName].u.back();
  EXPECT_LT(m.TermFrequencyAdjustment(u_exact * 4), 0);
  EXPECT_GT(m.TermFrequencyAdjustment(u_exact / 4), 0);
  EXPECT_NEAR(m.TermFrequencyAdjustment(u_exact / 4), 2.0, 1e-9);
}

TEST(FellegiSunter, PriorFollowsTheNumberOfRecords) {
  FellegiSunterModel m = FellegiSunterModel::Initial();
  m.lambda = 0.01;
  m.records = 101;
  m.RescalePrior(201);  // twice the records: each has twice the partners, the same matches
  EXPECT_NEAR(m.lambda, 0.005, 1e-12);
  EXPECT_EQ(m.records, 201u);
  m.RescalePrior(201);
  EXPECT_NEAR(m.lambda, 0.005, 1e-12);
}

TEST(FellegiSunter, JsonRoundTripAndErrors) {
  FellegiSunterModel m = FellegiSunterModel::Initial();
  m.lambda = 0.0123;
  m.records = 77;
  m.fields[kGender].m = {0.2, 0.8};
  auto back = FellegiSunterModel::FromJson(m.ToJson());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_DOUBLE_EQ(back->lambda, 0.0123);
  EXPECT_EQ(back->records, 77u);
  EXPECT_EQ(back->fields[kGender].m, m.fields[kGender].m);
  EXPECT_EQ(FellegiSunterModel::FromJson("{").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(FellegiSunterModel::FromJson("{\"lambda\":0.1}").status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace kashf::resolve
