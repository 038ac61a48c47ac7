#include "kashf/legal/gap_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::legal {
namespace {

bool Wanted(const std::vector<std::string>& filter, const std::string& id) {
  return filter.empty() || std::find(filter.begin(), filter.end(), id) != filter.end();
}

void Count(ChapterScore& s, Compliance c) {
  ++s.requirements;
  if (c == Compliance::kNotAssessed) return;
  ++s.assessed;
  if (c == Compliance::kMet) ++s.met;
  if (c == Compliance::kPartlyMet) ++s.partly_met;
  if (c == Compliance::kNotMet) ++s.not_met;
  if (c == Compliance::kNotApplicable) ++s.not_applicable;
}

void Finish(ChapterScore& s) {
  s.completeness = s.requirements ? static_cast<double>(s.assessed) / s.requirements : 0;
  int scorable = s.assessed - s.not_applicable;
  if (scorable > 0) s.score = (s.met + 0.5 * s.partly_met) / scorable;
}

std::string Percent(double x) { return fmt::format("{:.0f}%", 100 * x); }

std::string Narrative(const JurisdictionSummary& s, const GapReport& r, const LegalFramework& f) {
  ChapterScore total;
  for (const auto& c : s.chapters) {
    total.requirements += c.requirements;
    total.assessed += c.assessed;
    total.met += c.met;
    total.partly_met += c.partly_met;
    total.not_met += c.not_met;
    total.not_applicable += c.not_applicable;
  }
  Finish(total);
  std::string text =
      fmt::format("{}: {} of {} requirements assessed ({}); {} met, {} partly met, {} not met, {} not applicable.",
                  s.name, total.assessed, total.requirements, Percent(total.completeness), total.met, total.partly_met,
                  total.not_met, total.not_applicable);
  const ChapterScore* best = nullptr;
  const ChapterScore* worst = nullptr;
  for (const auto& c : s.chapters) {
    if (!c.score) continue;
    if (!best || *c.score > *best->score) best = &c;
    if (!worst || *c.score < *worst->score) worst = &c;
  }
  if (best && worst && best != worst)
    text += fmt::format(" Strongest chapter: {} (score {:.2f}); weakest: {} (score {:.2f}).", best->title, *best->score,
                        worst->title, *worst->score);
  std::vector<std::string> gaps;
  std::set<std::string> inherited;
  for (const auto& a : r.cells) {
    if (a.jurisdiction != s.jurisdiction) continue;
    if (!a.inherited_from.empty()) {
      const Catalogue* c = f.CatalogueOf(a.requirement);
      if (c) inherited.insert(c->short_name);
    }
    const Requirement* req = f.FindRequirement(a.requirement);
    if (a.status == Compliance::kNotMet && req && req->force == Force::kMandatory) gaps.push_back(a.requirement);
  }
  if (!gaps.empty()) text += fmt::format(" Mandatory obligations not met: {}.", Join(gaps, ", "));
  if (!inherited.empty()) {
    std::vector<std::string> names(inherited.begin(), inherited.end());
    text += fmt::format(" Defers to federal law for: {}.", Join(names, ", "));
  }
  return text;
}

// Largest share among a gap's evidence (0 without any), to rank gaps by what they cost in practice.
double EvidenceWeight(const Gap& g) {
  double w = 0;
  for (const auto& m : g.evidence) w = std::max(w, m.share.value_or(0));
  return w;
}

}  // namespace

