#include "kashf/resolve/blocking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "kashf/core/paths.h"
#include "kashf/resolve/evaluation.h"
#include "kashf/resolve/synthetic_people.h"

namespace kashf::resolve {
namespace {

const NameNormaliser& N() {
  static NameNormaliser n = std::move(NameNormaliser::LoadDefault()).value();
  return n;
}

const ComparisonModel& Keyed() {
  static const ComparisonModel m = ComparisonModel::Parse(R"(
schemas:
  Person:
    fields:
      - {field: name, kind: name, properties: [name]}
      - {field: id, kind: identifier, properties: [idNumber]}
      - {field: born, kind: date, properties: [birthDate]}
      - {field: address, kind: address, properties: [address]}
      - {field: email, kind: email, properties: [email]}
    blocking:
      - [id.value]
      - [id.halves]
      - [email.local_part]
      - [name.token_pairs]
      - [name.tokens, born.year]
      - [name.tokens, born.month_day]
      - [name.tokens, address.postcode]
  Organization:
    fields:
      - {field: name, kind: organization_name, properties: [name]}
    blocking:
      - [name.tokens]
)",
                                                          "blocking")
                                       .value();
  return m;
}

PersonRecord Rec(const std::string& id, std::vector<std::pair<std::string, std::string>> props,
                 const std::string& schema = "Person") {
  PersonRecord r;
  r.id = id;
  r.schema = schema;
  r.properties = std::move(props);
  return r;
}

bool Has(const CandidatePairs& c, uint32_t a, uint32_t b) {
  return std::binary_search(c.pairs.begin(), c.pairs.end(), MakePair(a, b));
}

// Each pass reaches the pair it is made for, and no pass pairs records of different schemas.
TEST(Blocking, EachPassFindsItsKindOfPair) {
  std::vector<PersonRecord> recs = {
      Rec("0", {{"name", "Mary Jones"}, {"idNumber", "6988048"}}),
      Rec("1", {{"name", "Tom Brown"}, {"idNumber", "6988084"}}),  // id: last half differs, first half shared
      Rec("2", {{"name", "Anna Smith"}, {"email", "anna.s@x.org"}}),
      Rec("3", {{"name", "Hannah Smyth"}, {"email", "anna.s@y.com"}}),  // e-mail local part
      Rec("4", {{"name", "Ali Raza Khan"}}),
      Rec("5", {{"name", "Khan Ali Raza"}}),  // token pairs, order ignored
      Rec("6", {{"name", "Sara Baloch"}, {"birthDate", "1980-02-03"}}),
      Rec("7", {{"name", "Saraa Baloch"}, {"birthDate", "1980-07-09"}}),  // token + year
      Rec("8", {{"name", "Zoe Park"}, {"birthDate", "1981-02-03"}}),
      Rec("9", {{"name", "Zoe Parks"}, {"birthDate", "1918-02-03"}}),  // token + month-day
      Rec("10", {{"name", "Lee Wong"}, {"address", "6 Tullaroop St 4011"}}),
      Rec("11", {{"name", "Lee Wang"}, {"address", "Tullaroop Street, Willaroo 4011"}}),  // token + postcode
      Rec("12", {{"name", "Mary Jones"}}, "Organization"),
  };
  EncodedRecords r(N(), Keyed());
  r.Append(recs);
  BlockingOptions o;
  o.keep_pass_pairs = true;
  const CandidatePairs c = GenerateCandidatePairs(r, o);
  EXPECT_TRUE(Has(c, 0, 1));
  EXPECT_TRUE(Has(c, 2, 3));
  EXPECT_TRUE(Has(c, 4, 5));
  EXPECT_TRUE(Has(c, 6, 7));
  EXPECT_TRUE(Has(c, 8, 9));
  EXPECT_TRUE(Has(c, 10, 11));
  EXPECT_FALSE(Has(c, 0, 12));  // another schema
  EXPECT_FALSE(Has(c, 0, 4));
  ASSERT_EQ(c.stats.size(), 8u);
  for (const auto& s : c.stats) EXPECT_EQ(s.pairs, s.pair_list.size()) << s.key;
  // Training pairs come from tight passes only: the id pair, not the token pairs.
  EXPECT_TRUE(std::binary_search(c.training_pairs.begin(), c.training_pairs.end(), MakePair(0, 1)));
  EXPECT_FALSE(std::binary_search(c.training_pairs.begin(), c.training_pairs.end(), MakePair(4, 5)));
  // One training session per tight pass that produced pairs, with the field it blocks on masked
  // (id: field 1, email: field 4); its pairs are the pass's own, never a loose pass's.
  ASSERT_FALSE(c.training_passes.empty());
  bool id_session = false;
  for (const auto& pass : c.training_passes) {
    EXPECT_EQ(pass.schema, 0);
    EXPECT_TRUE(pass.masked_fields == 1u << 1 || pass.masked_fields == 1u << 4) << pass.masked_fields;
    EXPECT_FALSE(std::binary_search(pass.pairs.begin(), pass.pairs.end(), MakePair(4, 5)));
    id_session |=
        pass.masked_fields == 1u << 1 && std::binary_search(pass.pairs.begin(), pass.pairs.end(), MakePair(0, 1));
  }
  EXPECT_TRUE(id_session);
}

// Serial reference: the pairs of a keyed pass are exactly the record pairs sharing a key (blocks
// below the size cap), found by brute force over every pair.
TEST(Blocking, KeyedPassesEqualTheBruteForceReference) {
  SyntheticOptions so;
  so.records = 600;
  so.seed = 17;
  const SyntheticPeople people = std::move(GenerateSyntheticPeople(so, DataPath("data/reference"))).value();
  std::vector<PersonRecord> recs;
  for (const auto& p : people.records) {
    PersonRecord q;
    q.id = p.id;
    for (const auto& n : p.names) q.properties.emplace_back("name", n);
    for (const auto& b : p.birth_dates) q.properties.emplace_back("birthDate", b);
    for (const auto& id : p.national_ids) q.properties.emplace_back("idNumber", id);
    recs.push_back(std::move(q));
  }
  EncodedRecords r(N(), Keyed());
  r.Append(recs);
  BlockingOptions o;
  o.max_block_size = 1000000;  // no windowing: the reference is all-pairs
  o.keep_pass_pairs = true;
  const CandidatePairs c = GenerateCandidatePairs(r, o);
  const SchemaModel& person = *Keyed().Find("Person");
  for (size_t p = 0; p < person.blocking.size(); ++p) {
    std::vector<std::vector<uint64_t>> keys(r.size());
    for (uint32_t i = 0; i < r.size(); ++i) {
      BlockingKeys(r, person.blocking[p], i, &keys[i]);
      std::sort(keys[i].begin(), keys[i].end());
    }
    std::set<uint64_t> expected;
    for (uint32_t a = 0; a < r.size(); ++a)
      for (uint32_t b = a + 1; b < r.size(); ++b) {
        std::vector<uint64_t> common;
        std::set_intersection(keys[a].begin(), keys[a].end(), keys[b].begin(), keys[b].end(),
                              std::back_inserter(common));
        if (!common.empty()) expected.insert(MakePair(a, b));
      }
    const auto& got = c.stats[p].pair_list;
    EXPECT_EQ(std::vector<uint64_t>(expected.begin(), expected.end()), got) << c.stats[p].key;
  }
  // The union is every pass's pairs together.
  std::set<uint64_t> all;
  for (const auto& s : c.stats) all.insert(s.pair_list.begin(), s.pair_list.end());
  EXPECT_EQ(std::vector<uint64_t>(all.begin(), all.end()), c.pairs);
}

// A block above the cap meets only `window` neighbours a record: the candidate count stays linear.
TEST(Blocking, LargeBlocksAreWindowedAndCounted) {
  std::vector<PersonRecord> recs;
  for (int i = 0; i < 500; ++i)
    recs.push_back(Rec(std::to_string(i), {{"name", "Muhammad Ali"}, {"birthDate", "1980"}}));
  EncodedRecords r(N(), Keyed());
  r.Append(recs);
  BlockingOptions o;
  o.max_block_size = 64;
  o.window = 4;
  const CandidatePairs c = GenerateCandidatePairs(r, o);
  EXPECT_LE(c.pairs.size(), 500u * 4);
  uint64_t windowed = 0;
  for (const auto& s : c.stats) windowed += s.windowed_blocks;
  EXPECT_GT(windowed, 0u);
}

TEST(Blocking, PairCompletenessCountsTruePairsAmongCandidates) {
  CandidatePairs c;
  c.pairs = {MakePair(0, 1), MakePair(1, 2), MakePair(3, 4)};
  // labels: {0,1,2} one person (3 true pairs), {3} and {4} others, 5 unlabelled.
  const PairCompleteness pc = MeasurePairCompleteness(c, {"a", "a", "a", "b", "c", ""});
  EXPECT_EQ(pc.true_pairs, 3u);
  EXPECT_EQ(pc.found, 2u);
  EXPECT_NEAR(pc.completeness, 2.0 / 3, 1e-12);
}

}  // namespace
}  // namespace kashf::resolve

