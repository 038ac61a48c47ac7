#include "population.h"

#include <set>

#include <gtest/gtest.h>

#include "kashf/core/paths.h"

namespace kashf::sim {
namespace {

TEST(PopulationTest, CnicFollowsProvinceAndSexRules) {
  auto ref = ReferenceData::Load(KashfHome());
  ASSERT_TRUE(ref.ok()) << ref.status().ToString();
  Population pop(*ref, 42, 5000, 5);
  std::set<std::string> cnics, phones;
  int women = 0;
  for (int64_t i = 0; i < pop.persons(); ++i) {
    Person p = pop.Get(i);
    ASSERT_EQ(p.cnic.size(), 13u);
    EXPECT_EQ(p.cnic[0], ref->districts[p.district].cnic_digit);
    int last = p.cnic[12] - '0';
    EXPECT_EQ(last % 2, p.female ? 0 : 1) << p.cnic;
    EXPECT_NE(last, 0);
    women += p.female;
    EXPECT_TRUE(cnics.insert(p.cnic).second) << "duplicate CNIC";
    for (int k = 0; k < p.phone_count; ++k) {
      EXPECT_EQ(p.phones[k].size(), 10u);
      EXPECT_EQ(p.phones[k][0], '3');
      EXPECT_TRUE(phones.insert(p.phones[k]).second) << "duplicate phone";
    }
  }
  EXPECT_GT(women, 0);
}

TEST(PopulationTest, RolesFollowTheNetworkLayout) {
  auto ref = ReferenceData::Load(KashfHome());
  ASSERT_TRUE(ref.ok());
  Population pop(*ref, 7, 1000, 3);
  EXPECT_EQ(pop.RoleOf(pop.Member(1, 0)), Role::kOrganiser);
  EXPECT_EQ(pop.RoleOf(pop.Member(1, kOrganisers)), Role::kBroker);
  EXPECT_TRUE(pop.Get(pop.Member(1, kOrganisers)).hawala_dealer);
  EXPECT_EQ(pop.RoleOf(pop.Member(2, kNetworkSize - 1)), Role::kVictim);
  EXPECT_EQ(pop.RoleOf(pop.Other(0)), Role::kOther);
  EXPECT_EQ(pop.Get(pop.Member(2, 10)).network, 2);
  EXPECT_EQ(pop.RoleOf(pop.FamilyOf(5)), Role::kOther);
  // Deterministic: the same index gives the same person.
  EXPECT_EQ(pop.Get(123).cnic, pop.Get(123).cnic);
  Population other_seed(*ref, 8, 1000, 3);
  EXPECT_NE(pop.Get(123).cnic, other_seed.Get(123).cnic);
}

}  // namespace
}  // namespace kashf::sim
