// /api/v1/gaps/...: the legislative gap analysis (kashf/legal, docs/legislative-gaps.md):
// catalogues, jurisdictions, assessments with review and comments, import, report, diff and the
// operational evidence. Roles are checked by the route table and again by the GapStore; changes
// are audited by the store (gaps.assess, gaps.review, gaps.comment), reads here (gaps.read).
#include <fmt/format.h>

#include "body_reader.h"
#include "kashf/core/text.h"
#include "kashf/legal/gap_import.h"
#include "kashf/legal/gap_report.h"
#include "kashf/victims/civil_date.h"
#include "server_state.h"

namespace kashf::server {
namespace {

using auth::Permission;

const legal::LegalFramework& Framework(const Call& c) { return *c.state.legal; }

legal::GapActor GapActor(const Call& c) { return {c.user->username, c.user->agency, c.user->role}; }

nlohmann::json CatalogueJson(const legal::Catalogue& c) {
  nlohmann::json chapters = nlohmann::json::array(), reqs = nlohmann::json::array();
  for (const auto& ch : c.chapters) chapters.push_back({{"id", ch.id}, {"title", ch.title}});
  for (const auto& r : c.requirements)
    reqs.push_back({{"id", r.id},
                    {"article", r.article},
                    {"chapter", r.chapter},
                    {"force", legal::ForceName(r.force)},
                    {"kind", r.kind},
                    {"obligation", r.obligation},
                    {"evidence_in_law", r.evidence_in_law}});
  return {{"id", c.id},           {"title", c.title},     {"short_name", c.short_name},
          {"version", c.version}, {"chapters", chapters}, {"requirements", reqs}};
}

nlohmann::json CountryJson(const legal::Country& c) {
  nlohmann::json jurisdictions = nlohmann::json::array(), instruments = nlohmann::json::array();
  for (const auto& j : c.jurisdictions) {
    nlohmann::json defers = nlohmann::json::array();
    for (const auto& d : j.defers) defers.push_back({{"catalogue", d.catalogue}, {"to", d.to}, {"note", d.note}});
    jurisdictions.push_back({{"id", j.id},
                             {"name", j.name},
                             {"country", j.country},
                             {"level", j.level},
                             {"parent", j.parent},
                             {"defers", defers}});
  }
  for (const auto& i : c.instruments) {
    nlohmann::json sections = nlohmann::json::array(), amendments = nlohmann::json::array();
    for (const auto& s : i.sections)
      sections.push_back({{"number", s.number}, {"heading", s.heading}, {"excerpt", s.excerpt}});
    for (const auto& a : i.amendments) amendments.push_back({{"by", a.by}, {"date", a.date}, {"note", a.note}});
    instruments.push_back({{"id", i.id},
                           {"jurisdiction", i.jurisdiction},
                           {"title", i.title},
                           {"kind", i.kind},
                           {"enacted", i.enacted},
                           {"in_force", i.in_force},
                           {"repealed", i.repealed},
                           {"repealed_by", i.repealed_by},
                           {"sections", sections},
                           {"amendments", amendments}});
  }
  return {{"id", c.id},
          {"name", c.name},
          {"illustrative", c.illustrative},
          {"illustrative_note", c.illustrative_note},
          {"jurisdictions", jurisdictions},
          {"instruments", instruments}};
}

nlohmann::json Items(const nlohmann::json& items) { return {{"items", items}}; }

Result<std::string> DateQuery(const Call& c, const std::string& name) {
  std::string v = c.Query(name);
  if (!v.empty() && !victims::DayNumber(v))
    return Status::InvalidArgument(fmt::format("'{}' must be a date YYYY-MM-DD", name));
  return v;
}

Result<std::vector<legal::MeasureValue>> Measures(Call& c) {
  KASHF_ASSIGN_OR_RETURN(auto* guns, c.db.firearms());
  KASHF_ASSIGN_OR_RETURN(auto* cases, c.db.cases());
  victims::Actor statistics{c.user->username, c.user->agency, true};  // aggregate over consenting cases only
  return legal::ComputeMeasures({guns, cases, &statistics, victims::TodayUtc()});
}

Result<Reply> Catalogues(Call& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& cat : Framework(c).catalogues) items.push_back(CatalogueJson(cat));
  return JsonReply(Items(items));
}

Result<Reply> Jurisdictions(Call& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& country : Framework(c).countries) items.push_back(CountryJson(country));
  return JsonReply(Items(items));
}

