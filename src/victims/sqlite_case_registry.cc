// SQLite CaseRegistry: tables victims_cases (the case as JSON, without identity, plus the columns
// needed for scoping and deadlines) and victims_identities (one sealed value per identity field
// and the blind index of the national id). Reads and changes go to the audit log (src/audit).
#include <fmt/format.h>

#include "kashf/audit/audit_log.h"
#include "kashf/core/text.h"
#include "kashf/store/sqlite_db.h"
#include "kashf/victims/case_json.h"
#include "kashf/victims/case_registry.h"
#include "kashf/victims/civil_date.h"
#include "kashf/victims/htcds_picklists.h"

namespace kashf::victims {
namespace {

// The identity columns of victims_identities, in IdentityFieldNames() order (one sealed value each).
std::string IdentityColumns() {
  std::string out;
  for (const char* f : IdentityFieldNames()) out += std::string(out.empty() ? "" : ", ") + f;
  return out;
}

Status NoKey() {
  return Status::FailedPrecondition(
      fmt::format("victim identities are encrypted and no key was given: {}", kKeyAdvice));
}

class SqliteCaseRegistry final : public CaseRegistry {
 public:
  SqliteCaseRegistry(sqlite3* db, std::unique_ptr<audit::AuditLog> log, NrmProcess process, OffenceTable offences,
                     HtcdsPicklists picklists, RegistryOptions options)
      : db_(db),
        log_(std::move(log)),
        process_(std::move(process)),
        offences_(std::move(offences)),
        picklists_(std::move(picklists)),
        options_(options) {}
  ~SqliteCaseRegistry() override { sqlite3_close_v2(db_); }

  Status Migrate() {
    return sqlite::MigrateComponent(
        db_, "victims",
        {{1,
          "CREATE TABLE victims_cases (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, agency TEXT NOT NULL, "
          "stage TEXT NOT NULL, due_day INTEGER, record TEXT NOT NULL);"
          "CREATE INDEX victims_cases_agency ON victims_cases(agency);"
          "CREATE INDEX victims_cases_due ON victims_cases(due_day);"
          "CREATE TABLE victims_identities (case_id TEXT PRIMARY KEY REFERENCES victims_cases(id), "
          "full_name TEXT NOT NULL, father_name TEXT NOT NULL, national_id TEXT NOT NULL, "
          "date_of_birth TEXT NOT NULL, phone TEXT NOT NULL, national_id_index TEXT);"
          "CREATE INDEX victims_identities_index ON victims_identities(national_id_index);"},
         // HTCDS v2 person fields: name parts, email and mailing address, sealed like the rest. Rows
         // written before keep their full_name; the new columns hold "" (which opens to "").
         {2,
          "ALTER TABLE victims_identities ADD COLUMN first_name TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN middle_name TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN second_name TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN email TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN address_street TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN address_city TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN address_state TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN address_postal_code TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN address_country TEXT NOT NULL DEFAULT '';"},
         // The HTCDS core fields that can identify a survivor, sealed like the identity: home phone,
         // vulnerability details, and (as one sealed JSON text) event coordinates and case comments.
         // The case's id in the system it was imported from makes a re-import idempotent.
         {3,
          "ALTER TABLE victims_identities ADD COLUMN home_phone TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN vulnerability_details TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_identities ADD COLUMN details TEXT NOT NULL DEFAULT '';"
          "ALTER TABLE victims_cases ADD COLUMN source_id TEXT;"
          "CREATE INDEX victims_cases_source ON victims_cases(source_id);"}});
  }

