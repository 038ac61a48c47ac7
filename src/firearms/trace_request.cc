#include "kashf/firearms/trace_request.h"

#include <fmt/format.h>

#include <algorithm>

#include "kashf/core/text.h"
#include "kashf/firearms/lifecycle_rules.h"

namespace kashf::firearms {

const std::vector<std::string>& TraceOutcomes() {
  static const std::vector<std::string> k = {"origin_established", "partial", "not_traceable", "no_record"};
  return k;
}

Status ValidateTraceRequest(const TraceRequest& r) {
  std::vector<std::string> missing;
  auto need = [&](const std::string& v, const char* what) {
    if (Trim(v).empty()) missing.push_back(what);
  };
  need(r.illicit_reason, "why the weapon is illicit (--reason)");
  need(r.legal_basis, "the legal basis (--legal-basis)");
  need(r.markings, "the markings");
  need(r.type, "the type");
  need(r.calibre, "the calibre");
  need(r.intended_use, "the intended use of the information (--intended-use)");
  need(r.requesting_agency, "the requesting agency (--agency)");
  need(r.requested_party, "whom the request goes to (--to)");
  if (!missing.empty())
    return Status::InvalidArgument(fmt::format(
        "a tracing request must state {} (International Tracing Instrument para. 17)", Join(missing, "; ")));
  if (!IsIsoDate(r.date))
    return Status::InvalidArgument(fmt::format("request date '{}' is not a date; write YYYY-MM-DD", r.date));
  return Status::Ok();
}

Status ValidateTraceAnswer(const TraceAnswer& a) {
  const auto& outcomes = TraceOutcomes();
  if (std::find(outcomes.begin(), outcomes.end(), a.outcome) == outcomes.end())
    return Status::InvalidArgument(
        fmt::format("trace outcome '{}' is unknown; use one of {}", a.outcome, Join(outcomes, ", ")));
  if (!IsIsoDate(a.date))
    return Status::InvalidArgument(fmt::format("answer date '{}' is not a date; write YYYY-MM-DD", a.date));
  if (Trim(a.responder).empty()) return Status::InvalidArgument("a trace answer must name who answered (--responder)");
  return Status::Ok();
}

std::string DescribeMarkings(const Firearm& f) {
  std::vector<std::string> parts;
  parts.push_back(fmt::format("serial {}", f.serial.empty() ? "(none)" : f.serial));
  if (!f.make.empty()) parts.push_back(fmt::format("make {}", f.make));
  if (!f.country_of_manufacture.empty())
    parts.push_back(f.place_of_manufacture.empty()
                        ? fmt::format("made in {}", f.country_of_manufacture)
                        : fmt::format("made in {} ({})", f.country_of_manufacture, f.place_of_manufacture));
  if (!f.import_country.empty())
    parts.push_back(f.import_year ? fmt::format("import mark {} {}", f.import_country, f.import_year)
                                  : fmt::format("import mark {}", f.import_country));
  if (!f.state_stock_mark.empty()) parts.push_back(fmt::format("state-stock mark {}", f.state_stock_mark));
  if (!f.model.empty()) parts.push_back(fmt::format("model {}", f.model));
  return Join(parts, "; ");
}

}  // namespace kashf::firearms
