#include "population.h"

#include <fmt/format.h>

#include "random.h"

namespace kashf::sim {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kOrganiser: return "organiser";
    case Role::kBroker: return "broker";
    case Role::kRecruiter: return "recruiter";
    case Role::kTransporter: return "transporter";
    case Role::kVictim: return "victim";
    case Role::kOther: return "other";
  }
  return "other";
}

Population::Population(const ReferenceData& ref, uint64_t seed, int64_t persons, int64_t networks)
    : ref_(ref), seed_(seed), persons_(persons), networks_(networks) {}

int64_t Population::FamilyOf(int64_t i) const {
  return Other(static_cast<int64_t>(SplitMix64(seed_ ^ (static_cast<uint64_t>(i) * 31 + 7)) >> 1));
}

Role Population::RoleOf(int64_t i) const {
  if (i >= networks_ * kNetworkSize) return Role::kOther;
  int64_t slot = i % kNetworkSize;
  if (slot < kOrganisers) return Role::kOrganiser;
  slot -= kOrganisers;
  if (slot < kBrokers) return Role::kBroker;
  slot -= kBrokers;
  if (slot < kRecruiters) return Role::kRecruiter;
  slot -= kRecruiters;
  if (slot < kTransporters) return Role::kTransporter;
  return Role::kVictim;
}

std::string Population::TrueId(int64_t i) { return fmt::format("P{:07d}", i); }

Person Population::Get(int64_t i) const {
  Rng rng(seed_, kPersonStream, static_cast<uint64_t>(i));
  Person p;
  p.index = i;
  p.role = RoleOf(i);
  if (p.role != Role::kOther) p.network = i / kNetworkSize;
  int64_t slot = i % kNetworkSize;
  p.hawala_dealer = (p.role == Role::kBroker && slot - kOrganisers < kHawalaBrokers) ||
                    (p.role == Role::kOther && (i - networks_ * kNetworkSize) % kOtherHawalaEvery == 5);
  double female_share = p.role == Role::kVictim ? 0.4 : p.role == Role::kOther ? 0.12 : 0.02;
  p.female = rng.Chance(female_share);
  auto male_token = [&] { return ref_.male[ref_.male_pick.Pick(rng.Below(ref_.male_pick.total()))]; };
  if (p.female) {
    p.given.push_back(ref_.female[ref_.female_pick.Pick(rng.Below(ref_.female_pick.total()))]);
    if (rng.Chance(0.3)) p.given.push_back(ref_.suffix[rng.Below(ref_.suffix.size())]);
  } else {
    if (rng.Chance(0.45)) p.given.push_back(ref_.prefix[rng.Chance(0.8) ? 0 : rng.Below(ref_.prefix.size())]);
    p.given.push_back(male_token());
  }
  if (rng.Chance(0.35)) p.father.push_back(ref_.prefix[rng.Chance(0.7) ? 0 : rng.Below(ref_.prefix.size())]);
  p.father.push_back(male_token());
  if (rng.Chance(0.5)) p.clan = static_cast<int64_t>(ref_.clan[ref_.clan_pick.Pick(rng.Below(ref_.clan_pick.total()))]);
  p.district = ref_.district_pick.Pick(rng.Below(ref_.district_pick.total()));
  // CNIC: province digit, 4 digits for the district, 7 digits, last digit odd for men, even for women.
  const District& d = ref_.districts[p.district];
  int last = static_cast<int>(rng.Below(5)) * 2 + (p.female ? 0 : 1);
  if (p.female && last == 0) last = 2 * static_cast<int>(1 + rng.Below(4));
  // Identifiers are distinct per person: the serial part is an affine permutation of the person
  // index (multiplier coprime to the modulus), offset by the seed.
  auto serial = [&](uint64_t k, uint64_t modulus, uint64_t salt) {
    return (k * 7919ULL * 7907ULL + (SplitMix64(seed_ ^ salt) % modulus)) % modulus;
  };
  const auto u = static_cast<uint64_t>(i);
  p.cnic = fmt::format("{}{:04d}{:07d}{}", d.cnic_digit, (p.district * 37 + 101) % 10000, serial(u, 10000000, 1), last);
  p.phone_count = rng.Chance(0.3) || p.role == Role::kOrganiser ? 2 : 1;
  for (int k = 0; k < p.phone_count; ++k) {
    uint64_t n = serial(2 * u + static_cast<uint64_t>(k), 500000000, 2);  // 50 operator codes x 10^7 numbers
    p.phones[k] = fmt::format("3{:02d}{:07d}", n / 10000000, n % 10000000);
  }
  if (rng.Chance(p.role == Role::kVictim ? 0.3 : 0.6) || p.role == Role::kOrganiser || p.role == Role::kBroker) {
    p.bank = rng.Below(ref_.List("bank").size());
    p.bank_account = fmt::format("{:04d}{:010d}", 1000 + p.bank * 7, serial(u, 10000000000ULL, 3));
  }
  p.wallet_provider = rng.Below(ref_.List("wallet").size());
  uint64_t pass = serial(u, 676ULL * 10000000ULL, 4);
  p.passport = fmt::format("{}{}{:07d}", static_cast<char>('A' + pass / 10000000 / 26),
                           static_cast<char>('A' + pass / 10000000 % 26), pass % 10000000);
  p.birth_year = static_cast<int>(p.role == Role::kVictim ? rng.Between(1985, 2008) : rng.Between(1955, 2002));
  // A network works one route; its victims travel it.
  Rng route_rng(seed_, kPersonStream, ~static_cast<uint64_t>(p.network < 0 ? i : p.network));
  p.route = ref_.route_pick.Pick(route_rng.Below(ref_.route_pick.total()));
  return p;
}

}  // namespace kashf::sim
