// ReportStore: civil-society early-warning reports behind an abstract interface (the pattern of
// FirearmRegistry and CaseRegistry), so an agency server can implement it on PostgreSQL. The
// SQLite implementation keeps tables cso_reports and cso_report_links in the Kashf store file, on
// its own connection, migrated as component "reports". Who may read what is decided by the caller
// (the server's role matrix); the store answers the filter it is given.
// Not thread-safe: one store object per thread.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/reports/cso_report.h"
#include "kashf/reports/report_reference.h"

namespace kashf::reports {

struct ReportFilter {
  std::optional<std::string> submitted_by;  // only this user's reports
  int64_t limit = 50, offset = 0;           // newest first
};

// What a report contributes to the count series: no text, no contact, no submitter.
struct ReportKey {
  int64_t id = 0;
  std::string date, district, province, category;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // ValidateNewReport() against `today` (YYYY-MM-DD), then stores it; returns the new id.
  // submitted_by, agency and submitted_at must be set by the caller.
  virtual Result<int64_t> Submit(CsoReport report, const std::string& today) = 0;
  // NotFound when there is no report `id`.
  virtual Result<CsoReport> Get(int64_t id) = 0;
  // One page of the reports matching `filter`, newest first, with their links.
  virtual Result<std::vector<CsoReport>> List(const ReportFilter& filter) = 0;
  virtual Result<int64_t> Count(const ReportFilter& filter) = 0;
  // ValidateLink(), then records it; NotFound when the report does not exist, AlreadyExists when
  // the same kind and target are linked already.
  virtual Status AddLink(int64_t report_id, ReportLink link) = 0;
  // Every report's date, district, province and category (the series source).
  virtual Result<std::vector<ReportKey>> Keys() = 0;

  virtual const ReportReference& reference() const = 0;
};

// Opens (creating and migrating) the report tables in the SQLite file `path`.
Result<std::unique_ptr<ReportStore>> OpenSqliteReportStore(const std::string& path, ReportReference reference);

}  // namespace kashf::reports
