// Tracing requests and answers (Firearms Protocol Art. 12.4; International Tracing Instrument
// paras. 17-19). A request must state why the weapon is considered illicit and the legal basis,
// the markings, type and calibre, and the intended use of the information (ITI para. 17).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/status.h"
#include "kashf/firearms/firearm.h"

namespace kashf::firearms {

struct TraceRequest {
  std::string id;  // e.g. "TR-2025-000017"; assigned by the registry when empty
  int64_t firearm_id = 0;
  std::string date;  // YYYY-MM-DD
  std::string requesting_agency;
  std::string requested_party;  // State point of contact, INTERPOL iARMS, manufacturer ...
  std::string illicit_reason;   // ITI 17(a): why the weapon is illicit
  std::string legal_basis;      // ITI 17(a): legal justification
  std::string markings;         // ITI 17(b): all markings, as read (filled from the record when empty)
  std::string type;             // ITI 17(b)
  std::string calibre;          // ITI 17(b)
  std::string intended_use;     // ITI 17(c)
  std::string status = "open";  // open | answered
};

// Outcome of a trace: "origin_established" counts towards SDG 16.4.2.
struct TraceAnswer {
  int64_t id = 0;
  std::string request_id;
  std::string date;
  std::string responder;
  std::string outcome;  // origin_established | partial | not_traceable | no_record
  std::string last_lawful_holder;
  std::string diversion_point;  // as stated by the answering party
  std::string text;
};

// The allowed answer outcomes.
const std::vector<std::string>& TraceOutcomes();

// Ok when every ITI para. 17 element is present; otherwise InvalidArgument naming the missing ones.
Status ValidateTraceRequest(const TraceRequest& r);
Status ValidateTraceAnswer(const TraceAnswer& a);

// "serial ABC123; make Glock; made in at (Deutsch-Wagram); import mark pk 2019; model M1": the
// markings text a request carries when the officer did not type one.
std::string DescribeMarkings(const Firearm& f);

}  // namespace kashf::firearms