Result<Reply> ListAssessments(Call& c) {
  const auto& f = Framework(c);
  std::string jurisdiction = c.Query("jurisdiction"), catalogue = c.Query("catalogue");
  KASHF_ASSIGN_OR_RETURN(std::string as_of, DateQuery(c, "as_of"));
  if (!jurisdiction.empty() && !f.FindJurisdiction(jurisdiction))
    return Status::NotFound("no such jurisdiction (see GET /api/v1/gaps/jurisdictions)");
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto stored, store->Latest(as_of));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : legal::EffectiveAssessments(f, stored)) {
    if (!jurisdiction.empty() && a.jurisdiction != jurisdiction) continue;
    if (!catalogue.empty() && f.CatalogueOf(a.requirement)->id != catalogue) continue;
    items.push_back(legal::AssessmentJson(a));
  }
  KASHF_RETURN_IF_ERROR(c.Audit("gaps.read", jurisdiction, fmt::format("assessments={}", items.size())));
  return JsonReply(Items(items));
}

// One GapAssessmentInput; the assessor is the user.
Result<legal::Assessment> ReadAssessment(const nlohmann::json& item) {
  if (!item.is_object()) return Status::InvalidArgument("each item must be an object");
  BodyReader b(item);
  b.OnlyFields({"requirement", "jurisdiction", "catalogue_version", "status", "provisions", "justification",
                "assessed_on", "illustrative"});
  legal::Assessment a;
  a.requirement = b.String("requirement", true, 64);
  a.jurisdiction = b.String("jurisdiction", true, 64);
  a.catalogue_version = b.String("catalogue_version", true, 32);
  std::string status = b.String("status", true, 32);
  a.justification = b.String("justification", false, 10000);
  a.assessed_on = b.String("assessed_on", false, 10);
  a.illustrative = b.Bool("illustrative", false);
  KASHF_RETURN_IF_ERROR(b.status());
  if (item.contains("provisions")) {
    if (!item["provisions"].is_array()) return Status::InvalidArgument("field 'provisions' must be an array");
    for (const auto& p : item["provisions"]) {
      if (!p.is_object()) return Status::InvalidArgument("each provision is {instrument, section}");
      BodyReader pb(p);
      pb.OnlyFields({"instrument", "section"});
      a.provisions.push_back({pb.String("instrument", true, 128), pb.String("section", false, 32)});
      KASHF_RETURN_IF_ERROR(pb.status());
    }
  }
  KASHF_ASSIGN_OR_RETURN(a.status, legal::ParseCompliance(status));
  if (a.assessed_on.empty()) a.assessed_on = victims::TodayUtc();
  return a;
}

Result<Reply> SaveAssessments(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"items"});
  KASHF_RETURN_IF_ERROR(b.status());
  if (!c.body.contains("items") || !c.body["items"].is_array() || c.body["items"].size() > 2000)
    return Status::InvalidArgument("field 'items' must be an array of at most 2000 assessments");
  std::vector<legal::Assessment> items;
  for (const auto& item : c.body["items"]) {
    KASHF_ASSIGN_OR_RETURN(auto a, ReadAssessment(item));
    items.push_back(std::move(a));
  }
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto stored, store->Save(GapActor(c), std::move(items)));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : stored) out.push_back(legal::AssessmentJson(a));
  return JsonReply(Items(out), 201);
}

Status KnownCell(const Call& c) {
  if (!Framework(c).FindJurisdiction(c.Param("jurisdiction"))) return Status::NotFound("no such jurisdiction");
  if (!Framework(c).FindRequirement(c.Param("requirement"))) return Status::NotFound("no such requirement");
  return Status::Ok();
}

nlohmann::json EvidenceFor(const legal::LegalFramework& f, const std::string& requirement,
                           const std::vector<legal::MeasureValue>& measures) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& link : f.evidence)
    if (link.requirement == requirement)
      for (const auto& m : measures)
        if (m.id == link.measure) {
          nlohmann::json j = legal::MeasureValueJson(m);
          j["reading"] = link.reading;
          out.push_back(std::move(j));
        }
  return out;
}

