// Meetings of a network's cells (meetings.h).
#include "meetings.h"

#include <algorithm>

#include "random.h"

namespace kashf::sim {

Meeting PlanMeeting(const Population& pop, uint64_t seed, int64_t k, bool shielded, int64_t first_day,
                    int64_t last_day) {
  Rng rng(seed, kMeetingStream, static_cast<uint64_t>(k));
  Meeting m;
  const auto n = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(pop.networks())));
  const auto slot = static_cast<int64_t>(rng.Below(kOrganisers));
  constexpr int64_t kB = kOrganisers, kR = kB + kBrokers, kT = kR + kRecruiters;
  m.network = n;
  m.organiser = pop.Member(n, slot);
  m.lieutenant = pop.Member(n, kB + slot);
  m.day = rng.Between(first_day, last_day);
  const int64_t broker = pop.Member(n, kB + kOrganisers + static_cast<int64_t>(rng.Below(kBrokers - kOrganisers)));
  m.attendees = {m.lieutenant, broker};
  const int64_t recruiters = rng.Between(1, 2);
  for (int64_t i = 0; i < recruiters; ++i) {
    const int64_t r = pop.Member(n, kR + static_cast<int64_t>(rng.Below(kRecruiters)));
    if (std::find(m.attendees.begin(), m.attendees.end(), r) == m.attendees.end()) m.attendees.push_back(r);
  }
  if (rng.Chance(0.5)) m.attendees.push_back(pop.Member(n, kT + static_cast<int64_t>(rng.Below(kTransporters))));
  if (!shielded && rng.Chance(0.5)) m.attendees.push_back(m.organiser);
  else m.reporters = {m.lieutenant, broker};
  return m;
}

}  // namespace kashf::sim
