#include "kashf/server/http_server.h"

#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/core/thread_annotations.h"
#include "kashf/server/static_files.h"

namespace kashf::server {

namespace {

constexpr const char* kApiCsp = "default-src 'none'; frame-ancestors 'none'";
constexpr const char* kAppCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src "
    "'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const char* ErrorCodeFor(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 415: return "unsupported_media_type";
    case 416: return "range_not_satisfiable";
    case 431: return "headers_too_large";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

std::string ErrorMessageFor(int status, size_t max_body) {
  switch (status) {
    case 413: return fmt::format("the request body is larger than the server's limit of {} bytes", max_body);
    case 414: return "the request URI is too long";
    case 404: return "nothing here";
    case 400:
      return "the request is not well-formed HTTP, or its body could not be read in time (a POST without a body "
             "must still send 'Content-Length: 0')";
    default: return "the request could not be processed";
  }
}

}  // namespace

struct HttpServer::Impl {
  Api& api;
  HttpOptions options;
  std::unique_ptr<httplib::Server> server;
  std::optional<StaticFiles> files;
  Mutex log_mu;  // one access-log line at a time

  Impl(Api& a, HttpOptions o) : api(a), options(std::move(o)) {}

  void Log(const httplib::Request& req, int status, const std::string& route, const std::string& actor,
           std::chrono::steady_clock::time_point start) {
    if (!options.access_log) return;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // Route pattern, not the path: no record ids or query strings in the log.
    MutexLock lock(log_mu);
    std::fprintf(stderr, "%s %s %s %s %d %.1fms user=%s\n", FormatIsoUtc(NowUnixSeconds()).c_str(),
                 req.remote_addr.c_str(), req.method.c_str(), route.empty() ? "-" : route.c_str(), status, ms,
                 actor.empty() ? "-" : actor.c_str());
  }

