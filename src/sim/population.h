// The true population behind every simulated file: people, their identifiers and their place in a
// trafficking network. A person is a pure function of (seed, index), so files can be written in
// one streaming pass with no per-person state.
//
// Layout: persons [0, networks * kNetworkSize) belong to networks, in blocks of kNetworkSize with
// fixed role slots (organisers, brokers (the first kHawalaBrokers of them also hawala dealers),
// recruiters, transporters, victims); the rest are the general population (role "other"), of
// whom every kOtherHawalaEvery-th is an independent hawala dealer.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "reference.h"

namespace kashf::sim {

enum class Role { kOrganiser, kBroker, kRecruiter, kTransporter, kVictim, kOther };
const char* RoleName(Role role);

inline constexpr int64_t kNetworkSize = 100;
inline constexpr int64_t kOrganisers = 2, kBrokers = 4, kHawalaBrokers = 2, kRecruiters = 12,
                         kTransporters = 8;  // the remaining 74 slots are victims
inline constexpr int64_t kOtherHawalaEvery = 211;

struct Person {
  int64_t index = 0;
  Role role = Role::kOther;
  int64_t network = -1;  // -1 for the general population
  bool hawala_dealer = false;
  bool female = false;
  std::vector<size_t> given;   // name tokens (indices into ReferenceData::tokens)
  std::vector<size_t> father;  // father's name tokens
  int64_t clan = -1;           // clan token or -1
  size_t district = 0;
  std::string cnic;       // 13 digits, no dashes
  std::string phones[2];  // "3001234567" (national number without the leading 0)
  int phone_count = 1;
  std::string bank_account;    // 14 digits, or empty
  size_t bank = 0;             // index into vocabulary "bank"
  size_t wallet_provider = 0;  // index into vocabulary "wallet"
  std::string passport;        // "AB1234567"
  int birth_year = 1980;
  size_t route = 0;  // victims: index into routes
};

class Population {
 public:
  Population(const ReferenceData& ref, uint64_t seed, int64_t persons, int64_t networks);

  int64_t persons() const { return persons_; }
  int64_t networks() const { return networks_; }
  int64_t others() const { return persons_ - networks_ * kNetworkSize; }

  // Index of the person in network `n` at role slot `slot` (0 <= slot < kNetworkSize).
  int64_t Member(int64_t n, int64_t slot) const { return n * kNetworkSize + slot; }
  // Index of the `k`-th person of the general population (k taken modulo others()).
  int64_t Other(int64_t k) const { return networks_ * kNetworkSize + (k % others()); }
  // A family member (general population) of person `i`, who pays a victim's fee.
  int64_t FamilyOf(int64_t i) const;
  Role RoleOf(int64_t i) const;

  Person Get(int64_t i) const;
  static std::string TrueId(int64_t i);  // "P0000123"

 private:
  const ReferenceData& ref_;
  uint64_t seed_;
  int64_t persons_, networks_;
};

}  // namespace kashf::sim
