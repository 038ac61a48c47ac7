// Reports after events: whom the attendees of a meeting contact shortly after it. A leader who
// keeps to the edge attends little, yet hears from the attendees of many meetings within a day or
// two: the one they report to. Hidden-leader evidence for the organiser score (roles.h,
// docs/network.md "Roles").
//
// Definition. For each dated event E (EventInfo::day != 0) with at least two attendee nodes A(E),
// a call record (voice calls or text messages) from an attendee a to an actor r that did not
// attend E, dated on E's day or up to `window_days` days after it, is a report of a to r. In the
// identifiers view a phone stands for its holder (Node::holder), so a call from an attendee's phone
// is the attendee's. E counts for r when at least `min_reporters` distinct attendees reported to r
// (one attendee calling someone after a meeting is ordinary; several calling the same person is not).
//   reports(r) = sum over the events E that count for r of |reporters(E, r)| / |A(E)|
// Time resolution is the data's: the store keeps days, so a call on the event's own day counts even
// when it came before the event that day.
// Cost: one pass over the call records to index them by caller and day, then for each event and
// attendee a binary search and the calls in the window. Thread safety: pure function.
#pragma once
#include <cstdint>
#include <vector>

#include "kashf/core/status.h"
#include "kashf/network/entity_network.h"

namespace kashf::network {

struct EventReportOptions {
  int32_t window_days = 2;     // calls up to this many days after the event's day (0 = that day only)
  uint32_t min_reporters = 2;  // distinct attendees who must report to the same node after one event
};

struct EventReports {
  bool has_dated_events = false;  // some dated event has at least two attendees
  bool has_dated_calls = false;   // some call record is dated
  bool HasEvidence() const { return has_dated_events && has_dated_calls; }
  // Per node (sized num_nodes when HasEvidence(), else empty):
  std::vector<double> score;              // reports(r) above
  std::vector<uint32_t> events;           // events that count for it
  std::vector<uint32_t> reporters;        // distinct reporters, summed over those events
  std::vector<uint32_t> attendees;        // their attendees, summed over those events
  std::vector<uint64_t> calls, messages;  // from the reporters within those windows, kept apart
  std::vector<uint32_t> top_event;        // index into events() of the one with the largest share (kNoEvent)
  std::vector<uint32_t> top_reporters;    // that event's reporters
  static constexpr uint32_t kNoEvent = ~0u;
};

// InvalidArgument naming the option when window_days is outside 0..365 or min_reporters is 0.
Status CheckEventReportOptions(const EventReportOptions& o);

// Precondition: CheckEventReportOptions(o) is Ok (out-of-range values are clamped into range).
EventReports FindEventReports(const EntityNetwork& net, const EventReportOptions& o = {});

}  // namespace kashf::network