Result<Reply> Cell(Call& c) {
  KASHF_RETURN_IF_ERROR(KnownCell(c));
  const auto& f = Framework(c);
  const std::string &req = c.Param("requirement"), &jur = c.Param("jurisdiction");
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto stored, store->Latest(""));
  legal::Assessment effective;
  for (auto& a : legal::EffectiveAssessments(f, stored))
    if (a.requirement == req && a.jurisdiction == jur) effective = std::move(a);
  KASHF_ASSIGN_OR_RETURN(auto history, store->History(req, jur));
  KASHF_ASSIGN_OR_RETURN(auto comments, store->Comments(req, jur));
  KASHF_ASSIGN_OR_RETURN(auto measures, Measures(c));
  nlohmann::json hist = nlohmann::json::array(), notes = nlohmann::json::array(), provisions = nlohmann::json::array();
  for (const auto& a : history) hist.push_back(legal::AssessmentJson(a));
  for (const auto& k : comments) notes.push_back(legal::CommentJson(k));
  for (const auto& p : effective.provisions) {
    const legal::Instrument* i = f.FindInstrument(p.instrument);
    const legal::Section* s = i ? i->FindSection(p.section) : nullptr;
    provisions.push_back({{"instrument", p.instrument},
                          {"title", i ? i->title : ""},
                          {"section", p.section},
                          {"heading", s ? s->heading : ""},
                          {"excerpt", s ? s->excerpt : ""}});
  }
  const legal::Catalogue* cat = f.CatalogueOf(req);
  nlohmann::json requirement = CatalogueJson(*cat)["requirements"];
  nlohmann::json this_requirement;
  for (const auto& r : requirement)
    if (r["id"] == req) this_requirement = r;
  KASHF_RETURN_IF_ERROR(c.Audit("gaps.read", req + "@" + jur, ""));
  return JsonReply({{"requirement", this_requirement},
                    {"catalogue", cat->id},
                    {"assessment", legal::AssessmentJson(effective)},
                    {"history", hist},
                    {"comments", notes},
                    {"provisions", provisions},
                    {"evidence", EvidenceFor(f, req, measures)}});
}

Result<Reply> Review(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"version", "on"});
  int64_t version = b.Int("version", 0, 1, 1000000000, true);
  std::string on = b.String("on", false, 10);
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_RETURN_IF_ERROR(KnownCell(c));
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_RETURN_IF_ERROR(store->Review(GapActor(c), c.Param("requirement"), c.Param("jurisdiction"), version,
                                      on.empty() ? victims::TodayUtc() : on));
  KASHF_ASSIGN_OR_RETURN(auto history, store->History(c.Param("requirement"), c.Param("jurisdiction")));
  return JsonReply(legal::AssessmentJson(history.back()));
}

Result<Reply> AddComment(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"text", "on"});
  legal::Comment k{c.Param("requirement"),    c.Param("jurisdiction"),
                   c.user->username,          std::string(auth::RoleName(c.user->role)),
                   b.String("on", false, 10), b.String("text", true, 10000)};
  KASHF_RETURN_IF_ERROR(b.status());
  KASHF_RETURN_IF_ERROR(KnownCell(c));
  if (k.on.empty()) k.on = victims::TodayUtc();
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_RETURN_IF_ERROR(store->AddComment(GapActor(c), k));
  return JsonReply(legal::CommentJson(k), 201);
}

Result<Reply> Import(Call& c) {
  BodyReader b(c.body);
  b.OnlyFields({"rows", "csv", "dry_run"});
  bool dry_run = b.Bool("dry_run", false);
  KASHF_RETURN_IF_ERROR(b.status());
  std::vector<legal::ImportRow> rows;
  if (c.body.contains("csv") == c.body.contains("rows")) return Status::InvalidArgument("send either 'rows' or 'csv'");
  if (c.body.contains("csv")) {
    if (!c.body["csv"].is_string()) return Status::InvalidArgument("field 'csv' must be text");
    KASHF_ASSIGN_OR_RETURN(rows, legal::ParseImportCsv(c.body["csv"].get<std::string>()));
  } else {
    if (!c.body["rows"].is_array() || c.body["rows"].size() > 5000)
      return Status::InvalidArgument("field 'rows' must be an array of at most 5000 rows");
    KASHF_ASSIGN_OR_RETURN(rows, legal::ParseImportJson(c.body["rows"].dump()));
  }
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto current, store->Latest(""));
  legal::ImportReport r = legal::ValidateImport(Framework(c), current, rows, victims::TodayUtc());
  std::vector<legal::Assessment> stored;
  if (!dry_run && !r.accepted.empty()) {
    KASHF_ASSIGN_OR_RETURN(stored, store->Save(GapActor(c), r.accepted));
  }
  return JsonReply(legal::ImportReportJson(r, stored, dry_run));
}

