// kashf gaps report | diff: the gap report (matrix, chapter scores, narrative, top gaps with
// operational evidence) as printable HTML, JSON and XLSX; and what changed between two dates.
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "gaps_command.h"
#include "kashf/core/text.h"
#include "kashf/legal/gap_report.h"
#include "kashf/victims/civil_date.h"

namespace kashf::cli {
namespace {

std::vector<std::string> List(const std::string& csv) {
  return csv.empty() ? std::vector<std::string>{} : Split(csv, ',');
}

void PrintTopGaps(const legal::GapReport& r) {
  if (r.illustrative) fmt::print("ILLUSTRATIVE — to be verified against the law's text. {}\n\n", r.illustrative_note);
  fmt::print("Top gaps with their operational evidence:\n");
  int n = 0;
  for (const auto& g : r.top_gaps) {
    const legal::Assessment& a = g.assessment;
    fmt::print("{:>2}. {:<8} {:<7} {:<10} Art. {} — {}\n", ++n, a.requirement, a.jurisdiction,
               legal::ComplianceName(a.status), g.article, g.obligation.substr(0, 90));
    if (!a.provisions.empty() || !a.justification.empty())
      fmt::print("      law: {}{}{}\n", legal::FormatCitations(a.provisions), a.provisions.empty() ? "" : " — ",
                 a.justification);
    for (size_t i = 0; i < g.evidence.size(); ++i) {
      const auto& m = g.evidence[i];
      std::string value =
          m.share ? fmt::format("{:.1f}% ({} of {})", 100 * *m.share, m.count, m.base) : "n/a (" + m.note + ")";
      fmt::print("      evidence: {}: {}\n", m.title, value);
    }
  }
  fmt::print("\n");
  for (const auto& s : r.summaries) fmt::print("{}\n\n", s.narrative);
}

struct ReportArgs {
  GapOptions o;
  std::string html, json_out, xlsx, jurisdictions, catalogues, as_of, on;
  size_t top = 10;
};

GapsSubcommandRegistration report(70, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ReportArgs>();
  auto* cmd = parent.add_subcommand("report", "Gap report: matrix, chapter scores, narrative, top gaps with evidence");
  cmd->add_option("--html", a->html, "Write the printable HTML report to this file");
  cmd->add_option("--json-out", a->json_out, "Write the JSON report to this file");
  cmd->add_option("--xlsx", a->xlsx, "Write the report as an XLSX workbook (matrix, chapters, top gaps) to this file");
  cmd->add_option("--jurisdiction", a->jurisdictions, "Comma-separated jurisdiction ids (default all)");
  cmd->add_option("--catalogue", a->catalogues, "Comma-separated catalogue ids (default all)");
  cmd->add_option("--as-of", a->as_of, "The assessments as they stood on this date");
  cmd->add_option("--on", a->on, "Report date, also the reference date of the evidence (default today)");
  cmd->add_option("--top", a->top, "How many top gaps")->capture_default_str();
  cmd->add_option("--data", a->o.data, "Legal reference folder");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    for (const auto& j : List(a->jurisdictions))
      if (!f.FindJurisdiction(j)) return Status::NotFound(fmt::format("no jurisdiction '{}'", j));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_ASSIGN_OR_RETURN(auto stored, store->Latest(a->as_of));
    std::string on = a->on.empty() ? victims::TodayUtc() : a->on;
    KASHF_ASSIGN_OR_RETURN(auto measures, StoreMeasures(g, on));
    legal::GapReport r =
        legal::BuildGapReport(f, stored, measures, {on, List(a->jurisdictions), List(a->catalogues), a->top});
    if (!a->html.empty()) KASHF_RETURN_IF_ERROR(WriteText(a->html, legal::GapReportHtml(r)));
    if (!a->json_out.empty()) KASHF_RETURN_IF_ERROR(WriteText(a->json_out, legal::GapReportJson(r).dump(2) + "\n"));
    if (!a->xlsx.empty()) KASHF_RETURN_IF_ERROR(legal::WriteGapReportXlsx(r, a->xlsx));
    if (g.json) {
      fmt::print("{}\n", legal::GapReportJson(r).dump(2));
      return Status::Ok();
    }
    PrintTopGaps(r);
    if (!a->html.empty()) fmt::print("HTML report written to {}\n", a->html);
    if (!a->json_out.empty()) fmt::print("JSON report written to {}\n", a->json_out);
    if (!a->xlsx.empty()) fmt::print("XLSX report written to {}\n", a->xlsx);
    return Status::Ok();
  };
});

struct DiffArgs {
  GapOptions o;
  std::string from, to;
};

GapsSubcommandRegistration diff(80, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<DiffArgs>();
  auto* cmd = parent.add_subcommand("diff", "What changed in the assessments between two dates");
  cmd->add_option("--from", a->from, "The earlier date YYYY-MM-DD (e.g. last year's workshop)")->required();
  cmd->add_option("--to", a->to, "The later date (default: now)");
  cmd->add_option("--data", a->o.data, "Legal reference folder");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto f, LoadFramework(a->o));
    KASHF_ASSIGN_OR_RETURN(auto store, OpenGapStore(g, f));
    KASHF_ASSIGN_OR_RETURN(auto before, store->Latest(a->from));
    KASHF_ASSIGN_OR_RETURN(auto after, store->Latest(a->to));
    auto changes = legal::DiffAssessments(before, after);
    if (g.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& c : changes) out.push_back(legal::ChangeJson(c));
      fmt::print("{}\n", out.dump(2));
      return Status::Ok();
    }
    fmt::print("{} changes between {} and {}\n", changes.size(), a->from, a->to.empty() ? "now" : a->to);
    for (const auto& c : changes)
      fmt::print("  {:<8} {:<7} {:>14} -> {:<14} {} {}\n", c.requirement, c.jurisdiction,
                 legal::ComplianceName(c.before), legal::ComplianceName(c.after), c.assessed_on, c.assessed_by);
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
