// Dispatch of the API: route lookup, authentication, CSRF check, role check, JSON body parsing,
// error mapping. Handlers live in handlers_*.cc.
#include "kashf/server/api.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/firearms/firearm_reference.h"
#include "kashf/firearms/lifecycle_rules.h"
#include "kashf/victims/identity_vault.h"
#include "server_state.h"

namespace kashf::server {

const std::string& ApiRequest::Header(const std::string& name) const {
  static const std::string empty;
  auto it = headers.find(name);
  return it == headers.end() ? empty : it->second;
}

std::string ErrorBody(const std::string& code, const std::string& message) {
  return nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
}

// ---- connections ----------------------------------------------------------------------------

Result<Store*> Connections::store() {
  if (!store_) {
    StoreOptions o;
    o.create_if_missing = false;
    KASHF_ASSIGN_OR_RETURN(store_, OpenSqliteStore(state_.config.db_path, state_.model, o));
  }
  return store_.get();
}

Result<firearms::FirearmRegistry*> Connections::firearms() {
  if (!firearms_) {
    KASHF_ASSIGN_OR_RETURN(firearms_, firearms::OpenSqliteFirearmRegistry(
                                          state_.config.db_path, *state_.firearm_reference, *state_.lifecycle_rules));
  }
  return firearms_.get();
}

Result<victims::CaseRegistry*> Connections::cases() {
  if (!cases_) {
    victims::RegistryOptions o;
    o.vault = state_.vault;
    KASHF_ASSIGN_OR_RETURN(cases_,
                           victims::OpenSqliteCaseRegistry(state_.config.db_path, *state_.nrm, *state_.offences, o));
  }
  return cases_.get();
}

Result<legal::GapStore*> Connections::gaps() {
  if (!gaps_) {
    KASHF_ASSIGN_OR_RETURN(gaps_, legal::OpenSqliteGapStore(state_.config.db_path, *state_.legal));
  }
  return gaps_.get();
}

Result<audit::AuditLog*> Connections::audit() {
  if (!audit_) {
    KASHF_ASSIGN_OR_RETURN(audit_, audit::OpenAuditLog(state_.config.db_path));
  }
  return audit_.get();
}

Result<analytics::PrivacyBudget*> Connections::budget() {
  if (!budget_) {
    KASHF_ASSIGN_OR_RETURN(budget_, analytics::OpenPrivacyBudget(state_.config.db_path));
  }
  return budget_.get();
}

Result<analytics::ReleaseLedger*> Connections::releases() {
  if (!releases_) {
    KASHF_ASSIGN_OR_RETURN(releases_, analytics::OpenSqliteReleaseLedger(state_.config.db_path));
  }
  return releases_.get();
}

Result<reports::ReportStore*> Connections::reports() {
  if (!reports_) {
    KASHF_ASSIGN_OR_RETURN(reports_, reports::OpenSqliteReportStore(state_.config.db_path, *state_.report_reference));
  }
  return reports_.get();
}

Result<warning::AlertStore*> Connections::alerts() {
  if (!alerts_) {
    KASHF_ASSIGN_OR_RETURN(alerts_, warning::OpenSqliteAlertStore(state_.config.db_path));
  }
  return alerts_.get();
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::unique_ptr<Connections> c;
  {
    MutexLock lock(mu_);
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!c) c = std::make_unique<Connections>(state_);
  return Lease(*this, std::move(c));
}

void ConnectionPool::Return(std::unique_ptr<Connections> c) {
  c->EndRequest();
  MutexLock lock(mu_);
  if (idle_.size() < keep_) idle_.push_back(std::move(c));
}

// ---- call helpers -----------------------------------------------------------------------------

std::string Call::Query(const std::string& name, const std::string& fallback) const {
  auto it = req.query.find(name);
  return it == req.query.end() ? fallback : it->second;
}

Result<int64_t> Call::QueryInt(const std::string& name, int64_t fallback, int64_t min, int64_t max) const {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  const std::string& s = it->second;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size())
    return Status::InvalidArgument(fmt::format("query parameter '{}' must be a whole number", name));
  if (v < min || v > max)
    return Status::InvalidArgument(fmt::format("query parameter '{}' must be between {} and {}", name, min, max));
  return v;
}

