// SQLite implementation of FirearmRegistry (see firearm_registry.h). Tables are migrated as
// component "firearms"; migrations are append-only.
#include <fmt/format.h>

#include <cctype>

#include "kashf/firearms/firearm_registry.h"
#include "kashf/store/sqlite_db.h"

namespace kashf::firearms {

std::string NormaliseSerial(std::string_view serial) {
  std::string out;
  out.reserve(serial.size());
  for (char ch : serial) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) out.push_back(static_cast<char>(std::toupper(c)));
    else if (ch == '?' || ch == '*') out.push_back(ch);
  }
  return out;
}

namespace {

const std::vector<std::pair<int, std::string>>& Migrations() {
  static const std::vector<std::pair<int, std::string>> m = {
      {1, R"(
CREATE TABLE firearms (
  id INTEGER PRIMARY KEY, serial TEXT NOT NULL, serial_norm TEXT NOT NULL, make TEXT NOT NULL, model TEXT NOT NULL,
  type TEXT NOT NULL, calibre TEXT NOT NULL, bore_class TEXT NOT NULL, country_of_manufacture TEXT NOT NULL,
  place_of_manufacture TEXT NOT NULL, import_country TEXT NOT NULL, import_year INTEGER NOT NULL,
  state_stock_mark TEXT NOT NULL, licence_number TEXT NOT NULL, state TEXT NOT NULL);
CREATE INDEX firearms_serial ON firearms(serial_norm);
CREATE TABLE firearm_events (
  id INTEGER PRIMARY KEY, firearm_id INTEGER NOT NULL REFERENCES firearms(id), kind TEXT NOT NULL, date TEXT NOT NULL,
  place TEXT NOT NULL, district TEXT NOT NULL, agency TEXT NOT NULL, document TEXT NOT NULL, holder TEXT NOT NULL,
  licence_number TEXT NOT NULL, licence_expiry TEXT NOT NULL, export_country TEXT NOT NULL, import_country TEXT NOT NULL,
  transit_country TEXT NOT NULL, final_recipient TEXT NOT NULL, seizure_context TEXT NOT NULL, campaign TEXT NOT NULL,
  note TEXT NOT NULL, retain_until TEXT NOT NULL);
CREATE INDEX firearm_events_firearm ON firearm_events(firearm_id, id);
CREATE TABLE firearm_trace_requests (
  id TEXT PRIMARY KEY, firearm_id INTEGER NOT NULL REFERENCES firearms(id), date TEXT NOT NULL,
  requesting_agency TEXT NOT NULL, requested_party TEXT NOT NULL, illicit_reason TEXT NOT NULL, legal_basis TEXT NOT NULL,
  markings TEXT NOT NULL, type TEXT NOT NULL, calibre TEXT NOT NULL, intended_use TEXT NOT NULL, status TEXT NOT NULL);
CREATE INDEX firearm_trace_requests_firearm ON firearm_trace_requests(firearm_id);
CREATE TABLE firearm_trace_answers (
  id INTEGER PRIMARY KEY, request_id TEXT NOT NULL REFERENCES firearm_trace_requests(id), date TEXT NOT NULL,
  responder TEXT NOT NULL, outcome TEXT NOT NULL, last_lawful_holder TEXT NOT NULL, diversion_point TEXT NOT NULL,
  text TEXT NOT NULL);
CREATE INDEX firearm_trace_answers_request ON firearm_trace_answers(request_id);
)"},
  };
  return m;
}

constexpr const char* kFirearmCols =
    "id, serial, make, model, type, calibre, bore_class, country_of_manufacture, place_of_manufacture, import_country, "
    "import_year, state_stock_mark, licence_number, state";
constexpr const char* kEventCols =
    "id, firearm_id, kind, date, place, district, agency, document, holder, licence_number, licence_expiry, "
    "export_country, "
    "import_country, transit_country, final_recipient, seizure_context, campaign, note, retain_until";
constexpr const char* kRequestCols =
    "id, firearm_id, date, requesting_agency, requested_party, illicit_reason, legal_basis, markings, type, calibre, "
    "intended_use, status";

Firearm ReadFirearm(sqlite::Stmt& s) {
  Firearm f;
  f.id = s.Int(0);
  f.serial = s.Text(1);
  f.make = s.Text(2);
  f.model = s.Text(3);
  f.type = s.Text(4);
  f.calibre = s.Text(5);
  f.bore_class = s.Text(6);
  f.country_of_manufacture = s.Text(7);
  f.place_of_manufacture = s.Text(8);
  f.import_country = s.Text(9);
  f.import_year = static_cast<int>(s.Int(10));
  f.state_stock_mark = s.Text(11);
  f.licence_number = s.Text(12);
  f.state = s.Text(13);
  return f;
}

LifecycleEvent ReadEvent(sqlite::Stmt& s) {
  LifecycleEvent e;
  e.id = s.Int(0);
  e.firearm_id = s.Int(1);
  std::string* fields[] = {&e.kind,
                           &e.date,
                           &e.place,
                           &e.district,
                           &e.agency,
                           &e.document,
                           &e.holder,
                           &e.licence_number,
                           &e.licence_expiry,
                           &e.export_country,
                           &e.import_country,
                           &e.transit_country,
                           &e.final_recipient,
                           &e.seizure_context,
                           &e.campaign,
                           &e.note,
                           &e.retain_until};
  int col = 2;
  for (std::string* f : fields) *f = s.Text(col++);
  return e;
}

TraceRequest ReadRequest(sqlite::Stmt& s) {
  TraceRequest r;
  r.id = s.Text(0);
  r.firearm_id = s.Int(1);
  r.date = s.Text(2);
  r.requesting_agency = s.Text(3);
  r.requested_party = s.Text(4);
  r.illicit_reason = s.Text(5);
  r.legal_basis = s.Text(6);
  r.markings = s.Text(7);
  r.type = s.Text(8);
  r.calibre = s.Text(9);
  r.intended_use = s.Text(10);
  r.status = s.Text(11);
  return r;
}

std::string AddYears(const std::string& date, int years) {
  int y = std::stoi(date.substr(0, 4)) + years;
  std::string md = date.substr(4);
  if (md == "-02-29") md = "-02-28";
  return fmt::format("{:04d}{}", y, md);
}

class SqliteFirearmRegistry final : public FirearmRegistry {
 public:
  SqliteFirearmRegistry(sqlite3* db, FirearmReference ref, LifecycleRules rules)
      : db_(db), ref_(std::move(ref)), rules_(std::move(rules)) {}
  ~SqliteFirearmRegistry() override {
    stmts_.clear();
    sqlite3_close_v2(db_);
  }

