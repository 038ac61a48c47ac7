// Serving the web front-end build (e.g. web/dist) from a directory: MIME type by extension, no
// path escapes the root (".." segments, symlinks out of it and NUL bytes are refused), and a
// single-page-application fallback: a path without a file extension that names no file gets
// index.html, so client-side routes survive a reload. Files are read on every request (the
// directory may be rebuilt while the server runs).
#pragma once
#include <optional>
#include <string>

#include "kashf/core/result.h"

namespace kashf::server {

struct StaticFile {
  std::string content;
  std::string mime;           // "text/html; charset=utf-8", ...
  std::string cache_control;  // "no-cache" for HTML, long-lived for fingerprinted assets under /assets/
};

class StaticFiles {
 public:
  // NotFound if `root` is not a directory.
  static Result<StaticFiles> Open(const std::string& root);
  // The file for URL path `path` ("/", "/assets/app.js", "/cases/42" -> index.html), or nullopt.
  std::optional<StaticFile> Lookup(const std::string& path) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;  // canonical, without trailing '/'
};

// "application/javascript" ... for a file name; "application/octet-stream" when unknown.
std::string MimeTypeFor(const std::string& filename);

}  // namespace kashf::server