Result<double> Call::QueryNumber(const std::string& name, double fallback, double min, double max) const {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  const std::string& s = it->second;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    return Status::InvalidArgument(fmt::format("query parameter '{}' must be a number", name));
  if (v < min || v > max)
    return Status::InvalidArgument(fmt::format("query parameter '{}' must be between {} and {}", name, min, max));
  return v;
}

Result<bool> Call::QueryBool(const std::string& name, bool fallback) const {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  if (it->second == "true" || it->second == "1") return true;
  if (it->second == "false" || it->second == "0") return false;
  return Status::InvalidArgument(fmt::format("query parameter '{}' must be true or false", name));
}

Result<Page> Call::Paging(int64_t default_limit) const {
  Page p;
  KASHF_ASSIGN_OR_RETURN(p.limit,
                         QueryInt("limit", std::min(default_limit, state.config.max_page), 1, state.config.max_page));
  KASHF_ASSIGN_OR_RETURN(p.offset, QueryInt("offset", 0, 0, 1'000'000));
  return p;
}

Status Call::Audit(const std::string& action, const std::string& subject, const std::string& detail,
                   const std::string& actor, const std::string& agency) {
  audit::AuditEntry e;
  e.actor = user ? user->username : actor;
  e.agency = user ? user->agency : agency;
  e.action = action;
  e.subject = subject;
  e.detail = detail;
  if (req.method == "GET") return state.audit_writer->Submit(std::move(e));
  auto r = state.audit_writer->SubmitAndWait(std::move(e));
  if (!r.ok()) return r.status().WithContext("writing the audit log (the request was not completed)");
  return Status::Ok();
}

victims::Actor Call::Actor() const {
  victims::Actor a;
  if (user) {
    a.user = user->username;
    a.agency = user->agency;
    a.all_agencies = user->all_agencies;
  }
  return a;
}

Reply JsonReply(nlohmann::json body, int status) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Reply ErrorReply(int http_status, const std::string& code, const std::string& message) {
  return JsonReply({{"error", {{"code", code}, {"message", message}}}}, http_status);
}

Reply StatusReply(const Status& st) {
  switch (st.code()) {
    case StatusCode::kOk: return JsonReply(nlohmann::json::object());
    case StatusCode::kInvalidArgument: return ErrorReply(400, "invalid_argument", st.message());
    case StatusCode::kNotFound: return ErrorReply(404, "not_found", st.message());
    case StatusCode::kAlreadyExists: return ErrorReply(409, "already_exists", st.message());
    case StatusCode::kFailedPrecondition: return ErrorReply(409, "failed_precondition", st.message());
    case StatusCode::kPermissionDenied: return ErrorReply(403, "forbidden", st.message());
    case StatusCode::kUnimplemented: return ErrorReply(501, "not_implemented", st.message());
    default: break;
  }
  // Internal detail (paths, SQL) stays in the server log; the client gets a reference to quote.
  unsigned char r[4];
  randombytes_buf(r, sizeof r);
  std::string ref = fmt::format("{:02x}{:02x}{:02x}{:02x}", r[0], r[1], r[2], r[3]);
  spdlog::error("request failed [ref {}]: {}", ref, st.ToString());
  return ErrorReply(500, "internal",
                    fmt::format("the server could not complete the request (reference {}); "
                                "an administrator can find the cause in the server log",
                                ref));
}

nlohmann::json PageOf(const nlohmann::json& all, const Page& page) {
  nlohmann::json items = nlohmann::json::array();
  int64_t total = static_cast<int64_t>(all.size());
  for (int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i)
    items.push_back(all[static_cast<size_t>(i)]);
  nlohmann::json next =
      page.offset + page.limit < total ? nlohmann::json(page.offset + page.limit) : nlohmann::json(nullptr);
  return {{"items", items}, {"limit", page.limit}, {"offset", page.offset}, {"total", total}, {"next_offset", next}};
}