  Result<std::vector<std::string>> CreateCases(const Actor& actor, std::vector<NewCase> cases) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    if (!options_.vault) return NoKey();
    for (auto& nc : cases) {
      VictimCase& c = nc.record;
      if (!DayNumber(c.registration_date))
        return Status::InvalidArgument(fmt::format("registration date '{}' is not YYYY-MM-DD", c.registration_date));
      if (c.stages.empty()) c.stages.push_back({process_.first_stage(), c.registration_date, "", ""});
      if (!process_.Find(c.CurrentStage()))
        return Status::InvalidArgument(fmt::format("unknown NRM stage '{}' in a new case", c.CurrentStage()));
      for (const auto& o : c.offences) KASHF_RETURN_IF_ERROR(CheckOffence(o));
      KASHF_RETURN_IF_ERROR(picklists_.CheckCase(c));
      KASHF_RETURN_IF_ERROR(CheckSealedDetails(c, nc.identity));
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    auto ids = Insert(actor, cases);
    if (!ids.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      return ids.status();
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    if (!ids->empty())
      KASHF_RETURN_IF_ERROR(
          Audit(actor, "case.create", ids->front(), fmt::format("count={} last={}", ids->size(), ids->back())));
    return ids;
  }

  Result<VictimCase> GetCase(const Actor& actor, const std::string& case_id) override {
    KASHF_ASSIGN_OR_RETURN(VictimCase c, LoadVisible(actor, case_id, "case.read"));
    return c;
  }

  Result<Identity> RevealIdentity(const Actor& actor, const std::string& case_id, const std::string& purpose) override {
    if (!options_.vault) return NoKey();
    if (purpose != "case_management" && !process_.IsConsentPurpose(purpose))
      return Status::InvalidArgument(
          fmt::format("'{}' is not a purpose; use case_management or a consent purpose ({})", purpose, PurposeList()));
    KASHF_ASSIGN_OR_RETURN(VictimCase c, LoadVisible(actor, case_id, "identity.read.check"));
    if (purpose != "case_management" && !c.HasConsent(purpose)) {
      KASHF_RETURN_IF_ERROR(
          Audit(actor, "identity.read.refused", case_id, "purpose=" + purpose + " reason=no-consent"));
      return Status::PermissionDenied(fmt::format(
          "case {}: the survivor has not consented to '{}'; record consent first (kashf case consent {} {} --granted)",
          case_id, purpose, case_id, purpose));
    }
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, "SELECT " + IdentityColumns() + ", details FROM victims_identities WHERE case_id=?"));
    q.Bind(1, case_id);
    KASHF_ASSIGN_OR_RETURN(bool found, q.Next("reading an identity record"));
    if (!found) return Status::NotFound(fmt::format("case {} has no identity record", case_id));
    KASHF_RETURN_IF_ERROR(Audit(actor, "identity.read", case_id, "purpose=" + purpose));
    Identity id;
    const auto& names = IdentityFieldNames();
    for (size_t i = 0; i < names.size(); ++i) {
      KASHF_ASSIGN_OR_RETURN(*IdentityField(id, names[i]),
                             options_.vault->Open(case_id, names[i], q.Text(static_cast<int>(i))));
    }
    KASHF_ASSIGN_OR_RETURN(std::string details,
                           options_.vault->Open(case_id, "details", q.Text(static_cast<int>(names.size()))));
    KASHF_RETURN_IF_ERROR(IdentityDetailsFromText(details, id));
    return id;
  }

