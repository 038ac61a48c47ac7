// The HTTP(S) front of the API (cpp-httplib, Debian's libcpp-httplib built with OpenSSL):
// /api/... goes to Api::Handle, every other GET to the static front-end (if a directory is given).
// Limits: request body (413), URI and header size (414/431, cpp-httplib's 8 KiB), read and write
// timeouts per connection, keep-alive count and timeout, a fixed worker pool. Security headers on
// every response: X-Content-Type-Options nosniff, Referrer-Policy no-referrer, X-Frame-Options DENY,
// a Content-Security-Policy (API: default-src 'none'; front-end: 'self' only), Cache-Control
// no-store for the API, HSTS under TLS. No CORS headers are ever sent.
#pragma once
#include <atomic>
#include <memory>
#include <string>

#include "kashf/core/result.h"
#include "kashf/server/api.h"

namespace kashf::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;   // 0 = any free port (see HttpServer::port())
  int threads = 32;  // worker threads; cpp-httplib serves one connection per thread (keep-alive included)
  size_t max_body_bytes = InputLimits{}.max_request_body_bytes;  // 1 MiB
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 100;
  std::string tls_cert_file;  // both set: HTTPS only
  std::string tls_key_file;
  std::string static_dir;  // "" = no front-end
  bool access_log = true;  // method, route pattern, status, milliseconds, user (to stderr)
};

class HttpServer {
 public:
  // Checks the options (certificate and key readable, static dir exists) and binds the socket.
  static Result<std::unique_ptr<HttpServer>> Create(Api& api, const HttpOptions& options);
  ~HttpServer();

  int port() const { return port_; }
  bool tls() const { return tls_; }
  // "http://127.0.0.1:8080"
  std::string Url() const;
  // Serves until Stop() (from another thread or a signal handler's watcher). Returns when stopped.
  Status Run();
  void Stop();

  struct Impl;

 private:
  HttpServer() = default;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  bool tls_ = false;
  std::string host_;
};

}  // namespace kashf::server
