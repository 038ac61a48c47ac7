// Where a Kashf store lives: a SQLite file path (the embedded default) or a PostgreSQL connection
// URL (`postgresql://...` or `postgres://...`, libpq's URI form; docs/postgresql.md). The --db option
// and KASHF_DB take either; each component opens the backend the location names, and a component
// without a PostgreSQL backend refuses a URL with NoPostgresBackend, never falling back to SQLite.
#pragma once
#include <string>
#include <string_view>

#include "kashf/core/status.h"

namespace kashf::store {

// True when `location` is a PostgreSQL connection URL rather than a file path.
bool IsPostgresUrl(std::string_view location);

// `location` as it may be shown to a user or written to a log: a URL's password (in the user part or
// a password= parameter) replaced by "***"; a file path unchanged.
std::string RedactedLocation(std::string_view location);

// The error for `component` (e.g. "the firearm register") opened at a PostgreSQL URL before it has a
// PostgreSQL backend: names the component and what does work, never the URL (it may hold a password).
Status NoPostgresBackend(std::string_view component);

}  // namespace kashf::store
