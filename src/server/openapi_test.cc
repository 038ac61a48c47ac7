// docs/openapi.yaml and the route table agree: every endpoint is documented with the permission it
// really needs, and every documented operation exists (except those marked x-status: planned) and
// has a unique operationId.
#include <yaml-cpp/yaml.h>

#include <gtest/gtest.h>

#include <set>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "test_world.h"

namespace kashf::server {
namespace {

TEST(OpenApiTest, DocumentsEveryEndpointWithItsPermission) {
  YAML::Node doc = YAML::LoadFile(kashf::SourceDir() + "/docs/openapi.yaml");
  std::set<std::string> documented, planned, operation_ids;
  std::map<std::string, std::string> permission;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters") continue;
      std::string key = ToLowerAscii(method) + " " + path.first.as<std::string>();
      (op.second["x-status"] && op.second["x-status"].as<std::string>() == "planned" ? planned : documented)
          .insert(key);
      permission[key] = op.second["x-permission"] ? op.second["x-permission"].as<std::string>() : "";
      // The web client's function for the operation is named by it (web/scripts/gen-api.mjs).
      std::string id = op.second["operationId"] ? op.second["operationId"].as<std::string>() : "";
      EXPECT_FALSE(id.empty()) << key << " has no operationId";
      EXPECT_TRUE(id.empty() || operation_ids.insert(id).second) << key << ": operationId " << id << " is used twice";
    }
  }
  std::set<std::string> served;
  for (const auto& e : testing::TheWorld().api->Endpoints()) {
    std::string key = ToLowerAscii(e.method) + " " + e.pattern;
    served.insert(key);
    EXPECT_TRUE(documented.count(key)) << key << " is not in docs/openapi.yaml";
    EXPECT_EQ(permission[key], e.permission) << key;
  }
  for (const auto& key : documented) EXPECT_TRUE(served.count(key)) << key << " is documented but not served";
  for (const auto& key : planned) EXPECT_FALSE(served.count(key)) << key << " is served but still marked planned";
}

}  // namespace
}  // namespace kashf::server
