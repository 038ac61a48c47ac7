// A small synthetic world for the server tests: a store with resolved person records, a firearms
// register, survivors' cases of two agencies with an identity key, demo accounts of every role,
// and an Api over them. Built once per test binary (it takes a few seconds).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/auth/demo_accounts.h"
#include "kashf/server/api.h"

namespace kashf::server::testing {

struct World {
  std::string dir, db, key;
  std::unique_ptr<Api> api;
  std::map<std::string, std::string> passwords;  // demo user -> password
  std::vector<std::string> person_ids;           // two records of one resolved entity first
  // Four person records of four different entities joined by a chain of bank payments
  // 0 -> 1 (PKR 100,000 on 2024-03-01) -> 2 (90,000, 03-05) -> 3 (85,000, 03-10).
  std::vector<std::string> payment_chain;
  // A person record recorded as the victim of a case (Involvement role "victim"), with the other
  // records of its cluster: withheld from search, entity reads and explanations.
  std::string recorded_victim, recorded_victim_name;
  std::vector<std::string> recorded_victim_cluster;
  std::map<std::string, std::vector<std::string>> cases_by_agency;
  std::vector<std::string> national_ids;      // of the first agency's first cases (for look-ups)
  std::vector<std::string> identity_names;    // every survivor's full name (must never leak)
  std::map<std::string, std::string> tokens;  // cached logins
};

// The shared world (built on first use).
World& TheWorld();

ApiResponse Send(const std::string& method, const std::string& path, const std::string& body = "",
                 const std::string& token = "", std::map<std::string, std::string> headers = {},
                 std::multimap<std::string, std::string> query = {}, const std::string& remote = "10.0.0.1");
nlohmann::json Json(const ApiResponse& r);
// A fresh session token for a demo user (cached; pass fresh=true for a new session).
std::string Token(const std::string& user, bool fresh = false);

}  // namespace kashf::server::testing
