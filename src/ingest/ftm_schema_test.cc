// Kashf's schemata as FtM schema extensions: the shipped docs/ftm-extensions.yaml is what the model
// generates (a golden file, so a schema change without regenerating it fails), it parses as YAML in
// FtM's shape, and every extension carries all its own properties with FtM types.
#include "kashf/ingest/ftm_schema.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/testing/golden.h"

namespace kashf {
namespace {

struct Generated {
  Model model;
  std::string yaml;
};

Generated Generate() {
  auto model = Model::LoadDefault();
  EXPECT_TRUE(model.ok());
  auto translation = FtmTranslation::LoadDefault(*model);
  EXPECT_TRUE(translation.ok());
  auto names = LoadFtmSchemaNames(DataPath("data/reference/ftm-schemata.txt"));
  EXPECT_TRUE(names.ok()) << names.status().ToString();
  return {*model, FtmSchemaYaml(*model, *translation, *names)};
}

TEST(FtmSchema, TheShippedExtensionsAreWhatTheModelGenerates) {
  EXPECT_TRUE(testing::MatchesGoldenFile(Generate().yaml, KashfHome() + "/docs/ftm-extensions.yaml"));
}

TEST(FtmSchema, ExtensionsCarryEveryOwnPropertyWithFtmTypes) {
  const Generated g = Generate();
  const YAML::Node root = YAML::Load(g.yaml);
  ASSERT_TRUE(root.IsMap());
  // FtM's own schemata translated to themselves are left out; Kashf's own ones are defined.
  EXPECT_FALSE(root["Person"]);
  EXPECT_FALSE(root["Payment"]);
  ASSERT_TRUE(root["Firearm"]);
  ASSERT_TRUE(root["Seizure"]);
  for (const auto& entry : root) {
    const std::string name = entry.first.as<std::string>();
    const SchemaSpec* spec = g.model.Find(name);
    ASSERT_NE(spec, nullptr) << name;
    EXPECT_EQ(entry.second["label"].as<std::string>(), name);
    const YAML::Node props = entry.second["properties"];
    EXPECT_EQ(props ? props.size() : 0u, spec->properties.size()) << name;
    for (const auto& p : spec->properties) {
      ASSERT_TRUE(props[p.name]) << name << "." << p.name;
      EXPECT_EQ(props[p.name]["type"].as<std::string>(), FtmTypeName(p.type));
      if (p.type == PropertyType::kEntity) {
        EXPECT_EQ(props[p.name]["range"].as<std::string>(), p.range);
      }
    }
    if (spec->interval && !spec->edge_source.empty()) {
      EXPECT_EQ(entry.second["edge"]["source"].as<std::string>(), spec->edge_source) << name;
    }
  }
  EXPECT_EQ(FtmTypeName(PropertyType::kCnic), "identifier");
  EXPECT_EQ(FtmTypeName(PropertyType::kAmount), "number");
}

TEST(FtmSchema, MissingNameListIsNamed) {
  auto names = LoadFtmSchemaNames("/nonexistent/ftm-schemata.txt");
  ASSERT_FALSE(names.ok());
  EXPECT_NE(names.status().message().find("ftm-schemata.txt"), std::string::npos);
}

}  // namespace
}  // namespace kashf
