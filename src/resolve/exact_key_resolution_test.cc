#include "kashf/resolve/exact_key_resolution.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::resolve {
namespace {

TEST(ExactKey, Normalise) {
  EXPECT_EQ(NormaliseIdentifierKey(" ab-12 345/x "), "AB12345X");
  EXPECT_EQ(NormaliseIdentifierKey("--"), "");
}

TEST(ExactKey, SameKeySameClusterStableIds) {
  std::vector<KeyedEntity> e = {
      {"a", "Firearm|GLOCK|AB1"}, {"b", "Firearm|GLOCK|AB1"}, {"c", ""}, {"d", ""}, {"e", "Firearm|CZ|AB1"}};
  auto c = ClusterByExactKey(e, {});
  EXPECT_EQ(c[0], c[1]);
  EXPECT_NE(c[2], c[3]);  // no key: never merged
  EXPECT_NE(c[0], c[4]);  // same serial, other maker
  EXPECT_EQ(ClusterByExactKey(e, {{"a", "OLD"}, {"b", "OLD"}})[1], "OLD");
}

TEST(ExactKey, LoadsFromTheStore) {
  const std::string dir = kashf::testing::FreshTempDir("exact-key");
  auto model = std::move(Model::LoadDefault()).value();
  auto store = std::move(OpenSqliteStore(dir + "/k.db", model)).value();
  std::vector<Statement> s = {
      {"x.Firearm.1", "Firearm", "make", "Glock", "x", "r1", 1},
      {"x.Firearm.1", "Firearm", "serialNumber", "ab-123", "x", "r1", 1},
      {"y.Firearm.9", "Firearm", "make", "GLOCK", "y", "r9", 1},
      {"y.Firearm.9", "Firearm", "serialNumber", "AB 123", "y", "r9", 1},
      {"y.Vehicle.2", "Vehicle", "registrationNumber", "LEA-1234", "y", "r2", 1},
      {"y.BankAccount.3", "BankAccount", "accountNumber", "0012-3", "y", "r3", 1},
  };
  ASSERT_TRUE(store->Begin().ok());
  ASSERT_TRUE(store->PutStatements(s).ok());
  ASSERT_TRUE(store->Commit().ok());
  auto keyed = LoadKeyedEntities(*store);
  ASSERT_TRUE(keyed.ok()) << keyed.status().ToString();
  ASSERT_EQ(keyed->size(), 4u);
  auto clusters = ClusterByExactKey(*keyed, {});
  std::map<std::string, std::string> by_id;
  for (size_t i = 0; i < keyed->size(); ++i) by_id[(*keyed)[i].id] = clusters[i];
  EXPECT_EQ(by_id["x.Firearm.1"], by_id["y.Firearm.9"]);
  EXPECT_NE(by_id["y.Vehicle.2"], by_id["y.BankAccount.3"]);
}

}  // namespace
}  // namespace kashf::resolve
