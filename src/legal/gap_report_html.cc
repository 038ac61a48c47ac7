// GapReportHtml: the report as one printable page (inline CSS with a print stylesheet, no script).
// Every text from data or users goes through Escape().
#include <fmt/format.h>

#include "kashf/legal/gap_report.h"

namespace kashf::legal {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Share(const MeasureValue& m) {
  if (!m.share) return m.note.empty() ? "n/a" : "n/a (" + Escape(m.note) + ")";
  return fmt::format("{:.1f}% ({} of {})", 100 * *m.share, m.count, m.base);
}

const char* kStyle = R"(<style>
body{font-family:sans-serif;font-size:11pt;margin:2em;color:#111}
h1{font-size:18pt}h2{font-size:14pt;margin-top:1.5em}h3{font-size:12pt}
table{border-collapse:collapse;margin:.5em 0;width:100%}
th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#eee}
.not_assessed{color:#777}
.illustrative{border:2px solid #b00;padding:.5em;color:#b00;font-weight:bold}
.inherited{font-style:italic}
@media print{body{margin:0}h2{page-break-before:always}table{page-break-inside:auto}tr{page-break-inside:avoid}}
)";

// The style sheet: kStyle and one fill per status, from the colours every report shares.
std::string StyleSheet() {
  std::string css = kStyle;
  for (Compliance c : AllCompliance())
    css += fmt::format(".{}{{background:#{:06x}}}\n", ComplianceName(c), ComplianceColour(c));
  return css + "</style>\n";
}

void Matrix(const GapReport& r, std::string& out) {
  out += "<h2>Matrix</h2>\n<p>Cells in italics (&uarr;) are inherited from the jurisdiction deferred to.</p>\n";
  for (const Catalogue* c : r.catalogues) {
    out += fmt::format("<h3>{} (catalogue version {})</h3>\n<table>\n<tr><th>Requirement</th><th>Article</th>",
                       Escape(c->title), Escape(c->version));
    for (const Jurisdiction* j : r.jurisdictions) out += "<th>" + Escape(j->name) + "</th>";
    out += "</tr>\n";
    for (const auto& req : c->requirements) {
      out += fmt::format("<tr><td>{}</td><td>{}</td>", Escape(req.id), Escape(req.article));
      for (const Jurisdiction* j : r.jurisdictions)
        for (const auto& a : r.cells)
          if (a.requirement == req.id && a.jurisdiction == j->id) {
            std::string name(ComplianceName(a.status));
            bool inherited = !a.inherited_from.empty();
            out += fmt::format("<td class=\"{}{}\">{}{}</td>", name, inherited ? " inherited" : "", Escape(name),
                               inherited ? " &uarr;" : "");
          }
      out += "</tr>\n";
    }
    out += "</table>\n";
  }
}

void Summaries(const GapReport& r, std::string& out) {
  out += "<h2>Summary per jurisdiction</h2>\n";
  for (const auto& s : r.summaries) {
    out += fmt::format("<h3>{}</h3>\n<p>{}</p>\n", Escape(s.name), Escape(s.narrative));
    out +=
        "<table>\n<tr><th>Catalogue</th><th>Chapter</th><th>Requirements</th><th>Completeness</th><th>Met</th>"
        "<th>Partly</th><th>Not met</th><th>N/A</th><th>Score</th></tr>\n";
    for (const auto& c : s.chapters)
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.0f}%</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
          "</tr>\n",
          Escape(c.catalogue), Escape(c.title), c.requirements, 100 * c.completeness, c.met, c.partly_met, c.not_met,
          c.not_applicable, c.score ? fmt::format("{:.2f}", *c.score) : "&ndash;");
    out += "</table>\n";
  }
}

void TopGaps(const GapReport& r, std::string& out) {
  out +=
      "<h2>Top gaps with evidence from operations</h2>\n<table>\n<tr><th>#</th><th>Jurisdiction</th>"
      "<th>Requirement</th><th>Status</th><th>Obligation</th><th>Provisions and justification</th>"
      "<th>Evidence from operations</th></tr>\n";
  int n = 0;
  for (const auto& g : r.top_gaps) {
    std::string evidence;
    for (size_t i = 0; i < g.evidence.size(); ++i)
      evidence += fmt::format("{}: {}<br><small>{}</small><br>", Escape(g.evidence[i].title), Share(g.evidence[i]),
                              Escape(g.readings[i]));
    const Assessment& a = g.assessment;
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{} (Art. {}){}</td><td class=\"{}\">{}</td><td>{}</td><td>{}<br>{}</td>"
        "<td>{}</td></tr>\n",
        ++n, Escape(a.jurisdiction), Escape(a.requirement), Escape(g.article), g.mandatory ? "" : ", optional",
        ComplianceName(a.status), ComplianceName(a.status), Escape(g.obligation), Escape(FormatCitations(a.provisions)),
        Escape(a.justification), evidence.empty() ? "&ndash;" : evidence);
  }
  out += "</table>\n";
}

}  // namespace

std::string GapReportHtml(const GapReport& r) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<title>Legislative gap analysis</title>\n";
  out += StyleSheet();
  out += "</head>\n<body>\n<h1>Legislative gap analysis</h1>\n";
  out += fmt::format("<p>Generated on {}. Catalogues:", Escape(r.generated_on));
  for (const Catalogue* c : r.catalogues) out += fmt::format(" {} v{};", Escape(c->short_name), Escape(c->version));
  out += "</p>\n";
  if (r.illustrative)
    out += fmt::format("<p class=\"illustrative\">ILLUSTRATIVE &mdash; to be verified against the law's text. {}</p>\n",
                       Escape(r.illustrative_note));
  Summaries(r, out);
  TopGaps(r, out);
  Matrix(r, out);
  out += "<h2>Evidence measures</h2>\n<table>\n<tr><th>Measure</th><th>Value</th></tr>\n";
  for (const auto& m : r.measures) out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", Escape(m.title), Share(m));
  out += "</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace kashf::legal
