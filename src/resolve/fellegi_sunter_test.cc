#include "kashf/resolve/fellegi_sunter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace kashf::resolve {
namespace {

// A three-field Person model: name (7 levels), national id (4), district (2).
const SchemaModel& Small() {
  static const ComparisonModel m = ComparisonModel::Parse(R"(
schemas:
  Person:
    fields:
      - {field: name, kind: name, properties: [name]}
      - {field: national_id, kind: identifier, properties: [cnic]}
      - {field: district, kind: exact, properties: [district]}
      - {field: phone, kind: phone, properties: [phone]}
)",
                                                          "test")
                                       .value();
  return *m.Find("Person");
}
constexpr int kName = 0, kId = 1, kDistrict = 2, kPhone = 3;

// Patterns drawn from a known two-class model; EM must recover the m probabilities of the
// informative fields without seeing the class labels.
TEST(FellegiSunter, EmRecoversKnownMProbabilities) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> uni(0, 1);
  const double true_m_id_exact = 0.85, true_m_name_exact = 0.7;
  std::unordered_map<Pattern, uint64_t> hist;
  for (int i = 0; i < 20000; ++i) {
    const bool match = uni(rng) < 0.3;
    Pattern pattern = NullPattern(4);
    pattern = WithLevel(pattern, kId, match ? (uni(rng) < true_m_id_exact ? 3 : 0) : (uni(rng) < 0.01 ? 3 : 0));
    pattern = WithLevel(pattern, kName, match ? (uni(rng) < true_m_name_exact ? 6 : 0) : (uni(rng) < 0.05 ? 6 : 0));
    pattern = WithLevel(pattern, kDistrict, match ? (uni(rng) < 0.9 ? 1 : 0) : (uni(rng) < 0.2 ? 1 : 0));
    ++hist[pattern];
  }
  FellegiSunterModel model = FellegiSunterModel::Initial(Small());
  const int it = TrainEm(hist, 200, 1e6, &model);
  EXPECT_GT(it, 1);
  EXPECT_NEAR(model.fields[kId].m[3], true_m_id_exact, 0.03);
  EXPECT_NEAR(model.fields[kName].m[6], true_m_name_exact, 0.03);
  // lambda is rescaled to all pairs: expected matches (~6000) / 1e6
  EXPECT_NEAR(model.lambda, 0.006, 0.0006);
}

// Two blocking passes over one population of pairs with known m and u: pass "name" pairs records
// with equal names (matches and the non-matches that share a name), pass "id" records with equal
// ids. In the name pass every pair agrees on the name, so EM over the union takes name agreement
// as certain for matches; one session per pass with its own field masked recovers both m.
TEST(FellegiSunter, SessionsPerPassRecoverMOfTheBlockedFields) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> uni(0, 1);
  const double m_name = 0.7, m_id = 0.9, m_district = 0.9;       // P(agree | match)
  const double u_name = 0.001, u_id = 0.0001, u_district = 0.2;  // P(agree | non-match)
  auto draw = [&](bool match, double m, double u) { return uni(rng) < (match ? m : u); };
  struct Pair {
    bool name, id, district;
  };
  // Pass "name": 40% matches, every pair agrees on the name. Pass "id": 95% matches, every pair
  // agrees on the id. Elsewhere the fields follow m (matches) or u (non-matches) independently.
  std::vector<Pair> name_pass, id_pass;
  for (int i = 0; i < 40000; ++i) {
    const bool match = uni(rng) < 0.4;
    name_pass.push_back({true, draw(match, m_id, u_id), draw(match, m_district, u_district)});
  }
  for (int i = 0; i < 20000; ++i) {
    const bool match = uni(rng) < 0.95;
    id_pass.push_back({draw(match, m_name, u_name), true, draw(match, m_district, u_district)});
  }
  auto pattern = [](const Pair& p, bool mask_name, bool mask_id) {
    Pattern x = NullPattern(4);
    x = WithLevel(x, kName, mask_name ? kNullLevel : (p.name ? 6 : 0));
    x = WithLevel(x, kId, mask_id ? kNullLevel : (p.id ? 3 : 0));
    return WithLevel(x, kDistrict, p.district ? 1 : 0);
  };
  std::vector<EmSession> sessions(2);
  sessions[0].masked_fields = 1u << kName;
  sessions[1].masked_fields = 1u << kId;
  std::unordered_map<Pattern, uint64_t> all;
  for (const Pair& p : name_pass) {
    ++sessions[0].pattern_counts[pattern(p, true, false)];
    ++all[pattern(p, false, false)];
  }
  for (const Pair& p : id_pass) {
    ++sessions[1].pattern_counts[pattern(p, false, true)];
    ++all[pattern(p, false, false)];
  }
  auto with_u = [&] {
    FellegiSunterModel m = FellegiSunterModel::Initial(Small());
    m.fields[kName].u = {1 - u_name, 0, 0, 0, 0, 0, u_name};
    m.fields[kId].u = {1 - u_id, 0, 0, u_id};
    m.fields[kDistrict].u = {1 - u_district, u_district};
    for (auto& f : m.fields)
      for (double& x : f.u) x = std::max(x, 1e-9);
    return m;
  };
  FellegiSunterModel sessions_model = with_u();
  TrainEmSessions(sessions, all, 200, 1e8, &sessions_model);
  EXPECT_NEAR(sessions_model.fields[kName].m[6], m_name, 0.03);
  EXPECT_NEAR(sessions_model.fields[kId].m[3], m_id, 0.03);
  EXPECT_NEAR(sessions_model.fields[kDistrict].m[1], m_district, 0.03);
  // The reference: one EM over the union overstates the blocked field's agreement among matches.
  FellegiSunterModel union_model = with_u();
  TrainEm(all, 200, 1e8, &union_model);
  EXPECT_GT(union_model.fields[kName].m[6], m_name + 0.1);
  // Without sessions, TrainEmSessions is TrainEm.
  FellegiSunterModel plain = with_u(), reference = with_u();
  TrainEmSessions({}, all, 200, 1e8, &plain);
  TrainEm(all, 200, 1e8, &reference);
  EXPECT_EQ(plain.fields[kName].m, reference.fields[kName].m);
  EXPECT_DOUBLE_EQ(plain.lambda, reference.lambda);
}

