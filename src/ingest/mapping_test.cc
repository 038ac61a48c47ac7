#include <gtest/gtest.h>

#include "ingest_test_util.h"
#include "kashf/ingest/mapping.h"

namespace kashf {
namespace {

class MappingTest : public ::testing::Test {
 protected:
  void SetUp() override { model_ = std::move(*Model::LoadDefault()); }
  Status Err(const std::string& yaml) {
    auto m = ParseMapping(yaml, "m.yaml", model_);
    return m.ok() ? Status::Ok() : m.status();
  }
  Model model_;
};

TEST_F(MappingTest, ParsesTheFirExample) {
  auto m = ParseMapping(testing::kFirMapping, "fir.yaml", model_);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->dataset, "test-fir");
  ASSERT_EQ(m->entities.size(), 3u);
  EXPECT_TRUE(m->entities[2].interval);
  EXPECT_EQ(m->entities[2].edge_source, "party");
  EXPECT_EQ(m->Columns(),
            (std::vector<std::string>{"fir_no", "rec_id", "accused_name", "father_name", "cnic", "phone", "date"}));
}

TEST_F(MappingTest, OversizedOrDeeplyNestedMappingsAreRefusedBeforeParsing) {
  InputLimits limits;
  limits.max_mapping_bytes = 1024;
  std::string big = std::string(testing::kFirMapping) + "# " + std::string(2000, 'x') + "\n";
  auto m = ParseMapping(big, "m.yaml", model_, limits);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("larger than 1 KB"), std::string::npos) << m.status().ToString();
  // 100,000 nested flow lists: yaml-cpp refuses them itself, but only after deep recursion.
  std::string deep = "dataset: x\nrequired: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  m = ParseMapping(deep, "m.yaml", model_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("deeper than the limit of 64 levels"), std::string::npos)
      << m.status().ToString();
}

TEST_F(MappingTest, TyposGetSuggestions) {
  std::string base = testing::kFirMapping;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = base;
    s.replace(s.find(from), from.size(), to);
    return Err(s).message();
  };
  EXPECT_NE(with("entities:", "entites:").find("did you mean 'entities'"), std::string::npos);
  EXPECT_NE(with("schema: Person", "schema: Persn").find("did you mean 'Person'"), std::string::npos);
  EXPECT_NE(with("fatherName:", "fathername:").find("did you mean 'fatherName'"), std::string::npos);
  EXPECT_NE(with("{entity: accused}", "{entity: acused}").find("did you mean 'accused'"), std::string::npos);
  EXPECT_NE(with("invalid: keep", "invalid: maybe").find("reject, keep or skip"), std::string::npos);
  EXPECT_NE(with("party: {entity: accused}", "party: accused_name").find("refers to another entity"),
            std::string::npos);
  std::string no_role = base;
  no_role.erase(no_role.find("      role: {literal: accused}\n"));
  EXPECT_TRUE(Err(no_role).ok()) << Err(no_role).message();  // role is optional
}

TEST_F(MappingTest, StructuralErrors) {
  EXPECT_NE(Err("entities: {}").message().find("'dataset:' is required"), std::string::npos);
  EXPECT_NE(Err("dataset: x\nentities: {}").message().find("at least one entity"), std::string::npos);
  EXPECT_NE(
      Err("dataset: x y\nentities: {a: {schema: Person, properties: {name: n}}}").message().find("letters, digits"),
      std::string::npos);
  EXPECT_NE(Err("dataset: x\nentities: {a: {schema: Thing, properties: {name: n}}}").message().find("abstract"),
            std::string::npos);
  EXPECT_NE(Err("dataset: x\nentities: {a: {schema: Payment, properties: {amount: n}}}").message().find("'payer'"),
            std::string::npos);
  EXPECT_NE(Err("dataset: x\ncsv: {delimiter: ';;'}\nentities: {a: {schema: Person, properties: {name: n}}}")
                .message()
                .find("one character"),
            std::string::npos);
  EXPECT_NE(Err("dataset: [x").message().find("line"), std::string::npos);
  EXPECT_NE(Err("dataset: x\nentities: {a: {schema: Person, properties: {birthDate: {literal: soon}}}}")
                .message()
                .find("not a date"),
            std::string::npos);
}

TEST_F(MappingTest, EntityReferenceMustFitRange) {
  Status st =
      Err("dataset: x\nentities:\n  c: {schema: Case, keys: [k], properties: {caseNumber: k}}\n"
          "  call: {schema: Call, properties: {caller: {entity: c}, receiver: {entity: c}}}\n");
  EXPECT_NE(st.message().find("must refer to a Phone"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace kashf