  void ApiHeaders(httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Security-Policy", kApiCsp);
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    if (req.path == "/api" || StartsWith(req.path, "/api/")) {
      ApiRequest a;
      a.method = req.method;
      a.path = req.path;
      for (const auto& [k, v] : req.params) a.query.emplace(k, v);
      for (const auto& [k, v] : req.headers) a.headers[ToLowerAscii(k)] = v;
      a.body = req.body;
      a.remote_addr = req.remote_addr;
      a.tls = req.ssl != nullptr;
      ApiResponse r = api.Handle(a);
      res.status = r.status;
      for (const auto& [k, v] : r.headers) res.set_header(k, v);
      ApiHeaders(res);
      res.set_content(r.body, "application/json; charset=utf-8");
      Log(req, r.status, r.route.empty() ? "/api/?" : r.route, r.actor, start);
      return;
    }
    if ((req.method == "GET" || req.method == "HEAD") && files) {
      if (auto f = files->Lookup(req.path)) {
        res.status = 200;
        res.set_header("Cache-Control", f->cache_control);
        res.set_header("Content-Security-Policy", kAppCsp);
        res.set_content(f->content, f->mime);
        Log(req, 200, "static", "", start);
        return;
      }
    }
    res.status = (req.method == "GET" || req.method == "HEAD") ? 404 : 405;
    if (res.status == 405) res.set_header("Allow", files ? "GET, HEAD" : "");
    ApiHeaders(res);
    res.set_content(
        ErrorBody(ErrorCodeFor(res.status), res.status == 404 ? "nothing here; the API lives under /api/v1/"
                                                              : "only GET and HEAD are served outside /api/"),
        "application/json; charset=utf-8");
    Log(req, res.status, "static", "", start);
  }
};

HttpServer::~HttpServer() {
  if (impl_ && impl_->server) impl_->server->stop();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Create(Api& api, const HttpOptions& options) {
  if (options.tls_cert_file.empty() != options.tls_key_file.empty())
    return Status::InvalidArgument("give both --tls-cert and --tls-key, or neither");
  if (options.threads < 1 || options.threads > 256)
    return Status::InvalidArgument("--threads must be between 1 and 256");
  if (options.max_body_bytes < 1024) return Status::InvalidArgument("--max-body must be at least 1024 bytes");
  std::unique_ptr<HttpServer> s(new HttpServer());
  s->impl_ = std::make_unique<Impl>(api, options);
  auto& impl = *s->impl_;
  if (!options.static_dir.empty()) {
    KASHF_ASSIGN_OR_RETURN(auto files, StaticFiles::Open(options.static_dir));
    impl.files.emplace(std::move(files));
  }
  if (!options.tls_cert_file.empty()) {
    for (const auto& f : {options.tls_cert_file, options.tls_key_file}) {
      struct stat st {};
      if (stat(f.c_str(), &st) != 0) return Status::NotFound(fmt::format("cannot read TLS file '{}'", f));
    }
    impl.server = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(), options.tls_key_file.c_str());
    s->tls_ = true;
  } else {
    impl.server = std::make_unique<httplib::Server>();
  }
  if (!impl.server->is_valid())
    return Status::InvalidArgument(
        "the TLS certificate or key could not be loaded (PEM files expected; does the key match the certificate?)");
  auto& srv = *impl.server;
  const int threads = options.threads;
  srv.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  srv.set_tcp_nodelay(
      true);  // headers and body go out in separate writes: without this, Nagle + delayed ACK add ~40 ms
  srv.set_payload_max_length(options.max_body_bytes);
  srv.set_read_timeout(options.read_timeout_seconds, 0);
  srv.set_write_timeout(options.write_timeout_seconds, 0);
  srv.set_keep_alive_timeout(options.keep_alive_seconds);
  srv.set_keep_alive_max_count(static_cast<size_t>(options.keep_alive_max_requests));
  httplib::Headers defaults = {{"X-Content-Type-Options", "nosniff"},
                               {"Referrer-Policy", "no-referrer"},
                               {"X-Frame-Options", "DENY"},
                               {"Cross-Origin-Opener-Policy", "same-origin"},
                               {"Cross-Origin-Resource-Policy", "same-origin"}};
  if (s->tls_) defaults.emplace("Strict-Transport-Security", "max-age=31536000");
  srv.set_default_headers(defaults);
  auto handler = [&impl](const httplib::Request& req, httplib::Response& res) { impl.Dispatch(req, res); };
  srv.Get(".*", handler);
  srv.Post(".*", handler);
  srv.Put(".*", handler);
  srv.Patch(".*", handler);
  srv.Delete(".*", handler);
  srv.Options(".*", handler);
  const size_t max_body = options.max_body_bytes;
  srv.set_error_handler(
      httplib::Server::HandlerWithResponse([&impl, max_body](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        impl.ApiHeaders(res);
        res.set_content(ErrorBody(ErrorCodeFor(res.status), ErrorMessageFor(res.status, max_body)),
                        "application/json; charset=utf-8");
        impl.Log(req, res.status, "-", "", std::chrono::steady_clock::now());
        return httplib::Server::HandlerResponse::Handled;
      }));
  srv.set_exception_handler([&impl](const httplib::Request& req, httplib::Response& res, const std::exception_ptr&) {
    res.status = 500;
    impl.ApiHeaders(res);
    res.set_content(ErrorBody("internal", "the server could not complete the request"),
                    "application/json; charset=utf-8");
    impl.Log(req, 500, "-", "", std::chrono::steady_clock::now());
  });
  s->host_ = options.host;
  if (options.port == 0) {
    s->port_ = srv.bind_to_any_port(options.host);
    if (s->port_ <= 0) return Status::IoError(fmt::format("cannot listen on {} (any port)", options.host));
  } else {
    if (!srv.bind_to_port(options.host, options.port))
      return Status::IoError(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine?)",
                                         options.host, options.port));
    s->port_ = options.port;
  }
  return s;
}

std::string HttpServer::Url() const {
  std::string host = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
  if (host == "0.0.0.0") host = "127.0.0.1";
  return fmt::format("{}://{}:{}", tls_ ? "https" : "http", host, port_);
}

Status HttpServer::Run() {
  if (!impl_->server->listen_after_bind()) return Status::IoError("the server stopped listening unexpectedly");
  return Status::Ok();
}

void HttpServer::Stop() { impl_->server->stop(); }

}  // namespace kashf::server
