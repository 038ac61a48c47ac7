// Civil-society early-warning reports (issue 17): partners (role cso) submit reports and read their
// own; analysts read every report with its free text and contact (need-to-know) and link reports to
// entities and cases; counts by period, district and category are the public aggregate. Every call
// is audited without the free text or the contact.
#include <fmt/format.h>

#include "body_reader.h"
#include "json_views.h"
#include "kashf/core/text.h"
#include "kashf/reports/report_events.h"
#include "kashf/victims/civil_date.h"
#include "kashf/warning/series.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

// The whole report: only for its submitter and roles with read_reports.
nlohmann::json ReportJson(const reports::CsoReport& r) {
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : r.links)
    links.push_back(
        {{"kind", l.kind}, {"target", l.target}, {"linked_by", l.linked_by}, {"at", TimeJson(l.linked_at)}});
  return {{"id", r.id},
          {"date", r.date},
          {"district", r.district},
          {"province", r.province},
          {"category", r.category},
          {"text", r.text},
          {"contact", r.contact},
          {"submitted_by", r.submitted_by},
          {"agency", r.agency},
          {"submitted_at", TimeJson(r.submitted_at)},
          {"links", links}};
}

Result<int64_t> ReportId(const Call& c) {
  const std::string& raw = c.Param("report_id");
  int64_t id = 0;
  if (raw.empty() || raw.size() > 18 || raw.find_first_not_of("0123456789") != std::string::npos ||
      (id = std::stoll(raw)) <= 0)
    return Status::InvalidArgument("a report id is a positive whole number, e.g. 17");
  return id;
}

Result<Reply> ReportList(Call& c, const reports::ReportFilter& scope, const std::string& action) {
  KASHF_ASSIGN_OR_RETURN(Page page, c.Paging(50));
  KASHF_ASSIGN_OR_RETURN(reports::ReportStore * store, c.db.reports());
  reports::ReportFilter f = scope;
  f.limit = page.limit;
  f.offset = page.offset;
  KASHF_ASSIGN_OR_RETURN(auto list, store->List(f));
  KASHF_ASSIGN_OR_RETURN(int64_t total, store->Count(f));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : list) items.push_back(ReportJson(r));
  KASHF_RETURN_IF_ERROR(c.Audit(action, "", fmt::format("returned={} offset={}", list.size(), page.offset)));
  const int64_t next = page.offset + static_cast<int64_t>(list.size());
  return JsonReply({{"items", items},
                    {"limit", page.limit},
                    {"offset", page.offset},
                    {"total", total},
                    {"next_offset", next < total ? nlohmann::json(next) : nlohmann::json(nullptr)}});
}

Result<Reply> Submit(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"date", "district", "category", "text", "contact"});
  reports::CsoReport r;
  r.date = b.String("date", true, 10);
  r.district = b.String("district", true, 100);
  r.category = b.String("category", true, 64);
  r.text = b.String("text", true, reports::kMaxReportText);
  r.contact = b.String("contact", false, reports::kMaxReportContact);
  KASHF_RETURN_IF_ERROR(b.status());
  r.submitted_by = c.user->username;
  r.agency = c.user->agency;
  r.submitted_at = NowUnixSeconds();
  KASHF_ASSIGN_OR_RETURN(reports::ReportStore * store, c.db.reports());
  KASHF_ASSIGN_OR_RETURN(int64_t id, store->Submit(r, victims::TodayUtc()));
  KASHF_ASSIGN_OR_RETURN(reports::CsoReport stored, store->Get(id));
  KASHF_RETURN_IF_ERROR(c.Audit("report.submit", fmt::format("report-{}", id),
                                fmt::format("district={} category={}", stored.district, stored.category)));
  return JsonReply(ReportJson(stored), 201);
}

Result<Reply> Mine(Call& c) {
  reports::ReportFilter f;
  f.submitted_by = c.user->username;
  return ReportList(c, f, "reports.list.own");
}

Result<Reply> All(Call& c) { return ReportList(c, {}, "reports.list"); }

Result<Reply> GetOne(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t id, ReportId(c));
  KASHF_ASSIGN_OR_RETURN(reports::ReportStore * store, c.db.reports());
  KASHF_ASSIGN_OR_RETURN(reports::CsoReport r, store->Get(id));
  KASHF_RETURN_IF_ERROR(c.Audit("report.read", fmt::format("report-{}", id), ""));
  return JsonReply(ReportJson(r));
}

