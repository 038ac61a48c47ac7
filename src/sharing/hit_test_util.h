// Test helper for hit/no-hit: two synthetic agencies (a provincial police force that answers and
// the FIA that asks), each with its key file and the other in its partner directory.
#pragma once
#include <string>

#include <gtest/gtest.h>

#include "kashf/sharing/agency_identity.h"
#include "kashf/sharing/partner_directory.h"
#include "kashf/testing/files.h"

namespace kashf::sharing::testing {

struct TwoAgencies {
  AgencyIdentity police;  // answers
  AgencyIdentity fia;     // asks
  PartnerDirectory police_partners;
  PartnerDirectory fia_partners;
};

inline AgencyIdentity NewAgency(const std::string& dir, const std::string& id) {
  const std::string path = dir + "/" + id + ".key";
  EXPECT_TRUE(AgencyIdentity::Generate(path, {id, "Test agency " + id, "PK", {}, {}}).ok());
  auto identity = AgencyIdentity::FromFile(path);
  EXPECT_TRUE(identity.ok()) << identity.status().ToString();
  return identity.ok() ? *identity : AgencyIdentity();
}

inline TwoAgencies MakeTwoAgencies(const std::string& name) {
  const std::string dir = kashf::testing::FreshTempDir(name);
  TwoAgencies a{NewAgency(dir, "punjab-police"), NewAgency(dir, "fia-ahtc"), {}, {}};
  EXPECT_TRUE(a.police_partners.Add(a.fia.card(), a.fia.card().Fingerprint()).ok());
  EXPECT_TRUE(a.fia_partners.Add(a.police.card(), a.police.card().Fingerprint()).ok());
  return a;
}

}  // namespace kashf::sharing::testing