// ---- dispatch ---------------------------------------------------------------------------------

namespace {

// The session token from "Authorization: Bearer X" or the kashf_session cookie.
std::pair<std::string, bool> TokenOf(const ApiRequest& req) {
  const std::string& auth = req.Header("authorization");
  if (StartsWith(auth, "Bearer ")) return {std::string(Trim(std::string_view(auth).substr(7))), false};
  const std::string& cookie = req.Header("cookie");
  for (const auto& part : Split(cookie, ';')) {
    auto kv = Trim(part);
    if (StartsWith(kv, "kashf_session=")) return {std::string(kv.substr(14)), true};
  }
  return {"", false};
}

// The header-count and query-string limits, checked before routing work or authentication.
std::optional<Reply> RefuseOverLimits(const ApiRequest& req, const InputLimits& limits) {
  if (req.headers.size() > limits.max_header_count)
    return ErrorReply(431, "headers_too_large",
                      fmt::format("the request has more than {} headers", limits.max_header_count));
  if (req.query.size() > limits.max_query_parameters)
    return ErrorReply(414, "uri_too_long",
                      fmt::format("the query string has more than {} parameters", limits.max_query_parameters));
  return std::nullopt;
}

bool Unsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

ApiResponse Render(const Reply& r, const std::string& route, const std::string& actor) {
  ApiResponse out;
  out.status = r.status;
  out.body =
      r.body.is_null() ? std::string("{}") : r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.headers = r.headers;
  out.route = route;
  out.actor = actor;
  return out;
}

}  // namespace

Api::Api(std::unique_ptr<State> state) : state_(std::move(state)) {}
Api::~Api() = default;

Status Api::FlushAudit() { return state_->audit_writer->Flush(); }

