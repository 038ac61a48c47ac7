#include <gtest/gtest.h>

#include <algorithm>

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

TEST_F(MappingTest, ReferenceOnlyEntitiesAndIdsOfAnotherDataset) {
  auto m = ParseMapping(testing::kMeetingsMapping, "meetings.yaml", model_);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE(m->entities[0].reference_only);
  EXPECT_EQ(IdDataset(*m, m->entities[0]), "subscribers");
  EXPECT_EQ(IdDataset(*m, m->entities[1]), "surveillance");
  EXPECT_EQ(m->ReferencedDatasets(), std::vector<std::string>{"subscribers"});
  EXPECT_EQ(m->entities[1].required, std::vector<std::string>{"attendee"});
  // Without keys an entity with no properties has nothing to be known by.
  Status no_keys = Err("dataset: d\nentities:\n  p: {schema: Person}\n");
  EXPECT_NE(no_keys.message().find("needs keys: and no properties:"), std::string::npos) << no_keys.message();
  Status bad_name = Err("dataset: d\nentities:\n  p: {schema: Person, dataset: 'a b', keys: [id]}\n");
  EXPECT_NE(bad_name.message().find("letters, digits"), std::string::npos) << bad_name.message();
  Status keyless = Err("dataset: d\nentities:\n  p: {schema: Person, dataset: other, properties: {name: n}}\n");
  EXPECT_NE(keyless.message().find("keys: [<column>]"), std::string::npos) << keyless.message();
}

TEST_F(MappingTest, AnEventWithoutAttendeesIsRefused) {
  Status st = Err(
      "dataset: d\nentities:\n  m:\n    schema: Meeting\n    keys: [id]\n    properties: {date: date, place: place}\n");
  EXPECT_NE(st.message().find("every Meeting needs its 'attendee'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("{entity: <name>}, one per row"), std::string::npos) << st.message();
}

TEST_F(MappingTest, EntityReferenceMustFitRange) {
  Status st =
      Err("dataset: x\nentities:\n  c: {schema: Case, keys: [k], properties: {caseNumber: k}}\n"
          "  call: {schema: Call, properties: {caller: {entity: c}, receiver: {entity: c}}}\n");
  EXPECT_NE(st.message().find("must refer to a Phone"), std::string::npos) << st.message();
}

TEST_F(MappingTest, TemplatesAndDateFormatsAreRead) {
  auto m = ParseMapping(testing::kPeopleMapping, "people.yaml", model_);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const auto& props = m->entities[0].properties;
  ASSERT_EQ(props.size(), 3u);
  ASSERT_TRUE(props[0].value_template.has_value());
  EXPECT_EQ(props[0].columns, (std::vector<std::string>{"given_name", "surname"}));
  ASSERT_TRUE(props[1].value_template.has_value());
  EXPECT_EQ(props[1].invalid, InvalidPolicy::kSkip);
  EXPECT_FALSE(props[2].value_template.has_value());
  ASSERT_EQ(props[2].date_formats.size(), 2u);
  EXPECT_EQ(props[2].date_formats[1].layout(), "%Y");
  EXPECT_EQ(m->Columns(), (std::vector<std::string>{"rec_id", "given_name", "surname", "street_number", "address_1",
                                                    "suburb", "postcode", "dob"}));
}

TEST_F(MappingTest, BadTemplatesAndDateFormatsAreNamedWithTheirPlace) {
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = testing::kPeopleMapping;
    s.replace(s.find(from), from.size(), to);
    return Err(s).message();
  };
  std::string msg = with("\"{given_name} {surname}\"", "\"{given_name} {surname\"");
  EXPECT_NE(msg.find("entities.person.properties.name"), std::string::npos) << msg;
  EXPECT_NE(msg.find("never closed"), std::string::npos) << msg;
  msg = with("%Y%m%d", "%Y%m%q");
  EXPECT_NE(msg.find("properties.birthDate"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown directive '%q'"), std::string::npos) << msg;
  msg = with("address: {template:", "address: {format: \"%Y\", template:");
  EXPECT_NE(msg.find("format: applies to dates only"), std::string::npos) << msg;
  msg = with("{column: dob,", "{column: dob, template: \"{x}\",");
  EXPECT_NE(msg.find("exactly one of column:, columns:, template:"), std::string::npos) << msg;
  msg = with("format: [\"%Y%m%d\", \"%Y\"]", "format: []");
  EXPECT_NE(msg.find("names no date format"), std::string::npos) << msg;
}

}  // namespace
}  // namespace kashf

namespace kashf {
namespace {

TEST(MappingGrading, ParsesCodesAndColumnsAndRefusesBadShapes) {
  auto model = Model::LoadDefault();
  ASSERT_TRUE(model.ok());
  const std::string tail = "entities:\n  p:\n    schema: Person\n    properties:\n      name: n\n";
  auto m = ParseMapping("dataset: d\ngrading:\n  source: A\n  handling: {column: hc, default: H2}\n" + tail, "m.yaml",
                        *model);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->grading.source.code, "A");
  EXPECT_EQ(m->grading.handling.column, "hc");
  EXPECT_EQ(m->grading.handling.code, "H2");
  EXPECT_TRUE(m->grading.information.empty());
  const auto cols = m->Columns();
  EXPECT_NE(std::find(cols.begin(), cols.end(), "hc"), cols.end());  // the source must have the column
  auto typo = ParseMapping("dataset: d\ngrading:\n  handlin: H0\n" + tail, "m.yaml", *model);
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("did you mean 'handling'"), std::string::npos);
  EXPECT_FALSE(ParseMapping("dataset: d\ngrading: H0\n" + tail, "m.yaml", *model).ok());
  EXPECT_FALSE(ParseMapping("dataset: d\ngrading:\n  handling: {default: H0}\n" + tail, "m.yaml", *model).ok());
}

}  // namespace
}  // namespace kashf
