// The server on real loopback sockets (ephemeral ports): limits, timeouts, headers, static files
// with SPA fallback and traversal protection, CORS off, cookies, and TLS with a throwaway
// self-signed certificate.
#include "kashf/server/http_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <regex>
#include <thread>

#include "kashf/server/static_files.h"
#include "kashf/testing/files.h"
#include "test_world.h"

namespace kashf::server {
namespace {

using nlohmann::json;

class Running {
 public:
  explicit Running(const HttpOptions& options) {
    auto s = HttpServer::Create(*testing::TheWorld().api, options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(*s);
    thread_ = std::thread([this] { (void)server_->Run(); });
    // Wait until it accepts.
    for (int i = 0; i < 100; ++i) {
      httplib::Client probe("127.0.0.1", server_->port());
      if (!options.tls_cert_file.empty() || probe.Get("/api/v1/health")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~Running() {
    server_->Stop();
    thread_.join();
  }
  int port() const { return server_->port(); }
  HttpServer& server() { return *server_; }

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

std::string StaticDir() {
  static std::string dir = [] {
    std::string d = kashf::testing::FreshTempDir("static");
    kashf::testing::WriteFile(d + "/web/index.html", "<!doctype html><title>Kashf</title>");
    kashf::testing::WriteFile(d + "/web/assets/app-1a2b.js", "console.log('kashf')");
    kashf::testing::WriteFile(d + "/web/assets/style.css", "body{}");
    kashf::testing::WriteFile(d + "/secret.txt", "outside the web root");
    symlink((d + "/secret.txt").c_str(), (d + "/web/link.txt").c_str());
    return d;
  }();
  return dir;
}

HttpOptions Options() {
  HttpOptions o;
  o.port = 0;
  o.threads = 4;
  o.max_body_bytes = 4096;
  o.read_timeout_seconds = 1;
  o.keep_alive_seconds = 1;
  o.write_timeout_seconds = 2;
  o.static_dir = StaticDir() + "/web";
  o.access_log = false;
  return o;
}

Running& Plain() {
  static Running r(Options());
  return r;
}

// Sends raw bytes and returns what the server answers before closing (or `wait` runs out).
std::string Raw(int port, const std::string& bytes, std::chrono::milliseconds wait, bool* closed = nullptr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(send(fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
  timeval tv{static_cast<time_t>(wait.count() / 1000), static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  char buf[4096];
  if (closed) *closed = false;
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n == 0 && closed) *closed = true;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    // Stop at the end of one complete response (headers + Content-Length bytes).
    size_t end = out.find("\r\n\r\n");
    size_t cl = out.find("Content-Length: ");
    if (end != std::string::npos && cl != std::string::npos && cl < end &&
        out.size() >= end + 4 + std::stoul(out.substr(cl + 16, out.find("\r\n", cl) - cl - 16)))
      break;
  }
  close(fd);
  return out;
}

TEST(HttpServerTest, ApiAnswersJsonWithSecurityHeadersAndNoCors) {
  httplib::Client c("127.0.0.1", Plain().port());
  auto r = c.Get("/api/v1/health", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  EXPECT_FALSE(r->has_header("Strict-Transport-Security"));
  auto pre =
      c.Options("/api/v1/health", {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 405);
  EXPECT_FALSE(pre->has_header("Access-Control-Allow-Origin"));
}

TEST(HttpServerTest, OversizedBodyIs413Json) {
  httplib::Client c("127.0.0.1", Plain().port());
  std::string big = json{{"username", "demo-analyst"}, {"password", std::string(8000, 'p')}}.dump();
  auto r = c.Post("/api/v1/auth/login", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  auto j = json::parse(r->body, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r->body;
  EXPECT_EQ(j["error"]["code"], "payload_too_large");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
}

// Every endpoint, over HTTP: an oversized body is 413 and an oversized URI 414, before any routing,
// authentication or parsing (so no handler ever sees them), each with a JSON error.
TEST(HttpServerTest, EveryEndpointRefusesOversizedInput) {
  std::string big = json{{"x", std::string(8000, 'y')}}.dump();
  for (const auto& e : testing::TheWorld().api->Endpoints()) {
    const std::string path = std::regex_replace(e.pattern, std::regex("\\{[a-z_]+\\}"), "x");
    SCOPED_TRACE(e.method + " " + e.pattern);
    if (e.method != "GET") {
      std::string req =
          e.method + " " + path +
          " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(big.size()) +
          "\r\nConnection: close\r\n\r\n" + big;
      std::string answer = Raw(Plain().port(), req, std::chrono::milliseconds(3000));
      EXPECT_NE(answer.find(" 413 "), std::string::npos) << answer.substr(0, 120);
      EXPECT_NE(answer.find("\"payload_too_large\""), std::string::npos);
    }
    std::string uri = path + "?q=" + std::string(9000, 'a');
    std::string answer = Raw(Plain().port(), e.method + " " + uri + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                             std::chrono::milliseconds(3000));
    EXPECT_NE(answer.find(" 414 "), std::string::npos) << answer.substr(0, 120);
  }
}

TEST(HttpServerTest, MalformedHttpIs400Json) {
  std::string answer = Raw(Plain().port(), "THIS IS NOT HTTP\r\n\r\n", std::chrono::milliseconds(2000));
  EXPECT_NE(answer.find(" 400 "), std::string::npos) << answer;
  EXPECT_NE(answer.find("\"bad_request\""), std::string::npos) << answer;
  std::string long_uri = "GET /api/v1/search?q=" + std::string(10000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
  answer = Raw(Plain().port(), long_uri, std::chrono::milliseconds(2000));
  EXPECT_NE(answer.find(" 414 "), std::string::npos) << answer.substr(0, 200);
}

TEST(HttpServerTest, SlowClientsAreCutOffByTheReadTimeout) {
  auto start = std::chrono::steady_clock::now();
  bool closed = false;
  std::string answer =
      Raw(Plain().port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n", std::chrono::milliseconds(5000), &closed);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(closed || answer.find(" 400 ") != std::string::npos) << answer;  // given up on, never served
  EXPECT_LT(seconds, 4.0);  // keep-alive wait 1 s + read timeout 1 s (plus slack for loaded machines)
}

TEST(HttpServerTest, StaticFilesWithSpaFallbackAndNoEscape) {
  httplib::Client c("127.0.0.1", Plain().port());
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  EXPECT_NE(index->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  auto js = c.Get("/assets/app-1a2b.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js->get_header_value("Cache-Control").find("immutable"), std::string::npos);
  auto route = c.Get("/cases/case-000042");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_EQ(route->body, index->body);
  auto missing = c.Get("/assets/missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  for (const std::string path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/link.txt"}) {
    std::string answer = Raw(Plain().port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                             std::chrono::milliseconds(2000));
    EXPECT_EQ(answer.find("outside the web root"), std::string::npos) << path;
  }
  auto post = c.Post("/index.html", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST(HttpServerTest, LoginThenCookieAndBearer) {
  auto& w = testing::TheWorld();
  httplib::Client c("127.0.0.1", Plain().port());
  auto login = c.Post("/api/v1/auth/login",
                      json{{"username", "demo-firearms"}, {"password", w.passwords.at("demo-firearms")}}.dump(),
                      "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  std::string token = json::parse(login->body)["token"];
  auto me = c.Get("/api/v1/auth/me", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  auto via_cookie = c.Get("/api/v1/firearms/search?serial=A*", {{"Cookie", "kashf_session=" + token}});
  ASSERT_TRUE(via_cookie);
  EXPECT_EQ(via_cookie->status, 200) << via_cookie->body;
  auto denied = c.Get("/api/v1/cases", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
}

TEST(HttpServerTest, ManyConcurrentClients) {
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", Plain().port());
      for (int i = 0; i < 25; ++i)
        if (auto r = c.Get("/api/v1/health"); r && r->status == 200) ++ok;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), 200);
}

// A throwaway self-signed certificate for 127.0.0.1 (OpenSSL 3 API).
void MakeCertificate(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(key, nullptr);
  X509* x = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -60);
  X509_gmtime_adj(X509_getm_notAfter(x), 3600);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  ASSERT_GT(X509_sign(x, key, EVP_sha256()), 0);
  FILE* f = std::fopen(cert_path.c_str(), "w");
  PEM_write_X509(f, x);
  std::fclose(f);
  f = std::fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  X509_free(x);
  EVP_PKEY_free(key);
}

TEST(HttpServerTest, TlsWhenACertificateIsGiven) {
  std::string dir = kashf::testing::FreshTempDir("tls");
  MakeCertificate(dir + "/cert.pem", dir + "/key.pem");
  HttpOptions o = Options();
  o.tls_cert_file = dir + "/cert.pem";
  o.tls_key_file = dir + "/key.pem";
  Running tls(o);
  EXPECT_TRUE(tls.server().tls());
  EXPECT_EQ(tls.server().Url().substr(0, 8), "https://");
  httplib::SSLClient c("127.0.0.1", tls.port());
  c.enable_server_certificate_verification(false);
  auto r = c.Get("/api/v1/health");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  httplib::Client plain("127.0.0.1", tls.port());
  plain.set_read_timeout(2, 0);
  auto p = plain.Get("/api/v1/health");
  EXPECT_TRUE(!p || p->status != 200);

  HttpOptions bad = Options();
  bad.tls_cert_file = dir + "/key.pem";  // not a certificate
  bad.tls_key_file = dir + "/cert.pem";
  EXPECT_FALSE(HttpServer::Create(*testing::TheWorld().api, bad).ok());
  bad.tls_cert_file = dir + "/missing.pem";
  EXPECT_EQ(HttpServer::Create(*testing::TheWorld().api, bad).status().code(), StatusCode::kNotFound);
}

TEST(StaticFilesTest, MimeTypes) {
  EXPECT_EQ(MimeTypeFor("a/b/app.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MimeTypeFor("x.woff2"), "font/woff2");
  EXPECT_EQ(MimeTypeFor("x.svg"), "image/svg+xml");
  EXPECT_EQ(MimeTypeFor("dir.v1/file"), "application/octet-stream");
  EXPECT_EQ(MimeTypeFor("x.unknownext"), "application/octet-stream");
  EXPECT_FALSE(StaticFiles::Open("/no/such/dir").ok());
  auto files = StaticFiles::Open(StaticDir() + "/web");
  ASSERT_TRUE(files.ok());
  EXPECT_FALSE(files->Lookup("relative").has_value());
  EXPECT_FALSE(files->Lookup(std::string("/a\0b", 4)).has_value());
  EXPECT_FALSE(files->Lookup("/../secret.txt").has_value());
  EXPECT_FALSE(files->Lookup("/link.txt").has_value());
  EXPECT_TRUE(files->Lookup("/deep/client/route").has_value());
}

}  // namespace
}  // namespace kashf::server
