// Reference data of civil-society reports: the report categories (data/reference/
// cso-report-categories.tsv) and the districts a report may name (data/reference/pk-districts.tsv,
// the same district list the simulator and the map use).
#pragma once
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::reports {

struct ReportCategory {
  std::string code;    // stored, e.g. "suspicious_job_offer_abroad"
  std::string label;   // shown, e.g. "Suspicious job offer abroad"
  std::string domain;  // firearms | trafficking | other
};

struct District {
  std::string name;      // "Gujrat"
  std::string province;  // "Punjab"
};

class ReportReference {
 public:
  // InvalidArgument naming file and line for a malformed row; NotFound when a file is missing.
  static Result<ReportReference> LoadFiles(const std::string& categories_tsv, const std::string& districts_tsv);
  static Result<ReportReference> LoadDefault();

  const std::vector<ReportCategory>& categories() const { return categories_; }
  const std::vector<District>& districts() const { return districts_; }
  const ReportCategory* FindCategory(const std::string& code) const;
  // Exact name, then case-insensitive; nullptr when the district is not in the list.
  const District* FindDistrict(const std::string& name) const;

 private:
  std::vector<ReportCategory> categories_;
  std::vector<District> districts_;
};

}  // namespace kashf::reports
