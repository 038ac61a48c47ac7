// kashf serve: the HTTP JSON API (and the web front-end, if built) over the Kashf store.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "cli_util.h"
#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/server/http_server.h"

namespace kashf::cli {
namespace {

struct ServeArgs {
  server::HttpOptions http;
  server::ServerConfig config;
  double session_hours = 8;
  double idle_minutes = 30;
  size_t max_body = 1u << 20;
  bool allow_insecure = false;
  bool no_access_log = false;
  int max_seconds = 0;
};

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || StartsWith(host, "127.");
}

// --static DIR as given if it is a directory; a relative DIR that is not one here is looked up in
// KashfHome() and the source tree, so `--static web/dist` works from any folder.
Result<std::string> ResolveStaticDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(dir, ec) || fs::path(dir).is_absolute()) return dir;  // an absolute one is checked on opening
  std::vector<std::string> looked = {fs::absolute(dir, ec).string()};
  for (const std::string& base : {KashfHome(), SourceDir()}) {
    std::string candidate = (fs::path(base) / dir).string();
    if (fs::is_directory(candidate, ec)) return candidate;
    looked.push_back(candidate);
  }
  return Status::NotFound(fmt::format(
      "no directory '{}' to serve the workbench from (looked in {}); build it first (`cd {}/web && npm ci && npm run "
      "build`), or leave out --static to serve the API alone",
      dir, Join(looked, ", "), SourceDir()));
}

Status RunServe(const GlobalOptions& g, ServeArgs a) {
  a.config.db_path = g.db;
  if (!a.http.static_dir.empty()) {
    KASHF_ASSIGN_OR_RETURN(a.http.static_dir, ResolveStaticDir(a.http.static_dir));
  }
  a.config.audit_anchor_path = g.audit_anchor;
  a.config.audit_key_file = g.audit_key;
  if (a.config.victim_key_file.empty() && std::getenv("KASHF_VICTIM_KEY"))
    a.config.victim_key_file = std::getenv("KASHF_VICTIM_KEY");
  const bool tls = !a.http.tls_cert_file.empty();
  if (!tls && !IsLoopback(a.http.host) && !a.allow_insecure)
    return Status::InvalidArgument(fmt::format(
        "refusing to serve plain HTTP on {}: passwords and session tokens would cross the network unencrypted; give "
        "--tls-cert and --tls-key, or serve on 127.0.0.1 behind a TLS proxy (or add --allow-insecure-http for a closed "
        "lab network)",
        a.http.host));
  a.config.secure_cookies = tls;
  a.config.sessions.lifetime_seconds = static_cast<int64_t>(a.session_hours * 3600);
  a.config.sessions.idle_seconds = static_cast<int64_t>(a.idle_minutes * 60);
  a.config.connections = a.http.threads;
  a.http.max_body_bytes = a.max_body;
  a.http.access_log = !a.no_access_log;
  KASHF_ASSIGN_OR_RETURN(auto api, server::Api::Create(a.config));
  KASHF_ASSIGN_OR_RETURN(auto http, server::HttpServer::Create(*api, a.http));
  InstallInterruptHandler();
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    auto start = std::chrono::steady_clock::now();
    while (!done.load()) {
      if (Interrupted().load() ||
          (a.max_seconds > 0 && std::chrono::steady_clock::now() - start >= std::chrono::seconds(a.max_seconds))) {
        http->Stop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  fmt::print("Kashf is serving {} at {}\n", g.db, http->Url());
  fmt::print("  API:        {}/api/v1/health  (reference: docs/openapi.yaml)\n", http->Url());
  if (!a.http.static_dir.empty()) fmt::print("  workbench:  {}/  (from {})\n", http->Url(), a.http.static_dir);
  fmt::print("  accounts:   {}\n", a.config.accounts_path.empty() ? g.db : a.config.accounts_path);
  fmt::print("  identities: {}\n", a.config.victim_key_file.empty() ? "unavailable (no --key-file)" : "key loaded");
  fmt::print("  audit:      {}\n", a.config.audit_anchor_path.empty()
                                       ? "hash-chained (no --audit-anchor: a cut tail would go unseen)"
                                       : fmt::format("checked against {}; signed checkpoint every {} s and at stop",
                                                     a.config.audit_anchor_path, a.config.audit_checkpoint_seconds));
  fmt::print("Stop with Ctrl-C.\n");
  std::fflush(stdout);
  Status st = http->Run();
  done.store(true);
  watcher.join();
  fmt::print("stopped\n");
  return st;
}

CommandRegistration reg(80, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP JSON API and the web workbench");
  cmd->footer(
      "Accounts come first: `kashf user demo` (demo logins) or `kashf user agency-add` + `kashf user add`.\n"
      "Examples:\n"
      "  kashf --db demo/kashf.db serve --port 8080 --static web/dist --key-file demo/victim.key\n"
      "  kashf --db /srv/kashf.db serve --host 0.0.0.0 --port 8443 --tls-cert cert.pem --tls-key key.pem\n"
      "The API is described in docs/openapi.yaml; every read of sensitive data goes to the audit log.");
  cmd->add_option("--host", a->http.host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", a->http.port, "Port (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--static", a->http.static_dir, "Directory of the built web front-end (e.g. web/dist)");
  cmd->add_option("--key-file", a->config.victim_key_file,
                  "Victim-identity key (default $KASHF_VICTIM_KEY); without it identities stay sealed");
  cmd->add_option("--accounts", a->config.accounts_path, "SQLite file for users and sessions (default: the --db file)");
  cmd->add_option("--tls-cert", a->http.tls_cert_file, "PEM certificate (chain): serve HTTPS");
  cmd->add_option("--tls-key", a->http.tls_key_file, "PEM private key of the certificate");
  cmd->add_option("--threads", a->http.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--max-body", a->max_body, "Largest request body in bytes")
      ->capture_default_str()
      ->check(CLI::Range(1024, 64 << 20));
  cmd->add_option("--read-timeout", a->http.read_timeout_seconds, "Seconds to wait for request data")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  cmd->add_option("--write-timeout", a->http.write_timeout_seconds, "Seconds to wait while sending")
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  cmd->add_option("--session-hours", a->session_hours, "Session lifetime")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 24.0 * 30));
  cmd->add_option("--idle-minutes", a->idle_minutes, "Session idle timeout")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 24.0 * 60));
  cmd->add_option("--jurisdiction", a->config.jurisdiction, "Firearms reference jurisdiction")->capture_default_str();
  cmd->add_flag("--allow-insecure-http", a->allow_insecure, "Allow plain HTTP on a non-loopback address");
  cmd->add_flag("--no-access-log", a->no_access_log, "Do not log requests to stderr");
  cmd->add_option("--checkpoint-seconds", a->config.audit_checkpoint_seconds,
                  "Seconds between signed checkpoints of the audit log (with --audit-anchor)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{86400}));
  cmd->add_option("--max-seconds", a->max_seconds, "Stop after this many seconds (tests, load runs)");
  return [&g, a] { return RunServe(g, *a); };
});

}  // namespace
}  // namespace kashf::cli
