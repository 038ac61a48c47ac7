#include "kashf/resolve/resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/resolve/deterministic_baseline.h"
#include "kashf/resolve/evaluation.h"
#include "kashf/resolve/synthetic_people.h"

namespace kashf::resolve {
namespace {

const NameNormaliser& N() {
  static NameNormaliser n = std::move(NameNormaliser::LoadDefault()).value();
  return n;
}

const ComparisonModel& Spec() {
  static ComparisonModel m = std::move(ComparisonModel::LoadDefault()).value();
  return m;
}

int Field(const char* name) { return Spec().Find("Person")->FieldIndex(name); }

// Fewer random pairs for u than the default keeps the suite fast under sanitizers.
ResolveOptions Fast(int threads = 2) {
  ResolveOptions o;
  o.u_sample_pairs = 100000;
  o.threads = threads;
  return o;
}

SyntheticPeople People(size_t records, uint64_t seed = 7, double phone_only = 0) {
  SyntheticOptions o;
  o.records = records;
  o.seed = seed;
  o.phone_only_share = phone_only;
  auto r = GenerateSyntheticPeople(o, DataPath("data/reference"));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

TEST(Resolver, ResolvesNoisySyntheticPeopleBetterThanTheBaseline) {
  const SyntheticPeople data = People(4000);
  Resolver resolver(N(), Spec(), Fast());
  resolver.Add(data.records);
  const Resolution res = resolver.ResolveAll({}, {});
  const EvaluationResult fs = EvaluateClusters(res.cluster_of, data.truth);
  const EvaluationResult base = EvaluateClusters(ResolveDeterministicBaseline(data.records), data.truth);
  EXPECT_TRUE(res.report.trained);
  EXPECT_GT(res.report.em_iterations, 0);
  EXPECT_GE(fs.f1, 0.95) << "precision " << fs.precision << " recall " << fs.recall;
  EXPECT_GT(fs.f1, base.f1 + 0.05) << "baseline f1 " << base.f1;
  // The model learnt without labels that an exact national id is strong evidence.
  EXPECT_GT(resolver.model().LevelWeight(Field("national_id"), 3), 10.0);
  EXPECT_LT(resolver.model().LevelWeight(Field("national_id"), 0), 0.0);
}

TEST(Resolver, ParallelScoringEqualsTheSerialReference) {
  const SyntheticPeople data = People(3000, 11);
  Resolver resolver(N(), Spec(), Fast());
  resolver.Add(data.records);
  (void)resolver.ResolveAll({}, {});
  BlockingOptions bo;
  const CandidatePairs pairs = GenerateCandidatePairs(resolver.records(), bo);
  auto key = [](const ScoredEdge& e) { return std::tuple(e.a, e.b, e.weight); };
  auto serial = resolver.ScorePairs(pairs.pairs, 0.0, 1);
  auto parallel = resolver.ScorePairs(pairs.pairs, 0.0, 2);
  ASSERT_FALSE(serial.empty());
  std::vector<std::tuple<uint32_t, uint32_t, double>> s, p;
  for (const auto& e : serial) s.push_back(key(e));
  for (const auto& e : parallel) p.push_back(key(e));
  std::sort(s.begin(), s.end());
  std::sort(p.begin(), p.end());
  EXPECT_EQ(s, p);
}

TEST(Resolver, ClusterIdsAreStableAcrossRunsAndThreadCounts) {
  const SyntheticPeople data = People(2000, 3);
  Resolver a(N(), Spec(), Fast(1)), b(N(), Spec(), Fast(2));
  a.Add(data.records);
  b.Add(data.records);
  EXPECT_EQ(a.ResolveAll({}, {}).cluster_of, b.ResolveAll({}, {}).cluster_of);
}

TEST(Resolver, IncrementalLinkingKeepsIdsAndMatchesAFullRun) {
  const SyntheticPeople data = People(4000, 5);
  const size_t old_count = 3200;
  std::vector<PersonRecord> old_records(data.records.begin(), data.records.begin() + old_count);
  std::vector<PersonRecord> new_records(data.records.begin() + old_count, data.records.end());
  Resolver first(N(), Spec(), Fast());
  first.Add(old_records);
  const Resolution before = first.ResolveAll({}, {});
  Assignment previous;
  for (size_t i = 0; i < old_count; ++i) previous[data.records[i].id] = before.cluster_of[i];

  Resolver incremental(N(), Spec(), Fast());
  incremental.SetModel(first.models());
  incremental.Add(old_records);
  incremental.Add(new_records);
  auto linked = incremental.LinkNew(old_count, previous, {});
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(linked->report.new_records, data.records.size() - old_count);
  EXPECT_LT(linked->report.candidate_pairs, before.report.candidate_pairs);  // only pairs touching new records
  // Every old cluster id survives (clusters only grow or merge).
  std::set<std::string> ids_now(linked->cluster_of.begin(), linked->cluster_of.end());
  size_t kept = 0;
  for (size_t i = 0; i < old_count; ++i) kept += linked->cluster_of[i] == before.cluster_of[i];
  EXPECT_GT(kept, old_count * 99 / 100);
  const EvaluationResult inc = EvaluateClusters(linked->cluster_of, data.truth);
  EXPECT_GE(inc.f1, 0.95);
}

TEST(Resolver, LinkNewNeedsAModelAndEarlierClusters) {
  const SyntheticPeople data = People(200);
  Resolver r(N(), Spec(), Fast());
  r.Add(data.records);
  EXPECT_EQ(r.LinkNew(100, {}, {}).status().code(), StatusCode::kFailedPrecondition);
  (void)r.ResolveAll({}, {});
  EXPECT_EQ(r.LinkNew(100, {}, {}).status().code(), StatusCode::kFailedPrecondition);
}

TEST(Resolver, JudgementsOverrideTheModelAndAreReversible) {
  const SyntheticPeople data = People(2000, 9);
  Resolver r(N(), Spec(), Fast());
  r.Add(data.records);
  const Resolution base = r.ResolveAll({}, {});
  // Find a linked pair and an unlinked pair.
  int linked_a = -1, linked_b = -1;
  for (size_t i = 0; i < data.records.size() && linked_a < 0; ++i)
    for (size_t j = i + 1; j < std::min(data.records.size(), i + 5); ++j)
      if (base.cluster_of[i] == base.cluster_of[j]) {
        linked_a = static_cast<int>(i);
        linked_b = static_cast<int>(j);
        break;
      }
  ASSERT_GE(linked_a, 0);
  const auto ua = static_cast<uint32_t>(linked_a), ub = static_cast<uint32_t>(linked_b);
  Judgement apart{data.records[ua].id, data.records[ub].id, false, "analyst", 1, ""};
  Assignment previous;
  for (size_t i = 0; i < data.records.size(); ++i) previous[data.records[i].id] = base.cluster_of[i];
  const Resolution split = r.ResolveAll(previous, {apart});
  EXPECT_NE(split.cluster_of[ua], split.cluster_of[ub]);
  EXPECT_EQ(split.report.judgements_applied, 1u);
  // One side keeps the old id.
  EXPECT_TRUE(split.cluster_of[ua] == base.cluster_of[ua] || split.cluster_of[ub] == base.cluster_of[ub]);
  // Reversing the judgement (now "match") joins them again.
  Judgement together = apart;
  together.match = true;
  const Resolution joined = r.ResolveAll(previous, {together});
  EXPECT_EQ(joined.cluster_of[ua], joined.cluster_of[ub]);
  // A match judgement joins two records the model keeps apart.
  uint32_t x = 0, y = 1;
  while (base.cluster_of[x] == base.cluster_of[y]) ++y;
  const Resolution forced = r.ResolveAll(previous, {{data.records[x].id, data.records[y].id, true, "analyst", 2, ""}});
  EXPECT_EQ(forced.cluster_of[x], forced.cluster_of[y]);
  EXPECT_EQ(r.ResolveAll(previous, {{"nobody", "nobody-else", true, "a", 3, ""}}).report.judgements_unknown, 1u);
}

TEST(Resolver, PhoneOnlyRecordsJoinThePersonHoldingTheNumber) {
  const SyntheticPeople data = People(3000, 13, 0.3);
  Resolver r(N(), Spec(), Fast());
  r.Add(data.records);
  const Resolution res = r.ResolveAll({}, {});
  EXPECT_GT(res.report.identifier_links, 0u);
  size_t phone_records = 0, joined_right = 0;
  for (size_t i = 0; i < data.records.size(); ++i) {
    if (data.records[i].IsPerson()) continue;
    ++phone_records;
    for (size_t j = 0; j < data.records.size(); ++j)
      if (data.records[j].IsPerson() && res.cluster_of[j] == res.cluster_of[i]) {
        joined_right += data.truth[j] == data.truth[i];
        break;
      }
  }
  ASSERT_GT(phone_records, 50u);
  EXPECT_GT(joined_right, phone_records / 3);  // only persons seen with that phone can be joined
  EXPECT_GE(EvaluateClusters(res.cluster_of, data.truth).precision, 0.97);
}

TEST(Resolver, NationalIdWithADroppedDigitIsOneEdit) {
  PersonRecord a, b, c;
  a.id = "a";
  a.names = {"Asif"};
  a.national_ids = {"35202-1234567-1"};
  b.id = "b";
  b.names = {"Asif"};
  b.national_ids = {"352021234671"};  // the 5 dropped
  c.id = "c";
  c.names = {"Asif"};
  c.national_ids = {"35202-7654321-1"};
  Resolver r(N(), Spec(), Fast());
  std::vector<PersonRecord> recs = {a, b, c};
  r.Add(recs);
  EXPECT_EQ(LevelOf(Compare(r.records(), 0, 1), Field("national_id")), 2u);
  EXPECT_EQ(LevelOf(Compare(r.records(), 0, 2), Field("national_id")), 0u);
  // and the two records share a blocking key despite the shift
  BlockingOptions bo;
  const auto pairs = GenerateCandidatePairs(r.records(), bo).pairs;
  EXPECT_NE(std::find(pairs.begin(), pairs.end(), MakePair(0, 1)), pairs.end());
}

TEST(Resolver, ExplanationWaterfallSumsToTheScore) {
  const SyntheticPeople data = People(1500, 21);
  Resolver r(N(), Spec(), Fast());
  r.Add(data.records);
  const Resolution res = r.ResolveAll({}, {});
  for (uint32_t a = 0; a < 20; ++a) {
    const uint32_t b = a + 1;
    const Explanation e = r.Explain(a, b);
    ASSERT_GE(e.steps.size(), 1u + Spec().Find("Person")->fields.size());
    double sum = 0;
    for (const auto& s : e.steps) sum += s.weight;
    EXPECT_NEAR(sum, e.total_weight, 1e-9);
    EXPECT_NEAR(e.total_weight, r.PairWeight(a, b), 1e-9);
    EXPECT_EQ(e.steps.front().field, "prior");
    EXPECT_EQ(e.model_match, e.probability >= r.options().match_probability);
    if (e.model_match) {
      EXPECT_EQ(res.cluster_of[a], res.cluster_of[b]);
    }
  }
  const std::string text = ExplanationText(r.Explain(0, 1));
  EXPECT_NE(text.find("national_id"), std::string::npos);
  EXPECT_NE(ExplanationJson(r.Explain(0, 1)).find("\"match_weight\""), std::string::npos);
}

// Organisations are resolved with their own model: names with legal-form words dropped, the
// registration number (with typos), phone and e-mail; persons and organisations never mix.
TEST(Resolver, ResolvesOrganisationsApartFromPersons) {
  const char* words[] = {"Indus",  "Karachi",  "Punjab", "Crescent", "Mehran",  "Sapphire", "Falcon", "Orient",
                         "Zamzam", "Kohinoor", "Noor",   "Al Fatah", "Shaheen", "Habib",    "Ravi",   "Attock"};
  const char* trades[] = {"Traders", "Steel", "Textiles", "Logistics", "Travels", "Exchange"};
  const char* forms[] = {"Pvt Ltd", "Limited", "", "(Private) Limited", "Ltd."};
  std::mt19937_64 rng(5);
  std::vector<PersonRecord> recs;
  std::vector<std::string> truth;
  int n = 0;
  for (int w = 0; w < 16; ++w)
    for (int t = 0; t < 6; ++t) {
      const std::string company = std::string(words[w]) + " " + trades[t];
      const std::string reg = std::to_string(1000000 + w * 7919 + t * 104729);
      const int copies = 1 + static_cast<int>(rng() % 3);
      for (int c = 0; c < copies; ++c) {
        PersonRecord r;
        r.id = "org" + std::to_string(n++);
        r.schema = "Organization";
        r.Add("name", company + " " + forms[rng() % 5]);
        std::string number = reg;
        if (rng() % 5 == 0) std::swap(number[2], number[3]);  // a keying error
        if (rng() % 4) r.Add("registrationNumber", number);
        if (rng() % 2) r.Add("phone", "0300-" + std::to_string(2000000 + w * 100 + t));
        recs.push_back(std::move(r));
        truth.push_back(company);
      }
      PersonRecord p;  // a person carrying the company's words as a name
      p.id = "p" + std::to_string(n++);
      p.names = {company};
      recs.push_back(std::move(p));
      truth.push_back("person " + company);
    }
  Resolver r(N(), Spec(), Fast());
  r.Add(recs);
  const Resolution res = r.ResolveAll({}, {});
  ASSERT_TRUE(r.models().by_schema.count("Organization"));
  const EvaluationResult e = EvaluateClusters(res.cluster_of, truth);
  EXPECT_GE(e.f1, 0.9) << "precision " << e.precision << " recall " << e.recall;
  for (size_t i = 0; i < recs.size(); ++i)
    for (size_t j = i + 1; j < recs.size(); ++j) {
      if (recs[i].schema != recs[j].schema) {
        ASSERT_NE(res.cluster_of[i], res.cluster_of[j]);
      }
    }
}

}  // namespace
}  // namespace kashf::resolve

namespace kashf::resolve {
namespace {

// Vehicles and bank accounts go through the comparison model like persons: a registration or
// IBAN written with other spacing and case is the same value, one mistyped character with the
// same make, model and colour (or holder and bank) still links, another number stays apart, and
// the two schemas never meet.
TEST(Resolver, VehiclesAndAccountsAreScoredWithTypoTolerance) {
  const char* makes[] = {"Toyota", "Suzuki", "Honda", "Hyundai"};
  const char* models[] = {"Corolla", "Mehran", "Civic", "Elantra"};
  const char* colours[] = {"white", "black", "silver", "red", "blue"};
  const char* banks[] = {"Habib Bank", "MCB", "Meezan Bank", "Allied Bank"};
  const char* holders[] = {"Muhammad Asif", "Sana Baloch", "Imran Qureshi", "Ayesha Khan", "Bilal Raza"};
  std::mt19937_64 rng(11);
  std::vector<PersonRecord> recs;
  std::vector<std::string> truth;
  auto typo = [&](std::string s) {  // one substituted character, never the first
    const size_t i = 1 + rng() % (s.size() - 1);
    s[i] = s[i] == '7' ? '3' : '7';
    return s;
  };
  for (int v = 0; v < 150; ++v) {
    const std::string reg = fmt::format("LE{}-{:04d}", static_cast<char>('A' + v % 26), 1000 + v * 37);
    const std::string make = makes[v % 4], model = models[(v / 4) % 4], colour = colours[v % 5];
    for (int c = 0; c < 2 + v % 2; ++c) {
      PersonRecord r;
      r.id = fmt::format("veh{}-{}", v, c);
      r.schema = "Vehicle";
      std::string number = reg;
      if (c == 1) number = fmt::format("le{} {:04d}", static_cast<char>('a' + v % 26), 1000 + v * 37);  // spacing, case
      if (c == 2) number = typo(reg);
      r.Add("registrationNumber", number);
      r.Add("make", make);
      r.Add("model", model);
      r.Add("color", colour);
      recs.push_back(std::move(r));
      truth.push_back("vehicle" + std::to_string(v));
    }
    const std::string iban = fmt::format("PK36SCBL{:016d}", 1000000ull + static_cast<unsigned long long>(v) * 7919ull);
    for (int c = 0; c < 2 + v % 2; ++c) {
      PersonRecord r;
      r.id = fmt::format("acc{}-{}", v, c);
      r.schema = "BankAccount";
      std::string number = iban;
      if (c == 1) number = iban.substr(0, 4) + " " + iban.substr(4, 4) + " " + iban.substr(8);  // printed in groups
      if (c == 2) number = typo(iban);
      r.Add("iban", number);
      r.Add("name", holders[v % 5]);
      r.Add("bankName", banks[v % 4]);
      recs.push_back(std::move(r));
      truth.push_back("account" + std::to_string(v));
    }
  }
  Resolver r(N(), Spec(), Fast());
  r.Add(recs);
  const Resolution res = r.ResolveAll({}, {});
  EXPECT_TRUE(r.models().by_schema.count("Vehicle"));
  EXPECT_TRUE(r.models().by_schema.count("BankAccount"));
  const EvaluationResult e = EvaluateClusters(res.cluster_of, truth);
  EXPECT_GE(e.f1, 0.95) << "precision " << e.precision << " recall " << e.recall;
  // The typo'd copies (c == 2) joined their vehicle or account.
  int typo_joined = 0, typo_copies = 0;
  for (size_t i = 0; i < recs.size(); ++i)
    if (recs[i].id.ends_with("-2")) {
      ++typo_copies;
      typo_joined += res.cluster_of[i] == res.cluster_of[i - 2];
    }
  EXPECT_GE(typo_joined, typo_copies * 9 / 10) << typo_joined << " of " << typo_copies;
  for (size_t i = 0; i < recs.size(); ++i)
    for (size_t j = i + 1; j < recs.size(); ++j)
      if (recs[i].schema != recs[j].schema) {
        ASSERT_NE(res.cluster_of[i], res.cluster_of[j]);
      }
}

}  // namespace
}  // namespace kashf::resolve