  Status Prepare() {
    auto prep = [&](const std::string& name, const std::string& sql) -> Status {
      return stmts_[name].Prepare(db_, sql);
    };
    KASHF_RETURN_IF_ERROR(prep("add",
                               "INSERT INTO firearms(serial, serial_norm, make, model, type, calibre, bore_class, "
                               "country_of_manufacture, place_of_manufacture, import_country, import_year, "
                               "state_stock_mark, licence_number, state) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    KASHF_RETURN_IF_ERROR(prep("get", fmt::format("SELECT {} FROM firearms WHERE id=?", kFirearmCols)));
    KASHF_RETURN_IF_ERROR(
        prep("by_serial", fmt::format("SELECT {} FROM firearms WHERE serial_norm=? ORDER BY id", kFirearmCols)));
    KASHF_RETURN_IF_ERROR(
        prep("last_event",
             fmt::format("SELECT {} FROM firearm_events WHERE firearm_id=? ORDER BY id DESC LIMIT 1", kEventCols)));
    KASHF_RETURN_IF_ERROR(
        prep("add_event",
             "INSERT INTO firearm_events(firearm_id, kind, date, place, district, agency, document, "
             "holder, licence_number, licence_expiry, export_country, import_country, transit_country, "
             "final_recipient, seizure_context, campaign, note, retain_until) "
             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    KASHF_RETURN_IF_ERROR(
        prep("set_state", "UPDATE firearms SET state=?, licence_number=?, import_country=?, import_year=? WHERE id=?"));
    KASHF_RETURN_IF_ERROR(
        prep("events", fmt::format("SELECT {} FROM firearm_events WHERE firearm_id=? ORDER BY id", kEventCols)));
    KASHF_RETURN_IF_ERROR(
        prep("add_request",
             fmt::format("INSERT INTO firearm_trace_requests({}) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)", kRequestCols)));
    KASHF_RETURN_IF_ERROR(prep("count_requests", "SELECT count(*) FROM firearm_trace_requests"));
    KASHF_RETURN_IF_ERROR(
        prep("get_request", fmt::format("SELECT {} FROM firearm_trace_requests WHERE id=?", kRequestCols)));
    KASHF_RETURN_IF_ERROR(prep("add_answer",
                               "INSERT INTO firearm_trace_answers(request_id, date, responder, outcome, "
                               "last_lawful_holder, diversion_point, text) VALUES(?,?,?,?,?,?,?)"));
    KASHF_RETURN_IF_ERROR(prep("answered", "UPDATE firearm_trace_requests SET status='answered' WHERE id=?"));
    return Status::Ok();
  }

  Result<int64_t> AddFirearm(Firearm f) override {
    if (!ref_.IsKnownType(f.type))
      return Status::InvalidArgument(
          fmt::format("unknown firearm type '{}'; use one of {} (data/reference/firearm-types.tsv)", f.type,
                      fmt::join(ref_.TypeCodes(), ", ")));
    if (NormaliseSerial(f.serial).empty() && f.type != "craft_made")
      return Status::InvalidArgument(
          "a firearm needs its serial number (Art. 8.1(a)); write '?' for each unreadable character");
    if (f.bore_class.empty()) f.bore_class = ref_.BoreClass(f.calibre);
    auto& s = stmts_["add"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, f.serial);
    s.Bind(2, NormaliseSerial(f.serial));
    s.Bind(3, f.make);
    s.Bind(4, f.model);
    s.Bind(5, f.type);
    s.Bind(6, f.calibre);
    s.Bind(7, f.bore_class);
    s.Bind(8, f.country_of_manufacture);
    s.Bind(9, f.place_of_manufacture);
    s.Bind(10, f.import_country);
    s.Bind(11, int64_t{f.import_year});
    s.Bind(12, f.state_stock_mark);
    s.Bind(13, f.licence_number);
    s.Bind(14, std::string_view("none"));
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "adding a firearm");
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Result<Firearm> GetFirearm(int64_t id) override {
    auto& s = stmts_["get"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return ReadFirearm(s);
    if (rc == SQLITE_DONE)
      return Status::NotFound(fmt::format("no firearm with id {}; find it with `kashf firearm search SERIAL`", id));
    return sqlite::Error(db_, "reading a firearm");
  }

  Result<std::vector<Firearm>> FindBySerial(const std::string& serial) override {
    auto& s = stmts_["by_serial"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, NormaliseSerial(serial));
    std::vector<Firearm> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadFirearm(s));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "finding a serial");
    return out;
  }

  Status ForEachFirearm(const std::function<bool(const Firearm&)>& visit) override {
    sqlite::Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, fmt::format("SELECT {} FROM firearms ORDER BY id", kFirearmCols)));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      if (!visit(ReadFirearm(s))) return Status::Ok();
    return rc == SQLITE_DONE ? Status::Ok() : sqlite::Error(db_, "listing firearms");
  }

  Result<int64_t> CountFirearms() override {
    sqlite::Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, "SELECT count(*) FROM firearms"));
    if (s.Step() != SQLITE_ROW) return sqlite::Error(db_, "counting firearms");
    return s.Int(0);
  }

