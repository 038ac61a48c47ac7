#include "kashf/reports/cso_report.h"

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/victims/civil_date.h"

namespace kashf::reports {

Status ValidateNewReport(const ReportReference& reference, const std::string& today, CsoReport& report) {
  auto day = victims::DayNumber(report.date);
  if (!day) return Status::InvalidArgument("date must be YYYY-MM-DD, e.g. 2026-11-30");
  auto last = victims::DayNumber(today);
  if (last && *day > *last) return Status::InvalidArgument(fmt::format("date is after today ({})", today));
  if (*day < *victims::DayNumber("2000-01-01")) return Status::InvalidArgument("date is before 2000-01-01");
  const District* district = reference.FindDistrict(report.district);
  if (!district)
    return Status::InvalidArgument(
        "district is not in Kashf's district list; pick one of GET /api/v1/reports/reference (districts)");
  report.district = district->name;
  report.province = district->province;
  if (!reference.FindCategory(report.category))
    return Status::InvalidArgument(
        "category is not a report category; pick one of GET /api/v1/reports/reference (categories)");
  if (report.text.empty() || report.text.size() > kMaxReportText || !IsValidUtf8(report.text))
    return Status::InvalidArgument(fmt::format("text must be 1-{} bytes of UTF-8", kMaxReportText));
  if (report.contact.size() > kMaxReportContact || !IsValidUtf8(report.contact))
    return Status::InvalidArgument(fmt::format("contact must be at most {} bytes of UTF-8", kMaxReportContact));
  return Status::Ok();
}

Status ValidateLink(const ReportLink& link) {
  if (link.kind != "entity" && link.kind != "case")
    return Status::InvalidArgument("a link's kind is 'entity' or 'case'");
  if (link.target.empty() || link.target.size() > 64) return Status::InvalidArgument("a link's target is 1-64 bytes");
  for (unsigned char ch : link.target)
    if (ch < 0x21 || ch > 0x7e) return Status::InvalidArgument("a link's target is an id of printable ASCII");
  return Status::Ok();
}

}  // namespace kashf::reports