GapReport BuildGapReport(const LegalFramework& framework, const std::vector<Assessment>& stored,
                         const std::vector<MeasureValue>& measures, const GapReportOptions& options) {
  GapReport r;
  r.generated_on = options.generated_on;
  r.measures = measures;
  for (const auto& c : framework.catalogues)
    if (Wanted(options.catalogues, c.id)) r.catalogues.push_back(&c);
  for (const Jurisdiction* j : framework.Jurisdictions())
    if (Wanted(options.jurisdictions, j->id)) r.jurisdictions.push_back(j);
  for (const auto& country : framework.countries)
    if (country.illustrative) {
      r.illustrative = true;
      r.illustrative_note = country.illustrative_note;
    }
  for (auto& a : EffectiveAssessments(framework, stored)) {
    const Catalogue* c = framework.CatalogueOf(a.requirement);
    if (!c || !Wanted(options.catalogues, c->id) || !Wanted(options.jurisdictions, a.jurisdiction)) continue;
    if (a.illustrative && r.illustrative_note.empty())
      r.illustrative_note = "Illustrative assessment: to be verified against the law's text.";
    r.illustrative = r.illustrative || a.illustrative;
    r.cells.push_back(std::move(a));
  }
  std::map<std::string, const MeasureValue*> measure_by_id;
  for (const auto& m : r.measures) measure_by_id[m.id] = &m;
  for (const Jurisdiction* j : r.jurisdictions) {
    JurisdictionSummary s{j->id, j->name, {}, ""};
    for (const Catalogue* c : r.catalogues)
      for (const auto& ch : c->chapters) {
        ChapterScore score;
        score.catalogue = c->id;
        score.chapter = ch.id;
        score.title = ch.title;
        for (const auto& a : r.cells)
          if (a.jurisdiction == j->id && c->Find(a.requirement) && c->Find(a.requirement)->chapter == ch.id)
            Count(score, a.status);
        Finish(score);
        if (score.requirements) s.chapters.push_back(score);
      }
    s.narrative = Narrative(s, r, framework);
    r.summaries.push_back(std::move(s));
  }
  for (const auto& a : r.cells) {
    // An inherited gap is the federal one again: listed once, under the jurisdiction that legislates.
    if ((a.status != Compliance::kNotMet && a.status != Compliance::kPartlyMet) || !a.inherited_from.empty()) continue;
    const Requirement* req = framework.FindRequirement(a.requirement);
    Gap g{
        a, framework.CatalogueOf(a.requirement)->id, req->article, req->obligation, req->force == Force::kMandatory, {},
        {}};
    for (const auto& link : framework.evidence)
      if (link.requirement == a.requirement && measure_by_id.count(link.measure)) {
        g.evidence.push_back(*measure_by_id[link.measure]);
        g.readings.push_back(link.reading);
      }
    r.top_gaps.push_back(std::move(g));
  }
  std::stable_sort(r.top_gaps.begin(), r.top_gaps.end(), [](const Gap& x, const Gap& y) {
    auto rank = [](const Gap& g) {
      return std::make_tuple(g.assessment.status == Compliance::kNotMet ? 0 : 1, g.mandatory ? 0 : 1,
                             -EvidenceWeight(g));
    };
    return rank(x) < rank(y);
  });
  if (r.top_gaps.size() > options.top_gaps) r.top_gaps.resize(options.top_gaps);
  return r;
}

namespace {

nlohmann::json CitationsJson(const std::vector<Citation>& cs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : cs) out.push_back({{"instrument", c.instrument}, {"section", c.section}});
  return out;
}

nlohmann::json MeasureJson(const MeasureValue& m) {
  return {{"id", m.id},
          {"title", m.title},
          {"count", m.count},
          {"base", m.base},
          {"share", m.share ? nlohmann::json(*m.share) : nlohmann::json(nullptr)},
          {"note", m.note}};
}

}  // namespace

nlohmann::json AssessmentJson(const Assessment& a) {
  return {{"requirement", a.requirement},
          {"jurisdiction", a.jurisdiction},
          {"catalogue_version", a.catalogue_version},
          {"status", ComplianceName(a.status)},
          {"provisions", CitationsJson(a.provisions)},
          {"justification", a.justification},
          {"assessed_by", a.assessed_by},
          {"assessed_on", a.assessed_on},
          {"reviewed_by", a.reviewed_by},
          {"reviewed_on", a.reviewed_on},
          {"version", a.version},
          {"illustrative", a.illustrative},
          {"inherited_from", a.inherited_from},
          {"note", a.note}};
}

nlohmann::json MeasureValueJson(const MeasureValue& m) { return MeasureJson(m); }

