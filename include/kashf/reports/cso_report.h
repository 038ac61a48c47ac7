// A civil-society early-warning report (issue 17): what a partner NGO or community monitor saw,
// where and when, in a category from the reference table, with free text and an optional contact.
// The free text and the contact are need-to-know: only the submitter and roles with
// Permission::kReadReports see them; everything else sees counts (kashf/reports/report_events.h feeds the series).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/status.h"
#include "kashf/reports/report_reference.h"

namespace kashf::reports {

// An analyst's link from a report to a record it concerns.
struct ReportLink {
  std::string kind;    // "entity" (an entity or cluster id) or "case" (a case id)
  std::string target;  // the id
  std::string linked_by;
  int64_t linked_at = 0;  // Unix seconds
};

struct CsoReport {
  int64_t id = 0;        // assigned by the store
  std::string date;      // YYYY-MM-DD: when it was observed
  std::string district;  // canonical name from the district list
  std::string province;  // filled from the district list
  std::string category;  // a ReportCategory code
  std::string text;      // free text (need-to-know)
  std::string contact;   // optional (need-to-know)
  std::string submitted_by, agency;
  int64_t submitted_at = 0;  // Unix seconds
  std::vector<ReportLink> links;
};

constexpr size_t kMaxReportText = 4000;
constexpr size_t kMaxReportContact = 200;

// Checks a new report and canonicalises it (district spelling, province): a YYYY-MM-DD date not
// after `today` (YYYY-MM-DD) nor before 2000-01-01, a known district and category, free text of
// 1..kMaxReportText bytes, a contact of at most kMaxReportContact bytes, all valid UTF-8.
// InvalidArgument naming the field and what to use; the text and contact are never echoed.
Status ValidateNewReport(const ReportReference& reference, const std::string& today, CsoReport& report);

// "entity" or "case" and a target of 1..64 printable bytes; InvalidArgument otherwise.
Status ValidateLink(const ReportLink& link);

}  // namespace kashf::reports
