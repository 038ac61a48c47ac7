#include "kashf/store/database_location.h"

#include <fmt/format.h>

namespace kashf::store {

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string RedactedLocation(std::string_view location) {
  if (!IsPostgresUrl(location)) return std::string(location);
  std::string out(location);
  // postgresql://user:password@host/db?password=...
  const size_t authority = out.find("://") + 3;
  const size_t at = out.find('@', authority);
  const size_t path = out.find_first_of("/?", authority);
  if (at != std::string::npos && (path == std::string::npos || at < path)) {
    const size_t colon = out.find(':', authority);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    const size_t value = p + 9;
    const size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

Status NoPostgresBackend(std::string_view component) {
  return Status::Unimplemented(
      fmt::format("{} has no PostgreSQL backend yet; use a SQLite store (--db FILE) for it (docs/postgresql.md lists "
                  "what runs on PostgreSQL)",
                  component));
}

}  // namespace kashf::store