namespace kashf::resolve {
namespace {

// A pass on the birth date alone (opt-in: `extends: default` + `[birth_date.value]`) reaches a pair
// whose names share nothing (both tokens corrupted) when the full date agrees; a year alone does
// not pair them with a full date.
TEST(Blocking, BirthDatePassPairsEqualFullDates) {
  const ComparisonModel model =
      std::move(ComparisonModel::Parse("extends: default\nschemas:\n  Person:\n    blocking:\n"
                                       "      - [birth_date.value]\n",
                                       "dob.yaml", nullptr))
          .value();
  std::vector<PersonRecord> recs = {
      Rec("0", {{"name", "Xqiv Zorbat"}, {"birthDate", "1971-06-24"}}),
      Rec("1", {{"name", "Plomek Urtas"}, {"birthDate", "1971-06-24"}}),
      Rec("2", {{"name", "Wendel Osgrim"}, {"birthDate", "1971"}}),
  };
  EncodedRecords r(N(), model);
  r.Append(recs);
  BlockingOptions o;
  o.keep_pass_pairs = true;
  const CandidatePairs c = GenerateCandidatePairs(r, o);
  const auto pass = std::find_if(c.stats.begin(), c.stats.end(),
                                 [](const BlockingKeyStats& s) { return s.key == "Person: birth_date.value"; });
  ASSERT_NE(pass, c.stats.end());
  EXPECT_EQ(pass->pair_list, std::vector<uint64_t>{MakePair(0, 1)});
  EXPECT_TRUE(Has(c, 0, 1));
}

}  // namespace
}  // namespace kashf::resolve
