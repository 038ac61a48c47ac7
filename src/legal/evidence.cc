// The operational measures. Each is a share count / base over Kashf's own records:
//   seized_unmarked      seized firearms whose serial is empty or partly unreadable ('?', as the
//                        register records obliterated characters) / seized firearms
//   traces_not_traceable answered trace requests with an answer "not_traceable" / answered requests
//   traces_no_record     answered trace requests with an answer "no_record" (the trace stopped at a
//                        missing register record) / answered requests
//   reactivated_seized   seized firearms with an earlier "deactivated" event / seized firearms
//   nrm_no_services_30d  cases (consenting to statistics) registered at least 30 days before today
//                        with no "services" stage within 30 days of registration / those cases
#include "kashf/legal/evidence.h"

#include <fstream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/victims/case_registry.h"
#include "kashf/victims/civil_date.h"

namespace kashf::legal {

const std::vector<MeasureInfo>& ListMeasures() {
  static const std::vector<MeasureInfo> all = {
      {"seized_unmarked", "Seized firearms with no or obliterated serial", "firearms"},
      {"traces_not_traceable", "Answered traces that failed: weapon not traceable", "traces"},
      {"traces_no_record", "Answered traces stopped at a missing register record", "traces"},
      {"reactivated_seized", "Seized firearms previously certified deactivated", "firearms"},
      {"nrm_no_services_30d", "NRM cases without a services stage within 30 days", "cases"},
  };
  return all;
}

const MeasureInfo* FindMeasure(std::string_view id) {
  for (const auto& m : ListMeasures())
    if (m.id == id) return &m;
  return nullptr;
}

Result<std::vector<EvidenceLink>> LoadEvidenceLinks(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the evidence map " + path);
  std::vector<EvidenceLink> out;
  std::string line;
  bool header = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    if (!header) {
      if (f != std::vector<std::string>{"requirement", "measure", "reading"})
        return Status::InvalidArgument(path + ": the header must be requirement TAB measure TAB reading");
      header = true;
      continue;
    }
    if (f.size() != 3) return Status::InvalidArgument(fmt::format("{} line {}: 3 columns expected", path, n));
    if (!FindMeasure(f[1]))
      return Status::InvalidArgument(fmt::format("{} line {}: unknown measure '{}'", path, n, f[1]));
    out.push_back({f[0], f[1], f[2]});
  }
  return out;
}

namespace {

MeasureValue Value(std::string_view id, int64_t count, int64_t base) {
  const MeasureInfo* m = FindMeasure(id);
  MeasureValue v{std::string(id), m ? m->title : std::string(id), count, base, std::nullopt, ""};
  if (base > 0) v.share = static_cast<double>(count) / static_cast<double>(base);
  if (base == 0) v.note = "no records to measure";
  return v;
}

MeasureValue Unavailable(std::string_view id, std::string note) {
  MeasureValue v = Value(id, 0, 0);
  v.note = std::move(note);
  return v;
}

bool SerialUnreadable(const std::string& serial) {
  return Trim(serial).empty() || serial.find('?') != std::string::npos;
}

Status FirearmMeasures(firearms::FirearmRegistry& reg, std::vector<MeasureValue>& out) {
  std::unordered_set<int64_t> deactivated, seized, reactivated;
  KASHF_RETURN_IF_ERROR(reg.ForEachEvent([&](const firearms::LifecycleEvent& e) {
    if (e.kind == "deactivated") deactivated.insert(e.firearm_id);
    if (e.kind == "seized") {
      seized.insert(e.firearm_id);
      if (deactivated.count(e.firearm_id)) reactivated.insert(e.firearm_id);
    }
    return true;
  }));
  int64_t unmarked = 0;
  KASHF_RETURN_IF_ERROR(reg.ForEachFirearm([&](const firearms::Firearm& f) {
    if (seized.count(f.id) && SerialUnreadable(f.serial)) ++unmarked;
    return true;
  }));
  KASHF_ASSIGN_OR_RETURN(auto requests, reg.TraceRequests(std::nullopt));
  int64_t answered = 0, not_traceable = 0, no_record = 0;
  for (const auto& r : requests) {
    KASHF_ASSIGN_OR_RETURN(auto answers, reg.TraceAnswers(r.id));
    if (answers.empty()) continue;
    ++answered;
    bool nt = false, nr = false;
    for (const auto& a : answers) {
      nt = nt || a.outcome == "not_traceable";
      nr = nr || a.outcome == "no_record";
    }
    not_traceable += nt ? 1 : 0;
    no_record += nr ? 1 : 0;
  }
  auto seized_n = static_cast<int64_t>(seized.size());
  out.push_back(Value("seized_unmarked", unmarked, seized_n));
  out.push_back(Value("traces_not_traceable", not_traceable, answered));
  out.push_back(Value("traces_no_record", no_record, answered));
  out.push_back(Value("reactivated_seized", static_cast<int64_t>(reactivated.size()), seized_n));
  return Status::Ok();
}

Result<MeasureValue> CaseMeasure(victims::CaseRegistry& cases, const victims::Actor& actor, const std::string& today) {
  auto today_n = victims::DayNumber(today);
  if (!today_n) return Status::InvalidArgument("today must be a date YYYY-MM-DD");
  KASHF_ASSIGN_OR_RETURN(auto all, cases.CasesWithConsent(actor, "statistics"));
  int64_t base = 0, without = 0;
  for (const auto& c : all) {
    auto reg = victims::DayNumber(c.registration_date);
    if (!reg || *reg > *today_n - 30) continue;  // too recent to judge
    ++base;
    bool served = false;
    for (const auto& s : c.stages) {
      auto d = victims::DayNumber(s.date);
      served = served || (s.stage == "services" && d && *d <= *reg + 30);
    }
    without += served ? 0 : 1;
  }
  return Value("nrm_no_services_30d", without, base);
}

}  // namespace

Result<std::vector<MeasureValue>> ComputeMeasures(const EvidenceSources& sources) {
  std::vector<MeasureValue> out;
  if (sources.firearms) {
    KASHF_RETURN_IF_ERROR(FirearmMeasures(*sources.firearms, out));
  } else {
    for (const char* id : {"seized_unmarked", "traces_not_traceable", "traces_no_record", "reactivated_seized"})
      out.push_back(Unavailable(id, "no firearms register in this store"));
  }
  // Order as ListMeasures(): the firearm measures were pushed in that order already.
  if (sources.cases && sources.case_actor) {
    KASHF_ASSIGN_OR_RETURN(MeasureValue v, CaseMeasure(*sources.cases, *sources.case_actor, sources.today));
    out.push_back(std::move(v));
  } else {
    out.push_back(Unavailable("nrm_no_services_30d", "no case register in this store"));
  }
  return out;
}

}  // namespace kashf::legal
