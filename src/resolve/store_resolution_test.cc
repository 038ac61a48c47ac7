#include "kashf/resolve/store_resolution.h"

#include <gtest/gtest.h>

#include "kashf/core/paths.h"
#include "kashf/resolve/evaluation.h"
#include "kashf/resolve/synthetic_people.h"
#include "kashf/testing/files.h"

namespace kashf::resolve {
namespace {

const NameNormaliser& N() {
  static NameNormaliser n = std::move(NameNormaliser::LoadDefault()).value();
  return n;
}

StoreResolveOptions Fast() {
  StoreResolveOptions o;
  o.resolve.u_sample_pairs = 100000;
  return o;
}

std::vector<Statement> ToStatements(const PersonRecord& r) {
  std::vector<Statement> out;
  auto add = [&](const std::string& prop, const std::string& value) {
    out.push_back({r.id, r.schema, prop, value, r.dataset, r.id, 1});
  };
  for (const auto& v : r.names) add("name", v);
  for (const auto& v : r.father_names) add("fatherName", v);
  for (const auto& v : r.national_ids) add("cnic", v);
  for (const auto& v : r.phones) add(r.IsPerson() ? "phone" : "number", v);
  for (const auto& v : r.birth_dates) add("birthDate", v);
  if (!r.gender.empty()) add("gender", r.gender);
  if (!r.district.empty()) add("district", r.district);
  return out;
}

class StoreResolutionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = kashf::testing::FreshTempDir("store-resolve");
    db_ = dir_ + "/k.db";
    model_ = std::move(Model::LoadDefault()).value();
    store_ = std::move(OpenSqliteStore(db_, model_)).value();
    SyntheticOptions o;
    o.records = 1500;
    o.phone_only_share = 0.2;
    data_ = std::move(GenerateSyntheticPeople(o, DataPath("data/reference"))).value();
  }
  void Load(size_t from, size_t to) {
    std::vector<Statement> batch;
    for (size_t i = from; i < to; ++i)
      for (auto& s : ToStatements(data_.records[i])) batch.push_back(std::move(s));
    ASSERT_TRUE(store_->Begin().ok());
    ASSERT_TRUE(store_->PutStatements(batch).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  double F1() {
    std::vector<std::string> predicted, truth;
    for (size_t i = 0; i < data_.records.size(); ++i) {
      auto c = store_->ClusterOf(data_.records[i].id);
      predicted.push_back(c.ok() ? *c : "");
      truth.push_back(data_.truth[i]);
    }
    return EvaluateClusters(predicted, truth).f1;
  }

  std::string dir_, db_;
  Model model_;
  std::unique_ptr<Store> store_;
  SyntheticPeople data_;
};

TEST_F(StoreResolutionTest, LoadsPersonsAndPhonesFromStatements) {
  Load(0, data_.records.size());
  auto records = LoadResolvableRecords(*store_, LoadComparisonModel("").value());
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  EXPECT_EQ(records->size(), data_.records.size());
  size_t phones = 0;
  for (const auto& r : *records) phones += r.schema == "Phone";
  EXPECT_GT(phones, 0u);
}

TEST_F(StoreResolutionTest, FullThenIncrementalKeepsIdsAndQuality) {
  const size_t first = 1200;
  Load(0, first);
  StoreResolveOptions options;
  options.resolve.u_sample_pairs = 100000;
  auto full = ResolveStore(*store_, db_, N(), options);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_FALSE(full->incremental);
  EXPECT_TRUE(full->report.trained);
  std::vector<std::string> before;
  for (size_t i = 0; i < first; ++i) before.push_back(*store_->ClusterOf(data_.records[i].id));

  // Same data again: incremental with nothing new, no id changes.
  auto again = ResolveStore(*store_, db_, N(), options);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->incremental);
  EXPECT_EQ(again->changed_entities, 0u);

  Load(first, data_.records.size());
  auto more = ResolveStore(*store_, db_, N(), options);
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  EXPECT_TRUE(more->incremental);
  EXPECT_FALSE(more->report.trained);
  EXPECT_EQ(more->report.new_records, data_.records.size() - first);
  size_t kept = 0;
  for (size_t i = 0; i < first; ++i) kept += *store_->ClusterOf(data_.records[i].id) == before[i];
  EXPECT_GT(kept, first * 99 / 100);
  const double incremental_f1 = F1();
  EXPECT_GE(incremental_f1, 0.93);

  // A full re-run with the stored model gives the same ids as before for unchanged clusters.
  options.full = true;
  auto rerun = ResolveStore(*store_, db_, N(), options);
  ASSERT_TRUE(rerun.ok());
  EXPECT_FALSE(rerun->incremental);
  EXPECT_FALSE(rerun->report.trained);
  EXPECT_LT(rerun->changed_entities, data_.records.size() / 50);
  EXPECT_NEAR(F1(), incremental_f1, 0.02);  // linking increments loses little against a full run
}

TEST_F(StoreResolutionTest, ExplainNeedsAResolvedStore) {
  Load(0, 100);
  EXPECT_EQ(ResolverForStore(*store_, db_, N()).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ResolveStore(*store_, db_, N(), Fast()).ok());
  auto resolver = ResolverForStore(*store_, db_, N());
  ASSERT_TRUE(resolver.ok()) << resolver.status().ToString();
  EXPECT_TRUE((*resolver)->IndexOf(data_.records[0].id).has_value());
  EXPECT_FALSE((*resolver)->IndexOf("no-such-id").has_value());
}

TEST_F(StoreResolutionTest, StatementsAreNeverChangedByResolution) {
  Load(0, 300);
  auto before = store_->Stats();
  ASSERT_TRUE(ResolveStore(*store_, db_, N(), Fast()).ok());
  Judgement j{data_.records[0].id, data_.records[1].id, true, "t", 1, ""};
  ASSERT_TRUE(store_->PutJudgement(j).ok());
  StoreResolveOptions full = Fast();
  full.full = true;
  ASSERT_TRUE(ResolveStore(*store_, db_, N(), full).ok());
  EXPECT_EQ(*store_->ClusterOf(data_.records[0].id), *store_->ClusterOf(data_.records[1].id));
  EXPECT_EQ(store_->Stats()->statements, before->statements);
}

// Vehicles (declared in the resolution model) are scored: a registration with other spacing or one
// mistyped character joins its vehicle when make, model and colour agree. Firearms (not declared)
// are still grouped by their exact key.
TEST_F(StoreResolutionTest, VehiclesGoThroughTheModelFirearmsByExactKey) {
  Load(0, 300);
  const char* makes[] = {"Toyota", "Suzuki", "Honda", "Hyundai"};
  const char* colours[] = {"white", "black", "silver", "red", "blue"};
  std::vector<Statement> batch;
  auto add = [&](const std::string& id, const std::string& schema, const std::string& prop, const std::string& value) {
    batch.push_back({id, schema, prop, value, "excise", id, 1});
  };
  for (int v = 0; v < 120; ++v) {
    const std::string number = std::to_string(100000 + v * 7919);
    const std::string written[] = {"LEA-" + number, "lea " + number, "LEA-" + number.substr(0, 5) + "9"};
    for (int c = 0; c < 3; ++c) {
      const std::string id = "veh" + std::to_string(v) + "-" + std::to_string(c);
      add(id, "Vehicle", "registrationNumber", written[c]);
      add(id, "Vehicle", "make", makes[v % 4]);
      add(id, "Vehicle", "color", colours[v % 5]);
    }
  }
  add("gun1", "Firearm", "make", "Glock");
  add("gun1", "Firearm", "serialNumber", "AB-123");
  add("gun2", "Firearm", "make", "GLOCK");
  add("gun2", "Firearm", "serialNumber", "ab 123");
  ASSERT_TRUE(store_->Begin().ok());
  ASSERT_TRUE(store_->PutStatements(batch).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto result = ResolveStore(*store_, db_, N(), Fast());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->keyed_entities, 2u);  // the firearms only
  int joined = 0, typo_joined = 0;
  for (int v = 0; v < 120; ++v) {
    const std::string base = *store_->ClusterOf("veh" + std::to_string(v) + "-0");
    joined += *store_->ClusterOf("veh" + std::to_string(v) + "-1") == base;
    typo_joined += *store_->ClusterOf("veh" + std::to_string(v) + "-2") == base;
    if (v > 0) {
      EXPECT_NE(base, *store_->ClusterOf("veh" + std::to_string(v - 1) + "-0"));
    }
  }
  EXPECT_EQ(joined, 120);
  EXPECT_GE(typo_joined, 110);
  EXPECT_EQ(*store_->ClusterOf("gun1"), *store_->ClusterOf("gun2"));
}

}  // namespace
}  // namespace kashf::resolve
