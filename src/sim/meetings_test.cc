#include "meetings.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "kashf/core/paths.h"
#include "kashf/sim/simulate.h"
#include "kashf/sim/truth.h"
#include "kashf/testing/files.h"
#include "noise.h"

namespace kashf::sim {
namespace {

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {  // no quoted commas in these files
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    std::string cell;
    while (std::getline(s, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

int64_t Day(const std::string& iso) {
  return DaysFromCivil(std::stoi(iso.substr(0, 4)), static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                       static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
}

// Read back from the files alone: every meeting has its organiser's lieutenant and never, with
// shielded leaders, an organiser; and at least two attendees call that organiser (the lieutenant
// and the other broker) within kReportDays of the meeting, the "reports after events" evidence.
TEST(MeetingsTest, ShieldedOrganisersNeverAttendButHearFromTwoAttendeesWithinDays) {
  SimulationOptions o;
  o.records = 5000;
  o.seed = 3;
  o.bad_row_rate = 0;
  o.shielded_leaders = true;
  o.out_dir = kashf::testing::FreshTempDir("sim_meetings");
  auto summary = Simulate(o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  auto ref = ReferenceData::Load(KashfHome());
  ASSERT_TRUE(ref.ok());
  const Population pop(*ref, o.seed, summary->persons, summary->networks);
  auto truth = LoadRecordTruth(o.out_dir + "/truth/records.csv");
  ASSERT_TRUE(truth.ok());
  std::map<std::string, int64_t> person_of_rec;  // rec_id -> person index
  for (const auto& t : *truth)
    if (t.dataset == "surveillance-meetings") person_of_rec[t.key] = std::stoll(t.true_id.substr(1));
  std::map<std::string, int64_t> phone_owner;  // "92..." -> network member
  for (int64_t i = 0; i < pop.networks() * kNetworkSize; ++i) {
    const Person p = pop.Get(i);
    for (int k = 0; k < p.phone_count; ++k) phone_owner["92" + p.phones[k]] = i;
  }
  std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> calls_to;  // callee -> (caller, day)
  for (const auto& c : ReadCsv(o.out_dir + "/data/call-records.csv")) {
    auto from = phone_owner.find(c[3]), to = phone_owner.find(c[4]);
    if (from != phone_owner.end() && to != phone_owner.end()) calls_to[to->second].push_back({from->second, Day(c[1])});
  }
  struct Seen {
    int64_t day = 0;
    std::set<int64_t> attendees;
  };
  std::map<std::string, Seen> meetings;
  for (const auto& row : ReadCsv(o.out_dir + "/data/surveillance-meetings.csv")) {
    ASSERT_EQ(person_of_rec.count(row[4]), 1u) << row[4];
    meetings[row[0]].day = Day(row[1]);
    meetings[row[0]].attendees.insert(person_of_rec[row[4]]);
  }
  ASSERT_GE(meetings.size(), 10u);
  for (const auto& [id, m] : meetings) {
    int64_t organiser = -1;
    for (int64_t a : m.attendees) {
      const int64_t slot = a % kNetworkSize;
      EXPECT_GE(slot, kOrganisers) << id << ": an organiser attended";
      if (slot == kOrganisers || slot == kOrganisers + 1) organiser = a - kOrganisers;  // a lieutenant's organiser
    }
    ASSERT_GE(organiser, 0) << id << ": no lieutenant";
    std::set<int64_t> reporters;
    for (const auto& [caller, day] : calls_to[organiser])
      if (m.attendees.count(caller) && day >= m.day && day <= m.day + kReportDays) reporters.insert(caller);
    EXPECT_GE(reporters.size(), 2u) << id;
  }
}

// Open leaders attend about half their cells' meetings; the plan is a pure function of its inputs.
TEST(MeetingsTest, OpenOrganisersAttendSomeMeetingsAndPlansRepeat) {
  auto ref = ReferenceData::Load(KashfHome());
  ASSERT_TRUE(ref.ok());
  const Population pop(*ref, 9, 2000, 3);
  int attended = 0;
  for (int64_t k = 0; k < 200; ++k) {
    const Meeting m = PlanMeeting(pop, 9, k, false, 17000, 17100);
    const Meeting again = PlanMeeting(pop, 9, k, false, 17000, 17100);
    EXPECT_EQ(m.attendees, again.attendees);
    EXPECT_EQ(m.attendees.front(), m.lieutenant);
    const bool present = std::count(m.attendees.begin(), m.attendees.end(), m.organiser) == 1;
    attended += present;
    EXPECT_EQ(m.reporters.empty(), present);
    EXPECT_GE(m.day, 17000);
    EXPECT_LE(m.day, 17100);
  }
  EXPECT_GT(attended, 60);
  EXPECT_LT(attended, 140);
}

}  // namespace
}  // namespace kashf::sim