Result<std::unique_ptr<Api>> Api::Create(const ServerConfig& config) {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  struct stat st {};
  if (config.db_path.empty() || stat(config.db_path.c_str(), &st) != 0)
    return Status::NotFound(fmt::format(
        "no Kashf store at '{}'; create one with `kashf --db FILE init` (or run `make demo`)", config.db_path));
  auto s = std::make_unique<State>();
  s->config = config;
  if (s->config.accounts_path.empty()) s->config.accounts_path = config.db_path;
  if (s->config.max_page < 1) s->config.max_page = 1;
  KASHF_ASSIGN_OR_RETURN(s->model, Model::LoadDefault());
  KASHF_ASSIGN_OR_RETURN(auto normaliser, resolve::NameNormaliser::LoadDefault());
  s->normaliser.emplace(std::move(normaliser));
  KASHF_ASSIGN_OR_RETURN(auto reference, firearms::FirearmReference::LoadDefault(config.jurisdiction));
  s->firearm_reference.emplace(std::move(reference));
  KASHF_ASSIGN_OR_RETURN(auto rules, firearms::LifecycleRules::LoadDefault());
  s->lifecycle_rules.emplace(std::move(rules));
  KASHF_ASSIGN_OR_RETURN(auto nrm, victims::NrmProcess::LoadDefault());
  s->nrm.emplace(std::move(nrm));
  KASHF_ASSIGN_OR_RETURN(auto offences, victims::OffenceTable::LoadDefault());
  s->offences.emplace(std::move(offences));
  KASHF_ASSIGN_OR_RETURN(auto report_reference, reports::ReportReference::LoadDefault());
  s->report_reference.emplace(std::move(report_reference));
  KASHF_ASSIGN_OR_RETURN(auto legal, legal::LoadLegalFramework(DataPath("data/reference/legal")));
  s->legal.emplace(std::move(legal));
  KASHF_ASSIGN_OR_RETURN(auto coding, analytics::CtdcCoding::LoadDefault());
  s->ctdc_coding.emplace(std::move(coding));
  if (!config.victim_key_file.empty()) {
    KASHF_ASSIGN_OR_RETURN(auto vault, victims::IdentityVault::FromKeyFile(config.victim_key_file));
    s->vault.emplace(vault);
  }
  auth::AccountStoreOptions ao;
  ao.cost = config.password_cost;
  KASHF_ASSIGN_OR_RETURN(s->accounts, auth::OpenAccountStore(s->config.accounts_path, ao));
  s->limiter = std::make_unique<auth::LoginLimiter>(config.login_max_failures, config.login_window_seconds);
  s->ip_limiter = std::make_unique<auth::LoginLimiter>(4 * config.login_max_failures, config.login_window_seconds);
  s->hash_slots =
      std::make_unique<std::counting_semaphore<64>>(std::clamp(config.max_concurrent_password_hashes, 1, 64));
  KASHF_ASSIGN_OR_RETURN(s->dummy_hash, auth::HashPassword(auth::GeneratePassword(24), config.password_cost));
  s->pool = std::make_unique<ConnectionPool>(*s, static_cast<size_t>(std::max(1, config.connections)));
  // Fail now, not on the first request, if the store cannot be opened or the audit log is broken.
  {
    auto lease = s->pool->Acquire();
    KASHF_RETURN_IF_ERROR((*lease).store().status());
    KASHF_RETURN_IF_ERROR((*lease).audit().status());
  }
  KASHF_ASSIGN_OR_RETURN(auto writer_log, audit::OpenAuditLog(config.db_path));
  s->audit_writer = std::make_unique<audit::AuditWriter>(std::move(writer_log));
  if (!config.audit_anchor_path.empty() || !config.audit_key_file.empty()) {
    if (config.audit_anchor_path.empty() || config.audit_key_file.empty())
      return Status::InvalidArgument(
          "an audit anchor needs both the anchor file and the signing key (--audit-anchor and --audit-key)");
    KASHF_ASSIGN_OR_RETURN(auto key, audit::AnchorKey::FromFile(config.audit_key_file));
    KASHF_ASSIGN_OR_RETURN(s->checkpointer, audit::Checkpointer::Start(config.db_path, config.audit_anchor_path, key,
                                                                       config.audit_checkpoint_seconds));
  }
  AddAccountRoutes(s->router);
  AddEntityRoutes(s->router);
  AddFirearmRoutes(s->router);
  AddCaseRoutes(s->router);
  AddStatisticsRoutes(s->router);
  AddWarningRoutes(s->router);
  AddNetworkRoutes(s->router);
  AddDisruptionRoutes(s->router);
  AddTypologyRoutes(s->router);
  AddNodeLabelRoutes(s->router);
  AddNetworkEvaluateRoutes(s->router);
  AddReportRoutes(s->router);
  AddGapRoutes(s->router);
  AddGapWorkbookRoutes(s->router);
  return std::unique_ptr<Api>(new Api(std::move(s)));
}

std::vector<Api::EndpointInfo> Api::Endpoints() const {
  std::vector<EndpointInfo> out;
  for (const auto& r : state_->router.routes())
    out.push_back(
        {r.method, r.pattern, r.permission ? std::string(auth::PermissionName(*r.permission)) : std::string()});
  return out;
}

