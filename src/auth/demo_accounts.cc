#include "kashf/auth/demo_accounts.h"

namespace kashf::auth {

Result<std::vector<DemoLogin>> SeedDemoAccounts(AccountStore& store) {
  const std::vector<Agency> agencies = {
      {"fia-hq", "FIA Headquarters, Islamabad (demo)", "PAK", 0},
      {"fia-ahtc-lahore", "FIA Anti-Human Trafficking Circle, Lahore (demo)", "PAK", 0},
      {"shelter-dar-ul-aman", "Dar-ul-Aman shelter (demo)", "PAK", 0},
      {"legal-aid-ngo", "Legal aid NGO (demo)", "PAK", 0},
      {"pfsa-lahore", "Forensic science agency, firearms unit (demo)", "PAK", 0},
      {"research-institute", "Policy research institute (demo)", "", 0},
      {"community-monitors-gujrat", "Community monitors network, Gujrat (demo NGO)", "PAK", 0},
      {"unodc-country-office", "UNODC country office, legislative assistance (demo)", "", 0},
      {"ministry-of-interior", "Ministry of Interior, legal wing (demo)", "PAK", 0},
  };
  for (const auto& a : agencies) {
    Status st = store.CreateAgency(a);
    if (!st.ok() && st.code() != StatusCode::kAlreadyExists) return st;
  }
  struct Spec {
    const char* username;
    Role role;
    const char* agency;
    bool all_agencies;
    const char* note;
  };
  const Spec specs[] = {
      {"demo-admin", Role::kAdministrator, "fia-hq", false, "users, agencies, audit review"},
      {"demo-analyst", Role::kAnalyst, "fia-hq", false, "search, entities, resolution, network, firearms (read)"},
      {"demo-firearms", Role::kFirearmsOfficer, "pfsa-lahore", false, "firearms register and tracing"},
      {"demo-caseworker", Role::kCaseWorker, "fia-ahtc-lahore", false, "cases of fia-ahtc-lahore only"},
      {"demo-caseworker-shelter", Role::kCaseWorker, "shelter-dar-ul-aman", false, "cases of shelter-dar-ul-aman only"},
      {"demo-coordinator", Role::kCaseWorker, "fia-hq", true, "national NRM coordinator: every agency's cases"},
      {"demo-researcher", Role::kResearcher, "research-institute", false, "aggregates only (k-suppressed, DP)"},
      {"demo-assessor", Role::kAssessor, "unodc-country-office", false, "legislative gap analysis: assess and import"},
      {"demo-reviewer", Role::kReviewer, "ministry-of-interior", false, "legislative gap analysis: approve"},
      {"demo-cso", Role::kCivilSociety, "community-monitors-gujrat", false,
       "civil-society partner: own early-warning reports and public aggregates; gap analysis: read and comment"},
  };
  std::vector<DemoLogin> out;
  for (const auto& s : specs) {
    DemoLogin login{s.username, GeneratePassword(16), std::string(RoleName(s.role)), s.agency, s.note};
    auto existing = store.GetUser(s.username);
    if (existing.ok()) {
      UserUpdate up;
      up.role = s.role;
      up.agency = s.agency;
      up.all_agencies = s.all_agencies;
      up.disabled = false;
      up.password = login.password;
      KASHF_RETURN_IF_ERROR(store.UpdateUser(s.username, up).status());
    } else if (existing.status().code() == StatusCode::kNotFound) {
      NewUser nu;
      nu.user.username = s.username;
      nu.user.full_name = std::string("Demo ") + std::string(RoleName(s.role));
      nu.user.role = s.role;
      nu.user.agency = s.agency;
      nu.user.all_agencies = s.all_agencies;
      nu.password = login.password;
      KASHF_RETURN_IF_ERROR(store.CreateUser(nu).status());
    } else {
      return existing.status();
    }
    out.push_back(std::move(login));
  }
  return out;
}

}  // namespace kashf::auth