Result<Reply> Link(Call& c) {
  KASHF_ASSIGN_OR_RETURN(int64_t id, ReportId(c));
  BodyReader b(c.body);
  b.OnlyFields({"kind", "target"});
  reports::ReportLink link;
  link.kind = b.String("kind", true, 16);
  link.target = b.String("target", true, 64);
  KASHF_RETURN_IF_ERROR(b.status());
  link.linked_by = c.user->username;
  link.linked_at = NowUnixSeconds();
  KASHF_ASSIGN_OR_RETURN(reports::ReportStore * store, c.db.reports());
  KASHF_RETURN_IF_ERROR(store->AddLink(id, link));
  KASHF_RETURN_IF_ERROR(
      c.Audit("report.link", fmt::format("report-{}", id), fmt::format("{}={}", link.kind, link.target)));
  KASHF_ASSIGN_OR_RETURN(reports::CsoReport r, store->Get(id));
  return JsonReply(ReportJson(r), 201);
}

// Counts through the early-warning series builder (kashf/warning/series.h) over the reports as
// events (kashf/reports/report_events.h): the same periods, gaps and future-date rule as every
// other series. The records behind each count are not returned.
Result<Reply> Series(Call& c) {
  warning::SeriesQuery q;
  const std::string interval = c.Query("interval", "week");
  KASHF_ASSIGN_OR_RETURN(q.period, warning::ParsePeriod(interval));
  const std::string by = c.Query("by");
  if (!by.empty() && by != "district" && by != "province" && by != "category")
    return Status::InvalidArgument("reports break down by district, province or category");
  q.breakdown = by == "category" ? "report_category" : by;
  q.from = c.Query("from");
  q.to = c.Query("to");
  KASHF_ASSIGN_OR_RETURN(reports::ReportStore * store, c.db.reports());
  const std::string category = c.Query("category"), district = c.Query("district");
  if (!category.empty()) {
    if (!store->reference().FindCategory(category))
      return Status::InvalidArgument("category is not a report category (GET /api/v1/reports/reference)");
    q.filter["report_category"] = category;
  }
  if (!district.empty()) {
    const reports::District* d = store->reference().FindDistrict(district);
    if (!d) return Status::InvalidArgument("district is not in Kashf's district list (GET /api/v1/reports/reference)");
    q.filter["district"] = d->name;
  }
  KASHF_ASSIGN_OR_RETURN(auto events, reports::ReportEvents(*store));
  KASHF_ASSIGN_OR_RETURN(warning::SeriesResult s, warning::BuildSeries(events, q));
  nlohmann::json periods = nlohmann::json::array(), cells = nlohmann::json::array();
  for (int64_t start : s.period_starts) periods.push_back(warning::FormatDay(start));
  auto cell = [](const std::string& key, const warning::CountSeries& series) {
    return nlohmann::json{{"key", key}, {"counts", series.counts}, {"total", series.total}};
  };
  if (by.empty()) cells.push_back(cell("", s.total));
  for (const auto& series : s.cells) cells.push_back(cell(series.cell, series));
  KASHF_RETURN_IF_ERROR(c.Audit("reports.series", "", fmt::format("interval={} by={}", interval, by)));
  return JsonReply(
      {{"interval", interval}, {"by", by}, {"periods", periods}, {"cells", cells}, {"warnings", s.warnings}});
}

Result<Reply> Reference(Call& c) {
  KASHF_ASSIGN_OR_RETURN(reports::ReportStore * store, c.db.reports());
  nlohmann::json categories = nlohmann::json::array(), districts = nlohmann::json::array();
  for (const auto& cat : store->reference().categories())
    categories.push_back({{"code", cat.code}, {"label", cat.label}, {"domain", cat.domain}});
  for (const auto& d : store->reference().districts())
    districts.push_back({{"name", d.name}, {"province", d.province}});
  return JsonReply({{"categories", categories}, {"districts", districts}});
}

}  // namespace

void AddReportRoutes(Router& r) {
  r.Add({"POST", "/api/v1/reports", Permission::kSubmitReports, true, Submit,
         "submit a civil-society early-warning report"});
  r.Add({"GET", "/api/v1/reports/mine", Permission::kSubmitReports, false, Mine, "the caller's own reports"});
  r.Add({"GET", "/api/v1/reports", Permission::kReadReports, false, All,
         "every report with its free text and contact (need-to-know)"});
  r.Add({"GET", "/api/v1/reports/series", Permission::kReadReportAggregates, false, Series,
         "report counts by week or month, by district, province or category"});
  r.Add({"GET", "/api/v1/reports/reference", Permission::kReadReference, false, Reference,
         "report categories and districts"});
  r.Add({"GET", "/api/v1/reports/{report_id}", Permission::kReadReports, false, GetOne, "one report with its links"});
  r.Add({"POST", "/api/v1/reports/{report_id}/links", Permission::kLinkReports, true, Link,
         "link a report to an entity or a case"});
}

}  // namespace kashf::server