ApiResponse Api::Handle(const ApiRequest& req) {
  State& s = *state_;
  if (!StartsWith(req.path, "/api/v1/") && req.path != "/api/v1")
    return Render(
        ErrorReply(404, "not_found", "no such API path; the API lives under /api/v1/ (see docs/openapi.yaml)"), "", "");
  RouteMatch m = s.router.Find(req.method, req.path);
  if (!m.route) {
    if (!m.allowed_methods.empty()) {
      Reply r = ErrorReply(
          405, "method_not_allowed",
          fmt::format("{} is not allowed here; use {}", req.method.substr(0, 16), Join(m.allowed_methods, ", ")));
      r.headers.push_back({"Allow", Join(m.allowed_methods, ", ")});
      return Render(r, "", "");
    }
    return Render(ErrorReply(404, "not_found", "no such API endpoint (see docs/openapi.yaml)"), "", "");
  }
  const Route& route = *m.route;
  if (auto refused = RefuseOverLimits(req, s.config.limits)) return Render(*refused, route.pattern, "");
  auto lease = s.pool->Acquire();
  Call call{req, std::move(m.params), nlohmann::json::object(), std::nullopt, "", s, *lease};

  if (route.permission) {
    auto [token, from_cookie] = TokenOf(req);
    if (token.empty())
      return Render(ErrorReply(401, "unauthenticated",
                               "log in first: POST /api/v1/auth/login, then send the token as "
                               "'Authorization: Bearer TOKEN'"),
                    route.pattern, "");
    Result<std::pair<auth::Session, auth::User>> session = Status::NotFound("");
    {
      MutexLock lock(s.accounts_mu);
      session = s.accounts->ResolveSession(token, NowUnixSeconds(), s.config.sessions);
    }
    if (!session.ok()) {
      if (session.status().code() != StatusCode::kNotFound)
        return Render(StatusReply(session.status()), route.pattern, "");
      Reply r = ErrorReply(401, "unauthenticated", "the session is unknown or has expired; log in again");
      r.headers.push_back({"WWW-Authenticate", "Bearer"});
      return Render(r, route.pattern, "");
    }
    call.user = session->second;
    call.token = token;
    if (from_cookie && Unsafe(req.method) && req.Header("x-kashf-request") != "1")
      return Render(ErrorReply(403, "csrf",
                               "a cookie-authenticated request that changes data must carry the header "
                               "'X-Kashf-Request: 1'"),
                    route.pattern, call.user->username);
    if (!auth::Allows(call.user->role, *route.permission)) {
      (void)call.Audit("access.denied", route.pattern,
                       fmt::format("method={} needs={}", req.method, auth::PermissionName(*route.permission)));
      return Render(ErrorReply(403, "forbidden",
                               fmt::format("the role {} may not do this (needs permission {})",
                                           auth::RoleName(call.user->role), auth::PermissionName(*route.permission))),
                    route.pattern, call.user->username);
    }
  }
  const std::string actor = call.user ? call.user->username : "";
  if (route.json_body) {
    std::string type = ToLowerAscii(req.Header("content-type"));
    if (!StartsWith(type, "application/json"))
      return Render(
          ErrorReply(415, "unsupported_media_type", "send the body as JSON with 'Content-Type: application/json'"),
          route.pattern, actor);
    if (!IsValidUtf8(req.body))
      return Render(ErrorReply(400, "malformed_json", "the body is not valid UTF-8"), route.pattern, actor);
    // Before parsing: deep nesting would exhaust the stack of nlohmann's recursive copy, compare
    // and destruction (a 100,000-deep body crashed the server).
    if (Status deep = CheckJsonNesting(req.body, s.config.limits.max_nesting_depth); !deep.ok())
      return Render(ErrorReply(400, "invalid_argument", "request body: " + deep.message()), route.pattern, actor);
    try {
      call.body = nlohmann::json::parse(req.body.empty() ? std::string("{}") : req.body);
    } catch (const nlohmann::json::parse_error& e) {
      return Render(ErrorReply(400, "malformed_json", fmt::format("the body is not valid JSON (byte {})", e.byte)),
                    route.pattern, actor);
    } catch (const nlohmann::json::out_of_range&) {  // a number beyond double, e.g. 1e400 (was a 500)
      return Render(ErrorReply(400, "invalid_argument", "the body holds a number too large to represent"),
                    route.pattern, actor);
    }
    if (!call.body.is_object())
      return Render(ErrorReply(400, "malformed_json", "the body must be a JSON object"), route.pattern, actor);
  } else if (!req.body.empty() && Unsafe(req.method)) {
    return Render(ErrorReply(400, "invalid_argument", "this endpoint takes no request body"), route.pattern, actor);
  }
  try {
    Result<Reply> r = route.handler(call);
    return Render(r.ok() ? *r : StatusReply(r.status()), route.pattern, call.user ? call.user->username : actor);
  } catch (const std::exception& e) {
    return Render(StatusReply(Status::Internal(
                      fmt::format("unexpected exception in {} {}: {}", route.method, route.pattern, e.what()))),
                  route.pattern, actor);
  }
}

}  // namespace kashf::server