TEST(FellegiSunter, PatternsHoldMoreThanEightFields) {
  Pattern p = NullPattern(16);
  p = WithLevel(p, 15, 3);
  p = WithLevel(p, 9, 1);
  EXPECT_EQ(LevelOf(p, 15), 3u);
  EXPECT_EQ(LevelOf(p, 9), 1u);
  EXPECT_EQ(LevelOf(p, 8), kNullLevel);
  EXPECT_EQ(LevelOf(NullPattern(3), 3), 0u);
}

TEST(FellegiSunter, WeightsAndTermFrequency) {
  FellegiSunterModel m = FellegiSunterModel::Initial(Small());
  m.lambda = 0.5;
  m.fields[kPhone].m = {0.1, 0.1, 0.8};
  m.fields[kPhone].u = {0.98, 0.01, 0.01};
  EXPECT_NEAR(m.LevelWeight(kPhone, 2), std::log2(80.0), 1e-12);
  EXPECT_EQ(m.LevelWeight(kPhone, kNullLevel), 0.0);
  EXPECT_NEAR(m.PriorWeight(), 0.0, 1e-12);
  // Non-decreasing in the level: level 1 (0.1/0.01) is stronger than level 0.
  EXPECT_GE(m.LevelWeight(kPhone, 1), m.LevelWeight(kPhone, 0));
  const Pattern pattern = WithLevel(NullPattern(4), kPhone, 2);
  EXPECT_NEAR(m.PatternWeight(pattern), std::log2(80.0), 1e-12);
  EXPECT_NEAR(FellegiSunterModel::Probability(0), 0.5, 1e-12);
  // A value carried by more records than the average exact match gets a penalty, a rare one a
  // bonus, on any field (here the district).
  const double u_exact = m.fields[kDistrict].u.back();
  EXPECT_LT(m.TermFrequencyAdjustment(kDistrict, u_exact * 4), 0);
  EXPECT_GT(m.TermFrequencyAdjustment(kDistrict, u_exact / 4), 0);
  EXPECT_NEAR(m.TermFrequencyAdjustment(kDistrict, u_exact / 4), 2.0, 1e-9);
}

TEST(FellegiSunter, PriorFollowsTheNumberOfRecords) {
  FellegiSunterModel m = FellegiSunterModel::Initial(Small());
  m.lambda = 0.01;
  m.records = 101;
  m.RescalePrior(201);  // twice the records: each has twice the partners, the same matches
  EXPECT_NEAR(m.lambda, 0.005, 1e-12);
  EXPECT_EQ(m.records, 201u);
  m.RescalePrior(201);
  EXPECT_NEAR(m.lambda, 0.005, 1e-12);
}

// A one-field Person model comparing gender with `kind`.
ComparisonModel GenderModel(const std::string& kind) {
  return ComparisonModel::Parse(
             "schemas:\n  Person:\n    fields:\n      - {field: gender, kind: " + kind + ", properties: [gender]}\n",
             "test")
      .value();
}

TEST(FellegiSunter, JsonRoundTripAndErrors) {
  const ComparisonModel spec = GenderModel("exact");
  ModelSet set;
  FellegiSunterModel m = FellegiSunterModel::Initial(*spec.Find("Person"));
  m.lambda = 0.0123;
  m.records = 77;
  m.fields[0].m = {0.2, 0.8};
  set.by_schema.emplace("Person", m);
  auto back = ModelSet::FromJson(set.ToJson(), spec);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_DOUBLE_EQ(back->by_schema.at("Person").lambda, 0.0123);
  EXPECT_EQ(back->by_schema.at("Person").records, 77u);
  EXPECT_EQ(back->by_schema.at("Person").fields[0].m, m.fields[0].m);
  EXPECT_EQ(ModelSet::FromJson("{", spec).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(ModelSet::FromJson("{\"lambda\":0.1}", spec).status().code(), StatusCode::kCorruption);
  // A model trained under another resolution model file is refused (retrain).
  const ComparisonModel other = GenderModel("string");
  EXPECT_EQ(ModelSet::FromJson(set.ToJson(), other).status().code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace kashf::resolve