  Result<int64_t> RecordEvent(LifecycleEvent e) override {
    KASHF_ASSIGN_OR_RETURN(Firearm f, GetFirearm(e.firearm_id));
    LifecycleEvent last;
    auto& l = stmts_["last_event"];
    l.Reset();
    sqlite::ResetOnExit l_done(l);
    l.Bind(1, e.firearm_id);
    KASHF_ASSIGN_OR_RETURN(bool has_last, l.Next("reading the firearm's last event"));
    if (has_last) last = ReadEvent(l);
    KASHF_RETURN_IF_ERROR(rules_.Check(f.state, last, e, f.serial.empty() ? fmt::format("#{}", f.id) : f.serial));
    e.retain_until = AddYears(e.date, ref_.RetentionYears(e.kind));
    bool own_txn = sqlite3_get_autocommit(db_) != 0;
    if (own_txn) KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "BEGIN IMMEDIATE"));
    auto& s = stmts_["add_event"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, e.firearm_id);
    const std::string* fields[] = {&e.kind,
                                   &e.date,
                                   &e.place,
                                   &e.district,
                                   &e.agency,
                                   &e.document,
                                   &e.holder,
                                   &e.licence_number,
                                   &e.licence_expiry,
                                   &e.export_country,
                                   &e.import_country,
                                   &e.transit_country,
                                   &e.final_recipient,
                                   &e.seizure_context,
                                   &e.campaign,
                                   &e.note,
                                   &e.retain_until};
    int col = 2;
    for (const std::string* v : fields) s.Bind(col++, *v);
    Status st;
    if (s.Step() != SQLITE_DONE) st = sqlite::Error(db_, "recording an event");
    int64_t id = sqlite3_last_insert_rowid(db_);
    if (st.ok()) {
      // The register keeps the current licence and the import mark (Art. 8.1(b)) on the record.
      std::string licence = f.licence_number;
      if (!e.licence_number.empty() &&
          (e.kind == "licence_issue" || e.kind == "licence_transfer" || e.kind == "returned"))
        licence = e.licence_number;
      if (e.kind == "destroyed" || e.kind == "deactivated") licence.clear();
      std::string import_country = f.import_country;
      int import_year = f.import_year;
      if (e.kind == "import" && import_country.empty()) {
        import_country = e.import_country;
        import_year = std::stoi(e.date.substr(0, 4));
      }
      auto& u = stmts_["set_state"];
      u.Reset();
      sqlite::ResetOnExit u_done(u);
      u.Bind(1, rules_.NextState(e.kind));
      u.Bind(2, licence);
      u.Bind(3, import_country);
      u.Bind(4, int64_t{import_year});
      u.Bind(5, e.firearm_id);
      if (u.Step() != SQLITE_DONE) st = sqlite::Error(db_, "updating the firearm state");
    }
    if (own_txn) {
      if (!st.ok()) {
        (void)sqlite::Exec(db_, "ROLLBACK");
        return st;
      }
      KASHF_RETURN_IF_ERROR(sqlite::Exec(db_, "COMMIT"));
    }
    if (!st.ok()) return st;
    return id;
  }

  Result<std::vector<LifecycleEvent>> Events(int64_t firearm_id) override {
    auto& s = stmts_["events"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, firearm_id);
    std::vector<LifecycleEvent> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadEvent(s));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "reading events");
    return out;
  }

  Status ForEachEvent(const std::function<bool(const LifecycleEvent&)>& visit) override {
    sqlite::Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_, fmt::format("SELECT {} FROM firearm_events ORDER BY firearm_id, id", kEventCols)));
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      if (!visit(ReadEvent(s))) return Status::Ok();
    return rc == SQLITE_DONE ? Status::Ok() : sqlite::Error(db_, "listing events");
  }

  Result<std::string> CreateTraceRequest(TraceRequest r) override {
    KASHF_ASSIGN_OR_RETURN(Firearm f, GetFirearm(r.firearm_id));
    if (r.markings.empty()) r.markings = DescribeMarkings(f);
    if (r.type.empty()) r.type = f.type;
    if (r.calibre.empty()) r.calibre = f.calibre;
    KASHF_RETURN_IF_ERROR(ValidateTraceRequest(r));
    if (r.id.empty()) {
      auto& c = stmts_["count_requests"];
      c.Reset();
      sqlite::ResetOnExit c_done(c);
      if (c.Step() != SQLITE_ROW) return sqlite::Error(db_, "counting trace requests");
      r.id = fmt::format("TR-{}-{:06d}", r.date.substr(0, 4), c.Int(0) + 1);
    }
    r.status = "open";
    auto& s = stmts_["add_request"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, r.id);
    s.Bind(2, r.firearm_id);
    s.Bind(3, r.date);
    s.Bind(4, r.requesting_agency);
    s.Bind(5, r.requested_party);
    s.Bind(6, r.illicit_reason);
    s.Bind(7, r.legal_basis);
    s.Bind(8, r.markings);
    s.Bind(9, r.type);
    s.Bind(10, r.calibre);
    s.Bind(11, r.intended_use);
    s.Bind(12, r.status);
    if (s.Step() != SQLITE_DONE) {
      if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Status::AlreadyExists(fmt::format("trace request {} already exists", r.id));
      return sqlite::Error(db_, "storing a trace request");
    }
    return r.id;
  }

  Result<int64_t> RecordTraceAnswer(TraceAnswer a) override {
    KASHF_RETURN_IF_ERROR(ValidateTraceAnswer(a));
    auto& g = stmts_["get_request"];
    g.Reset();
    sqlite::ResetOnExit g_done(g);
    g.Bind(1, a.request_id);
    if (g.Step() != SQLITE_ROW)
      return Status::NotFound(
          fmt::format("no trace request '{}'; list them with `kashf firearm trace list`", a.request_id));
    TraceRequest r = ReadRequest(g);
    if (a.date < r.date)
      return Status::InvalidArgument(fmt::format("answer date {} is before the request date {}", a.date, r.date));
    auto& s = stmts_["add_answer"];
    s.Reset();
    sqlite::ResetOnExit s_done(s);
    s.Bind(1, a.request_id);
    s.Bind(2, a.date);
    s.Bind(3, a.responder);
    s.Bind(4, a.outcome);
    s.Bind(5, a.last_lawful_holder);
    s.Bind(6, a.diversion_point);
    s.Bind(7, a.text);
    if (s.Step() != SQLITE_DONE) return sqlite::Error(db_, "storing a trace answer");
    int64_t id = sqlite3_last_insert_rowid(db_);
    auto& u = stmts_["answered"];
    u.Reset();
    sqlite::ResetOnExit u_done(u);
    u.Bind(1, a.request_id);
    if (u.Step() != SQLITE_DONE) return sqlite::Error(db_, "marking a trace request answered");
    return id;
  }

  Result<std::vector<TraceRequest>> TraceRequests(std::optional<int64_t> firearm_id) override {
    sqlite::Stmt s;
    KASHF_RETURN_IF_ERROR(s.Prepare(db_, fmt::format("SELECT {} FROM firearm_trace_requests {} ORDER BY id",
                                                     kRequestCols, firearm_id ? "WHERE firearm_id=?" : "")));
    if (firearm_id) s.Bind(1, *firearm_id);
    std::vector<TraceRequest> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadRequest(s));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "listing trace requests");
    return out;
  }

  Result<std::vector<TraceAnswer>> TraceAnswers(const std::string& request_id) override {
    sqlite::Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_,
                  "SELECT id, request_id, date, responder, outcome, last_lawful_holder, diversion_point, text "
                  "FROM firearm_trace_answers WHERE request_id=? ORDER BY id"));
    s.Bind(1, request_id);
    std::vector<TraceAnswer> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      TraceAnswer a;
      a.id = s.Int(0);
      a.request_id = s.Text(1);
      a.date = s.Text(2);
      a.responder = s.Text(3);
      a.outcome = s.Text(4);
      a.last_lawful_holder = s.Text(5);
      a.diversion_point = s.Text(6);
      a.text = s.Text(7);
      out.push_back(std::move(a));
    }
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "listing trace answers");
    return out;
  }

  Result<std::vector<int64_t>> FirearmsWithEstablishedOrigin() override {
    sqlite::Stmt s;
    KASHF_RETURN_IF_ERROR(
        s.Prepare(db_,
                  "SELECT DISTINCT r.firearm_id FROM firearm_trace_answers a JOIN firearm_trace_requests r "
                  "ON r.id=a.request_id WHERE a.outcome='origin_established' ORDER BY 1"));
    std::vector<int64_t> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Int(0));
    if (rc != SQLITE_DONE) return sqlite::Error(db_, "listing traced firearms");
    return out;
  }

  Status Begin() override { return sqlite::Exec(db_, "BEGIN IMMEDIATE"); }
  Status Commit() override { return sqlite::Exec(db_, "COMMIT"); }
  Status Rollback() override { return sqlite::Exec(db_, "ROLLBACK"); }
  const FirearmReference& reference() const override { return ref_; }
  const LifecycleRules& rules() const override { return rules_; }

 private:
  sqlite3* db_;
  FirearmReference ref_;
  LifecycleRules rules_;
  std::map<std::string, sqlite::Stmt> stmts_;
};

}  // namespace

Result<std::unique_ptr<FirearmRegistry>> OpenSqliteFirearmRegistry(const std::string& path, FirearmReference reference,
                                                                   LifecycleRules rules) {
  KASHF_ASSIGN_OR_RETURN(sqlite3 * db, sqlite::OpenDatabase(path, "the firearm register"));
  Status st = sqlite::MigrateComponent(db, "firearms", Migrations());
  if (!st.ok()) {
    sqlite3_close_v2(db);
    return st;
  }
  auto reg = std::make_unique<SqliteFirearmRegistry>(db, std::move(reference), std::move(rules));
  KASHF_RETURN_IF_ERROR(reg->Prepare());
  return std::unique_ptr<FirearmRegistry>(std::move(reg));
}

}  // namespace kashf::firearms