  Result<std::vector<std::string>> FindByNationalId(const Actor& actor, const std::string& national_id) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    if (!options_.vault) return NoKey();
    if (NormaliseNationalId(national_id).empty()) return Status::InvalidArgument("the national id to look up is empty");
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_,
                                    "SELECT c.id FROM victims_identities i JOIN victims_cases c ON c.id=i.case_id "
                                    "WHERE i.national_id_index=? AND (c.agency=? OR ?) ORDER BY c.seq"));
    q.Bind(1, options_.vault->BlindIndex(national_id));
    q.Bind(2, actor.agency);
    q.Bind(3, int64_t{actor.all_agencies});
    std::vector<std::string> out;
    KASHF_RETURN_IF_ERROR(q.ForEachRow("looking up an identity", [&] { out.push_back(q.Text(0)); }));
    KASHF_RETURN_IF_ERROR(Audit(actor, "identity.lookup", "", fmt::format("matches={}", out.size())));
    return out;
  }

  Result<std::optional<std::string>> FindBySourceId(const Actor& actor, const std::string& source_id) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(
        q.Prepare(db_, "SELECT id FROM victims_cases WHERE source_id=? AND (agency=? OR ?) ORDER BY seq LIMIT 1"));
    q.Bind(1, source_id);
    q.Bind(2, actor.agency);
    q.Bind(3, int64_t{actor.all_agencies});
    if (q.Step() == SQLITE_ROW) return std::optional<std::string>(q.Text(0));
    return std::optional<std::string>();
  }

  Result<std::vector<std::string>> ListCases(const Actor& actor) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT id FROM victims_cases WHERE agency=? OR ? ORDER BY seq"));
    q.Bind(1, actor.agency);
    q.Bind(2, int64_t{actor.all_agencies});
    std::vector<std::string> out;
    KASHF_RETURN_IF_ERROR(q.ForEachRow("listing cases", [&] { out.push_back(q.Text(0)); }));
    return out;
  }

  Status Transition(const Actor& actor, const std::string& case_id, const std::string& to, const std::string& date,
                    const std::string& authority, const std::string& note) override {
    return Mutate(actor, case_id, "case.transition", "to=" + to, [&](VictimCase& c) -> Status {
      KASHF_RETURN_IF_ERROR(process_.CheckTransition(c, to, date, authority));
      c.stages.push_back({to, date, authority, note});
      c.extensions = 0;
      return Status::Ok();
    });
  }

  Status Extend(const Actor& actor, const std::string& case_id, const std::string& date,
                const std::string& authority) override {
    return Mutate(actor, case_id, "case.extend", "on=" + date, [&](VictimCase& c) -> Status {
      KASHF_RETURN_IF_ERROR(process_.CheckExtension(c));
      if (!DayNumber(date)) return Status::InvalidArgument(fmt::format("date '{}' is not YYYY-MM-DD", date));
      ++c.extensions;
      c.stages.back().note += fmt::format("{}extended on {} by {}", c.stages.back().note.empty() ? "" : "; ", date,
                                          authority.empty() ? actor.user : authority);
      return Status::Ok();
    });
  }

  Status RecordConsent(const Actor& actor, const std::string& case_id, const ConsentRecord& consent) override {
    if (!process_.IsConsentPurpose(consent.purpose))
      return Status::InvalidArgument(
          fmt::format("unknown consent purpose '{}'; purposes are: {}", consent.purpose, PurposeList()));
    if (!DayNumber(consent.date))
      return Status::InvalidArgument(fmt::format("date '{}' is not YYYY-MM-DD", consent.date));
    return Mutate(actor, case_id, "case.consent",
                  fmt::format("purpose={} granted={}", consent.purpose, consent.granted), [&](VictimCase& c) {
                    ConsentRecord k = consent;
                    if (k.recorded_by.empty()) k.recorded_by = actor.user;
                    c.consents.push_back(std::move(k));
                    return Status::Ok();
                  });
  }

  Status AddReferral(const Actor& actor, const std::string& case_id, const Referral& r) override {
    if (r.direction != "in" && r.direction != "out")
      return Status::InvalidArgument(fmt::format("referral direction must be 'in' or 'out', not '{}'", r.direction));
    if (!DayNumber(r.date)) return Status::InvalidArgument(fmt::format("date '{}' is not YYYY-MM-DD", r.date));
    KASHF_RETURN_IF_ERROR(picklists_.CheckReferral(r));
    return Mutate(actor, case_id, "case.referral",
                  fmt::format("{} service={} identity_shared={}", r.direction, r.service, r.identity_shared),
                  [&](VictimCase& c) -> Status {
                    if (r.direction == "out" && r.identity_shared && !c.HasConsent("referral_identity"))
                      return Status::PermissionDenied(fmt::format(
                          "case {}: sharing the identity with {} needs the survivor's consent 'referral_identity'; "
                          "record it first, or refer without the identity",
                          c.id, r.provider));
                    c.referrals.push_back(r);
                    return Status::Ok();
                  });
  }

  Status LinkOffence(const Actor& actor, const std::string& case_id, const std::string& offence_id) override {
    KASHF_RETURN_IF_ERROR(CheckOffence(offence_id));
    return Mutate(actor, case_id, "case.offence", "offence=" + offence_id, [&](VictimCase& c) {
      if (std::find(c.offences.begin(), c.offences.end(), offence_id) == c.offences.end())
        c.offences.push_back(offence_id);
      return Status::Ok();
    });
  }

  Result<std::vector<OverdueCase>> Overdue(const Actor& actor, const std::string& today) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    auto day = DayNumber(today);
    if (!day) return Status::InvalidArgument(fmt::format("date '{}' is not YYYY-MM-DD", today));
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_,
                                    "SELECT id, agency, stage, due_day FROM victims_cases "
                                    "WHERE due_day < ? AND (agency=? OR ?) ORDER BY due_day, seq"));
    q.Bind(1, *day);
    q.Bind(2, actor.agency);
    q.Bind(3, int64_t{actor.all_agencies});
    std::vector<OverdueCase> out;
    KASHF_RETURN_IF_ERROR(q.ForEachRow("listing overdue cases", [&] {
      out.push_back({q.Text(0), q.Text(1), q.Text(2), DateFromDayNumber(q.Int(3)), *day - q.Int(3)});
    }));
    return out;
  }

  Result<std::vector<VictimCase>> CasesWithConsent(const Actor& actor, const std::string& purpose) override {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    if (!process_.IsConsentPurpose(purpose))
      return Status::InvalidArgument(
          fmt::format("unknown consent purpose '{}'; purposes are: {}", purpose, PurposeList()));
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT record FROM victims_cases WHERE agency=? OR ? ORDER BY seq"));
    q.Bind(1, actor.agency);
    q.Bind(2, int64_t{actor.all_agencies});
    std::vector<VictimCase> out;
    int64_t seen = 0;
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      ++seen;
      KASHF_ASSIGN_OR_RETURN(VictimCase c, Parse(q.Text(0)));
      if (c.HasConsent(purpose)) out.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading cases");
    KASHF_RETURN_IF_ERROR(Audit(actor, "cases.bulk_read", "",
                                fmt::format("purpose={} visible={} consenting={}", purpose, seen, out.size())));
    return out;
  }

 private:
  static Status CheckActor(const Actor& a) {
    if (a.user.empty() || a.agency.empty())
      return Status::InvalidArgument("every victim-record call names the acting user and agency (--user, --agency)");
    return Status::Ok();
  }

  // Event points name an event of the case and lie on the globe; comments are dated. Messages name
  // the case's position, never a coordinate or a comment.
  static Status CheckSealedDetails(const VictimCase& c, const Identity& id) {
    for (const auto& p : id.event_points) {
      if (p.event >= c.events.size())
        return Status::InvalidArgument(
            fmt::format("event coordinates name event {} of a case with {} events", p.event + 1, c.events.size()));
      if (!(p.latitude >= -90 && p.latitude <= 90 && p.longitude >= -180 && p.longitude <= 180))
        return Status::InvalidArgument(fmt::format(
            "the coordinates of event {} are off the globe (latitude -90..90, longitude -180..180)", p.event + 1));
    }
    for (const auto& k : id.comments)
      if (!DayNumber(k.date))
        return Status::InvalidArgument(fmt::format("a case comment's date '{}' is not YYYY-MM-DD", k.date));
    return Status::Ok();
  }

  Status CheckOffence(const std::string& id) const {
    if (!offences_.Find(id))
      return Status::InvalidArgument(
          fmt::format("unknown offence '{}'; see data/reference/offences.tsv (kashf case offences)", id));
    return Status::Ok();
  }

  std::string PurposeList() const {
    std::vector<std::string> ids;
    for (const auto& p : process_.consent_purposes()) ids.push_back(p.id);
    return Join(ids, ", ");
  }

  Status Audit(const Actor& actor, const std::string& action, const std::string& subject, const std::string& detail) {
    auto r = log_->Append({0, 0, actor.user, actor.agency, action, subject, detail, "", ""});
    if (!r.ok()) return r.status().WithContext("writing the audit log (the operation was not completed)");
    return Status::Ok();
  }

  static Result<VictimCase> Parse(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return Status::Corruption("a stored case record is not JSON");
    return CaseFromJson(j);
  }

  // Loads a case if it exists and actor may see it; audits the read (or the refused attempt).
  Result<VictimCase> LoadVisible(const Actor& actor, const std::string& case_id, const std::string& action) {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT agency, record FROM victims_cases WHERE id=?"));
    q.Bind(1, case_id);
    KASHF_ASSIGN_OR_RETURN(bool found, q.Next("reading a case"));
    if (!found || (!actor.all_agencies && q.Text(0) != actor.agency)) {
      if (found) KASHF_RETURN_IF_ERROR(Audit(actor, action + ".refused", case_id, "reason=other-agency"));
      return Status::NotFound(fmt::format(
          "no case '{}' among the cases of agency '{}'; list them with `kashf case list`", case_id, actor.agency));
    }
    KASHF_RETURN_IF_ERROR(Audit(actor, action, case_id, ""));
    return Parse(q.Text(1));
  }

  template <typename Fn>
  Status Mutate(const Actor& actor, const std::string& case_id, const std::string& action, const std::string& detail,
                Fn fn) {
    KASHF_RETURN_IF_ERROR(CheckActor(actor));
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    Status st = MutateLocked(actor, case_id, fn);
    if (!st.ok()) {
      (void)sqlite::Exec(db_, "ROLLBACK");
      if (st.code() != StatusCode::kNotFound) KASHF_RETURN_IF_ERROR(Audit(actor, action + ".refused", case_id, detail));
      return st;
    }
    KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    return Audit(actor, action, case_id, detail);
  }

  template <typename Fn>
  Status MutateLocked(const Actor& actor, const std::string& case_id, Fn& fn) {
    sqlite::Stmt q;
    KASHF_RETURN_IF_ERROR(q.Prepare(db_, "SELECT agency, record FROM victims_cases WHERE id=?"));
    q.Bind(1, case_id);
    KASHF_ASSIGN_OR_RETURN(bool found, q.Next("reading a case"));
    if (!found || (!actor.all_agencies && q.Text(0) != actor.agency))
      return Status::NotFound(fmt::format(
          "no case '{}' among the cases of agency '{}'; list them with `kashf case list`", case_id, actor.agency));
    KASHF_ASSIGN_OR_RETURN(VictimCase c, Parse(q.Text(1)));
    KASHF_RETURN_IF_ERROR(fn(c));
    return Write(c, /*insert=*/false, 0);
  }

  Status Write(const VictimCase& c, bool insert, int64_t seq) {
    sqlite::Stmt w;
    auto due = process_.DueDay(c);
    if (insert) {
      KASHF_RETURN_IF_ERROR(w.Prepare(db_,
                                      "INSERT INTO victims_cases(stage, due_day, record, id, agency, seq, source_id) "
                                      "VALUES (?,?,?,?,?,?,?)"));
      w.Bind(5, c.agency);
      w.Bind(6, seq);
      if (!c.source_id.empty()) w.Bind(7, c.source_id);
    } else {
      KASHF_RETURN_IF_ERROR(w.Prepare(db_, "UPDATE victims_cases SET stage=?, due_day=?, record=? WHERE id=?"));
    }
    w.Bind(1, c.CurrentStage());
    if (due) w.Bind(2, *due);
    w.Bind(3, CaseToJson(c).dump());
    w.Bind(4, c.id);
    if (w.Step() != SQLITE_DONE) return sqlite::Error(db_, fmt::format("saving case {}", c.id));
    return Status::Ok();
  }

  Result<std::vector<std::string>> Insert(const Actor& actor, std::vector<NewCase>& cases) {
    sqlite::Stmt max;
    KASHF_RETURN_IF_ERROR(max.Prepare(db_, "SELECT COALESCE(MAX(seq), 0) FROM victims_cases"));
    if (max.Step() != SQLITE_ROW) return sqlite::Error(db_, "numbering cases");
    int64_t seq = max.Int(0);
    sqlite::Stmt put_id;
    const auto& names = IdentityFieldNames();
    std::string marks;
    for (size_t i = 0; i < names.size(); ++i) marks += ",?";
    KASHF_RETURN_IF_ERROR(put_id.Prepare(db_, "INSERT INTO victims_identities(case_id, national_id_index, " +
                                                  IdentityColumns() + ", details) VALUES (?,?" + marks + ",?)"));
    std::vector<std::string> ids;
    for (auto& nc : cases) {
      VictimCase& c = nc.record;
      c.id = fmt::format("case-{:06}", ++seq);
      if (c.agency.empty() || !actor.all_agencies) c.agency = actor.agency;
      KASHF_RETURN_IF_ERROR(Write(c, /*insert=*/true, seq));
      put_id.Reset();
      put_id.Bind(1, c.id);
      if (!nc.identity.national_id.empty()) put_id.Bind(2, options_.vault->BlindIndex(nc.identity.national_id));
      for (size_t i = 0; i < names.size(); ++i)
        put_id.Bind(static_cast<int>(i) + 3,
                    options_.vault->Seal(c.id, names[i], *IdentityField(nc.identity, names[i])));
      put_id.Bind(static_cast<int>(names.size()) + 3,
                  options_.vault->Seal(c.id, "details", IdentityDetailsToText(nc.identity)));
      if (put_id.Step() != SQLITE_DONE) return sqlite::Error(db_, fmt::format("saving the identity of case {}", c.id));
      ids.push_back(c.id);
    }
    return ids;
  }

  sqlite3* db_;
  std::unique_ptr<audit::AuditLog> log_;
  NrmProcess process_;
  OffenceTable offences_;
  HtcdsPicklists picklists_;
  RegistryOptions options_;
};

}  // namespace

Result<std::unique_ptr<CaseRegistry>> OpenSqliteCaseRegistry(const std::string& path, NrmProcess process,
                                                             OffenceTable offences, RegistryOptions options) {
  KASHF_ASSIGN_OR_RETURN(auto picklists, HtcdsPicklists::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto log, audit::OpenSqliteAuditLog(path));
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the case register"));
  auto reg = std::make_unique<SqliteCaseRegistry>(db, std::move(log), std::move(process), std::move(offences),
                                                  std::move(picklists), options);
  KASHF_RETURN_IF_ERROR(reg->Migrate());
  return std::unique_ptr<CaseRegistry>(std::move(reg));
}

}  // namespace kashf::victims
