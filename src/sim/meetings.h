// Meetings of a network's cells (docs/simulator.md, "Meetings"): who meets on which day, and who
// reports to the organiser after a meeting the organiser did not attend. A meeting is a pure
// function of (seed, meeting index, population, shielded), so the meetings file and the report
// calls in the call records are written in separate passes and agree.
#pragma once
#include <cstdint>
#include <vector>

#include "population.h"

namespace kashf::sim {

// Reports after a meeting are calls made on its day or up to this many days after it.
inline constexpr int64_t kReportDays = 2;

struct Meeting {
  int64_t network = 0;
  int64_t organiser = 0;           // person whose lieutenant leads the cell
  int64_t lieutenant = 0;          // the broker in the organiser's slot; always attends
  int64_t day = 0;                 // days since 1970-01-01, within the simulated period
  std::vector<int64_t> attendees;  // persons, distinct, lieutenant first
  // Attendees who call the organiser after the meeting (the lieutenant and the other broker
  // present) when the organiser did not attend; empty when it did.
  std::vector<int64_t> reporters;
};

// Meeting `k`: in a random network, organiser slot s's lieutenant (broker slot s), one other
// broker, one or two recruiters and, half the time, a transporter meet on a random day. The
// organiser attends half the meetings, or none with `shielded` (then it only hears the reports).
Meeting PlanMeeting(const Population& pop, uint64_t seed, int64_t k, bool shielded, int64_t first_day,
                    int64_t last_day);

}  // namespace kashf::sim
