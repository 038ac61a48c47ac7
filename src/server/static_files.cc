#include "kashf/server/static_files.h"

#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::server {

std::string MimeTypeFor(const std::string& filename) {
  static const std::map<std::string, std::string> kTypes = {{"html", "text/html; charset=utf-8"},
                                                            {"htm", "text/html; charset=utf-8"},
                                                            {"js", "text/javascript; charset=utf-8"},
                                                            {"mjs", "text/javascript; charset=utf-8"},
                                                            {"css", "text/css; charset=utf-8"},
                                                            {"json", "application/json"},
                                                            {"map", "application/json"},
                                                            {"webmanifest", "application/manifest+json"},
                                                            {"svg", "image/svg+xml"},
                                                            {"png", "image/png"},
                                                            {"jpg", "image/jpeg"},
                                                            {"jpeg", "image/jpeg"},
                                                            {"gif", "image/gif"},
                                                            {"webp", "image/webp"},
                                                            {"avif", "image/avif"},
                                                            {"ico", "image/x-icon"},
                                                            {"woff", "font/woff"},
                                                            {"woff2", "font/woff2"},
                                                            {"ttf", "font/ttf"},
                                                            {"otf", "font/otf"},
                                                            {"txt", "text/plain; charset=utf-8"},
                                                            {"csv", "text/csv; charset=utf-8"},
                                                            {"xml", "application/xml"},
                                                            {"wasm", "application/wasm"},
                                                            {"pdf", "application/pdf"}};
  auto slash = filename.find_last_of('/');
  auto dot = filename.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "application/octet-stream";
  auto it = kTypes.find(ToLowerAscii(filename.substr(dot + 1)));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

namespace {

std::optional<std::string> Canonical(const std::string& path) {
  char buf[PATH_MAX];
  if (!realpath(path.c_str(), buf)) return std::nullopt;
  return std::string(buf);
}

bool IsRegularFile(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

Result<StaticFiles> StaticFiles::Open(const std::string& root) {
  struct stat st {};
  auto canonical = Canonical(root);
  if (!canonical || stat(canonical->c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return Status::NotFound(
        fmt::format("no directory '{}' to serve the front-end from (build it first, or leave out --static)", root));
  StaticFiles f;
  f.root_ = *canonical;
  return f;
}

std::optional<StaticFile> StaticFiles::Lookup(const std::string& path) const {
  if (path.empty() || path.front() != '/' || path.size() > 1024) return std::nullopt;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return std::nullopt;
  for (const auto& segment : Split(path, '/'))
    if (segment == ".." || segment == ".") return std::nullopt;
  std::string rel = path.back() == '/' ? path + "index.html" : path;
  std::string last = rel.substr(rel.find_last_of('/') + 1);
  bool has_extension = last.find('.') != std::string::npos;
  auto resolved = Canonical(root_ + rel);
  bool inside = resolved && StartsWith(*resolved, root_ + "/");
  if (!inside || !IsRegularFile(*resolved)) {
    if (has_extension) return std::nullopt;       // a missing asset is a 404, not the app shell
    resolved = Canonical(root_ + "/index.html");  // single-page-app route
    if (!resolved || !StartsWith(*resolved, root_ + "/") || !IsRegularFile(*resolved)) return std::nullopt;
    rel = "/index.html";
  }
  std::ifstream in(*resolved, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  StaticFile f;
  f.content = content.str();
  f.mime = MimeTypeFor(*resolved);
  f.cache_control = StartsWith(rel, "/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
  return f;
}

}  // namespace kashf::server