std::vector<std::string> ListQuery(const Call& c, const std::string& name) {
  std::string v = c.Query(name);
  return v.empty() ? std::vector<std::string>{} : Split(v, ',');
}

Result<Reply> Report(Call& c) {
  const auto& f = Framework(c);
  KASHF_ASSIGN_OR_RETURN(std::string as_of, DateQuery(c, "as_of"));
  auto jurisdictions = ListQuery(c, "jurisdiction"), catalogues = ListQuery(c, "catalogue");
  for (const auto& j : jurisdictions)
    if (!f.FindJurisdiction(j)) return Status::NotFound("no such jurisdiction (see GET /api/v1/gaps/jurisdictions)");
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto stored, store->Latest(as_of));
  KASHF_ASSIGN_OR_RETURN(auto measures, Measures(c));
  legal::GapReport r = legal::BuildGapReport(f, stored, measures, {victims::TodayUtc(), jurisdictions, catalogues, 10});
  KASHF_RETURN_IF_ERROR(c.Audit("gaps.report", "", fmt::format("jurisdictions={}", r.jurisdictions.size())));
  return JsonReply(legal::GapReportJson(r));
}

Result<Reply> Diff(Call& c) {
  KASHF_ASSIGN_OR_RETURN(std::string from, DateQuery(c, "from"));
  KASHF_ASSIGN_OR_RETURN(std::string to, DateQuery(c, "to"));
  if (from.empty()) return Status::InvalidArgument("'from' (a date YYYY-MM-DD) is required");
  KASHF_ASSIGN_OR_RETURN(auto* store, c.db.gaps());
  KASHF_ASSIGN_OR_RETURN(auto before, store->Latest(from));
  KASHF_ASSIGN_OR_RETURN(auto after, store->Latest(to));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : legal::DiffAssessments(before, after)) items.push_back(legal::ChangeJson(d));
  return JsonReply(Items(items));
}

Result<Reply> Evidence(Call& c) {
  KASHF_ASSIGN_OR_RETURN(auto measures, Measures(c));
  nlohmann::json ms = nlohmann::json::array(), links = nlohmann::json::array();
  for (const auto& m : measures) ms.push_back(legal::MeasureValueJson(m));
  for (const auto& l : Framework(c).evidence)
    links.push_back({{"requirement", l.requirement}, {"measure", l.measure}, {"reading", l.reading}});
  KASHF_RETURN_IF_ERROR(c.Audit("gaps.evidence", "", ""));
  return JsonReply({{"measures", ms}, {"links", links}});
}

}  // namespace

void AddGapRoutes(Router& r) {
  r.Add({"GET", "/api/v1/gaps/catalogues", Permission::kReadGaps, false, Catalogues, "requirement catalogues"});
  r.Add({"GET", "/api/v1/gaps/jurisdictions", Permission::kReadGaps, false, Jurisdictions,
         "jurisdictions and instruments"});
  r.Add({"GET", "/api/v1/gaps/assessments", Permission::kReadGaps, false, ListAssessments, "effective assessments"});
  r.Add({"POST", "/api/v1/gaps/assessments", Permission::kAssessGaps, true, SaveAssessments, "save assessments"});
  r.Add({"GET", "/api/v1/gaps/assessments/{jurisdiction}/{requirement}", Permission::kReadGaps, false, Cell,
         "one cell with history, comments, provisions and evidence"});
  r.Add({"POST", "/api/v1/gaps/assessments/{jurisdiction}/{requirement}/review", Permission::kReviewGaps, true, Review,
         "approve the current version"});
  r.Add({"POST", "/api/v1/gaps/assessments/{jurisdiction}/{requirement}/comments", Permission::kCommentGaps, true,
         AddComment, "comment on a cell"});
  r.Add(
      {"POST", "/api/v1/gaps/import", Permission::kAssessGaps, true, Import, "import assessments (JSON rows or CSV)"});
  r.Add({"GET", "/api/v1/gaps/report", Permission::kReadGaps, false, Report, "the gap report"});
  r.Add({"GET", "/api/v1/gaps/diff", Permission::kReadGaps, false, Diff, "changes between two dates"});
  r.Add({"GET", "/api/v1/gaps/evidence", Permission::kReadGaps, false, Evidence, "operational evidence measures"});
}

}  // namespace kashf::server
