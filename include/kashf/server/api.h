// The Kashf HTTP JSON API as a plain function from request to response, so every endpoint can be
// tested without sockets (HttpServer in http_server.h puts it on the network).
// Endpoints, roles and error codes are documented in docs/openapi.yaml and docs/server.md.
// Contracts:
//   - Every path under /api/v1/ answers JSON; an error is {"error": {"code", "message"}} with the
//     HTTP status that fits (400 malformed input, 401 no/expired session, 403 role or CSRF, 404,
//     405, 409, 413, 414, 415, 429 with Retry-After, 431, 500 without internals).
//   - Limits (ServerConfig::limits) hold before any work: a JSON body nested deeper than
//     max_nesting_depth is a 400 before a document is built; more than max_header_count headers a
//     431; more than max_query_parameters query parameters a 414.
//   - Authentication: a session token from POST /api/v1/auth/login, sent as
//     "Authorization: Bearer <token>" or as the HttpOnly cookie kashf_session; a cookie-authenticated
//     request that changes anything must also carry "X-Kashf-Request: 1" (CSRF defence: a custom
//     header cannot be sent cross-site without CORS, which the server never grants).
//   - Every read or write of entity, firearm, case, identity, statistics, account or audit data is
//     appended to the hash-chained audit log (who, agency, action, record id; never an identity and
//     never the text of a search).
//   - Responses never contain a victim identity except the body of an identity reveal, and the
//     server log holds only method, route pattern, status, time and user.
// Thread safety: Handle() may be called from many threads at once.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kashf/auth/account_store.h"
#include "kashf/core/input_limits.h"
#include "kashf/core/result.h"

namespace kashf::server {

struct ApiRequest {
  std::string method;                             // "GET", "POST", ...
  std::string path;                               // decoded path without the query string
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;     // names in lower case
  std::string body;
  std::string remote_addr;
  bool tls = false;

  // The header's value or "".
  const std::string& Header(const std::string& lower_case_name) const;
};

struct ApiResponse {
  int status = 200;
  std::string body;                                          // JSON text
  std::vector<std::pair<std::string, std::string>> headers;  // in addition to the security headers
  std::string route;                                         // matched route pattern (for the access log)
  std::string actor;                                         // user name, or "" when anonymous
};

struct ServerConfig {
  std::string db_path;              // the Kashf store (entities, firearms, cases, audit log)
  std::string accounts_path;        // users and sessions; "" = db_path
  std::string victim_key_file;      // identity key; "" = identities can be neither read nor written
  std::string jurisdiction = "PK";  // firearms reference data (bore classes)
  auth::SessionPolicy sessions;
  auth::PasswordCost password_cost;        // for passwords set through the API
  int login_max_failures = 5;              // per user name and per client address ...
  int64_t login_window_seconds = 900;      // ... within this window
  int max_concurrent_password_hashes = 2;  // Argon2id uses 64 MiB each
  int64_t max_page = 500;                  // largest `limit` of a list
  int connections = 8;                     // SQLite connection bundles (one per concurrent request)
  bool secure_cookies = false;             // mark the session cookie Secure (set when serving TLS)
  // Nesting depth of JSON bodies, header count, query parameters (checked before anything is
  // parsed; see kashf/core/input_limits.h).
  InputLimits limits;
  // Audit anchor (kashf/audit/audit_anchor.h): when both are set, the log is checked against the
  // anchor at start (Create fails with Corruption if it lost entries or was rolled back) and a
  // signed checkpoint of its head is appended every `audit_checkpoint_seconds` and at shutdown.
  std::string audit_anchor_path;
  std::string audit_key_file;  // the secret Ed25519 key (`kashf audit keygen`), outside the database
  int64_t audit_checkpoint_seconds = 60;
};

class Api {
 public:
  // Loads the schema and reference data and opens the account store; stores are opened lazily.
  // NotFound with advice if db_path does not exist.
  static Result<std::unique_ptr<Api>> Create(const ServerConfig& config);
  ~Api();

  ApiResponse Handle(const ApiRequest& request);

  // Waits until every audit entry handed in so far is committed (reads do not wait for their
  // entry; see AuditWriter). For tests and tools that read the log beside the server.
  Status FlushAudit();

  // The endpoint table: method, path pattern, permission name ("" = public), for docs and tests.
  struct EndpointInfo {
    std::string method, pattern, permission;
  };
  std::vector<EndpointInfo> Endpoints() const;

  struct State;  // internal

 private:
  explicit Api(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// {"error": {"code": code, "message": message}} as text.
std::string ErrorBody(const std::string& code, const std::string& message);

}  // namespace kashf::server
