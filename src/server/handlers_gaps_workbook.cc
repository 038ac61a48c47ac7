// /api/v1/gaps/workbook: the workshop workbook (kashf/legal/assessment_workbook.h). The API speaks
// JSON only, so the XLSX file travels base64-encoded (RFC 4648) in both directions; at the default
// body limit of 1 MiB that is a workbook of about 750 KB, far above a real assessment's ~40 KB.
#include <sodium.h>

#include <fmt/format.h>

#include "body_reader.h"
#include "kashf/core/text.h"
#include "kashf/ingest/xlsx_workbook.h"
#include "kashf/legal/assessment_workbook.h"
#include "kashf/victims/civil_date.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string ToBase64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<std::string> FromBase64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \r\n",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return Status::InvalidArgument("content_base64 is not base64 (RFC 4648, standard alphabet with padding)");
  out.resize(len);
  return out;
}

std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& part : Split(text, ','))
    if (auto t = Trim(part); !t.empty()) out.emplace_back(t);
  return out;
}

Result<const legal::LegalFramework*> Framework(Call& call) {
  if (!call.state.legal)
    return Status::Unimplemented("this server has no legal reference data (data/reference/legal) loaded");
  return &*call.state.legal;
}

Result<Reply> ExportWorkbook(Call& call) {
  KASHF_ASSIGN_OR_RETURN(const legal::LegalFramework* framework, Framework(call));
  KASHF_ASSIGN_OR_RETURN(legal::GapStore * store, call.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto stored, store->Latest(""));
  std::string today = victims::TodayUtc();
  legal::WorkbookExportOptions options{CommaList(call.Query("catalogue")), CommaList(call.Query("jurisdiction")), today,
                                       call.user->username};
  KASHF_ASSIGN_OR_RETURN(std::string bytes, legal::AssessmentWorkbookBytes(*framework, stored, options));
  KASHF_RETURN_IF_ERROR(call.Audit("gaps.workbook.export", "gaps",
                                   fmt::format("catalogues={} jurisdictions={} bytes={}", Join(options.catalogues, ","),
                                               Join(options.jurisdictions, ","), bytes.size())));
  return JsonReply({{"filename", fmt::format("kashf-gaps-{}.xlsx", today)},
                    {"content_type", kXlsxType},
                    {"content_base64", ToBase64(bytes)}});
}

Result<Reply> ImportWorkbook(Call& call) {
  KASHF_ASSIGN_OR_RETURN(const legal::LegalFramework* framework, Framework(call));
  BodyReader body(call.body);
  body.OnlyFields({"filename", "content_base64", "dry_run"});
  std::string filename = body.String("filename", false, 255);
  std::string content = body.String("content_base64", true, call.state.config.limits.max_request_body_bytes);
  bool dry_run = body.Bool("dry_run");
  KASHF_RETURN_IF_ERROR(body.status());
  KASHF_ASSIGN_OR_RETURN(std::string bytes, FromBase64(content));
  std::string what = filename.empty() ? "the workbook" : filename;
  KASHF_ASSIGN_OR_RETURN(XlsxWorkbook wb, ReadXlsxWorkbookBytes(bytes, what, call.state.config.limits));
  KASHF_ASSIGN_OR_RETURN(legal::GapStore * store, call.db.gaps());
  legal::GapActor actor{call.user->username, call.user->agency, call.user->role};
  KASHF_ASSIGN_OR_RETURN(auto report,
                         legal::ApplyAssessmentWorkbook(*store, actor, *framework, wb, victims::TodayUtc(), dry_run));
  KASHF_RETURN_IF_ERROR(call.Audit(
      "gaps.workbook.import", "gaps",
      fmt::format("changed={} stored={} unchanged={} conflicts={} errors={} dry_run={}", report.changes.size(),
                  report.stored, report.unchanged, report.conflicts.size(), report.errors.size(), dry_run)));
  return JsonReply(legal::WorkbookImportReportJson(report));
}

}  // namespace

void AddGapWorkbookRoutes(Router& r) {
  r.Add({"GET", "/api/v1/gaps/workbook", Permission::kReadGaps, false, ExportWorkbook,
         "the workshop workbook (XLSX, base64)"});
  r.Add({"POST", "/api/v1/gaps/workbook", Permission::kAssessGaps, true, ImportWorkbook,
         "import a filled-in workshop workbook"});
}

}  // namespace kashf::server
