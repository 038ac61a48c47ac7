// Demo agencies and one user of every role, for `make demo` and the front-end's browser tests.
// Passwords are random on every call (printed once by `kashf user demo`); existing demo users get
// a new password, so running it again always yields logins that work. Never for production.
#pragma once
#include <string>
#include <vector>

#include "kashf/auth/account_store.h"

namespace kashf::auth {

struct DemoLogin {
  std::string username, password, role, agency, note;
};

// Creates the demo agencies (fia-hq, fia-ahtc-lahore, shelter-dar-ul-aman, legal-aid-ngo,
// pfsa-lahore, research-institute, community-monitors-gujrat) and users (demo-admin, demo-analyst,
// demo-firearms, demo-caseworker, demo-caseworker-shelter, demo-coordinator, demo-researcher, demo-cso).
Result<std::vector<DemoLogin>> SeedDemoAccounts(AccountStore& store);

}  // namespace kashf::auth