nlohmann::json CommentJson(const Comment& c) {
  return {{"requirement", c.requirement},
          {"jurisdiction", c.jurisdiction},
          {"author", c.author},
          {"role", c.role},
          {"on", c.on},
          {"text", c.text}};
}

nlohmann::json ChangeJson(const AssessmentChange& c) {
  return {{"requirement", c.requirement},
          {"jurisdiction", c.jurisdiction},
          {"before", ComplianceName(c.before)},
          {"after", ComplianceName(c.after)},
          {"before_provisions", c.before_provisions},
          {"after_provisions", c.after_provisions},
          {"assessed_by", c.assessed_by},
          {"assessed_on", c.assessed_on}};
}

nlohmann::json ImportReportJson(const ImportReport& report, const std::vector<Assessment>& stored, bool dry_run) {
  nlohmann::json items = nlohmann::json::array(), errors = nlohmann::json::array();
  for (const auto& a : stored) items.push_back(AssessmentJson(a));
  for (const auto& e : report.errors)
    errors.push_back({{"line", e.line},
                      {"requirement", e.requirement},
                      {"jurisdiction", e.jurisdiction},
                      {"field", e.field},
                      {"message", e.message}});
  int64_t unchanged = dry_run ? 0 : static_cast<int64_t>(report.accepted.size() - stored.size());
  return {{"rows", report.rows}, {"stored", items}, {"unchanged", unchanged}, {"errors", errors}};
}

nlohmann::json GapReportJson(const GapReport& r) {
  nlohmann::json catalogues = nlohmann::json::array(), jurisdictions = nlohmann::json::array(),
                 cells = nlohmann::json::array(), summaries = nlohmann::json::array(), gaps = nlohmann::json::array(),
                 measures = nlohmann::json::array();
  for (const Catalogue* c : r.catalogues)
    catalogues.push_back({{"id", c->id}, {"title", c->title}, {"version", c->version}});
  for (const Jurisdiction* j : r.jurisdictions)
    jurisdictions.push_back({{"id", j->id}, {"name", j->name}, {"level", j->level}});
  for (const auto& a : r.cells) cells.push_back(AssessmentJson(a));
  for (const auto& s : r.summaries) {
    nlohmann::json chapters = nlohmann::json::array();
    for (const auto& c : s.chapters)
      chapters.push_back({{"catalogue", c.catalogue},
                          {"chapter", c.chapter},
                          {"title", c.title},
                          {"requirements", c.requirements},
                          {"assessed", c.assessed},
                          {"met", c.met},
                          {"partly_met", c.partly_met},
                          {"not_met", c.not_met},
                          {"not_applicable", c.not_applicable},
                          {"completeness", c.completeness},
                          {"score", c.score ? nlohmann::json(*c.score) : nlohmann::json(nullptr)}});
    summaries.push_back(
        {{"jurisdiction", s.jurisdiction}, {"name", s.name}, {"chapters", chapters}, {"narrative", s.narrative}});
  }
  for (const auto& g : r.top_gaps) {
    nlohmann::json evidence = nlohmann::json::array();
    for (size_t i = 0; i < g.evidence.size(); ++i) {
      nlohmann::json m = MeasureJson(g.evidence[i]);
      m["reading"] = g.readings[i];
      evidence.push_back(std::move(m));
    }
    gaps.push_back({{"assessment", AssessmentJson(g.assessment)},
                    {"catalogue", g.catalogue},
                    {"article", g.article},
                    {"obligation", g.obligation},
                    {"mandatory", g.mandatory},
                    {"evidence", evidence}});
  }
  for (const auto& m : r.measures) measures.push_back(MeasureJson(m));
  return {{"generated_on", r.generated_on},
          {"illustrative", r.illustrative},
          {"illustrative_note", r.illustrative_note},
          {"catalogues", catalogues},
          {"jurisdictions", jurisdictions},
          {"cells", cells},
          {"summaries", summaries},
          {"top_gaps", gaps},
          {"measures", measures}};
}

}  // namespace kashf::legal
