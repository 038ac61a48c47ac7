#include "kashf/resolve/comparison_model.h"

#include <gtest/gtest.h>

#include "kashf/model/model.h"

namespace kashf::resolve {
namespace {

const Model& DataModel() {
  static const Model m = std::move(Model::LoadDefault()).value();
  return m;
}

Status ParseError(const std::string& yaml) {
  auto m = ComparisonModel::Parse(yaml, "my-model.yaml", &DataModel());
  return m.ok() ? Status::Ok() : m.status();
}

TEST(ComparisonModel, DefaultFileDeclaresPersonAndOrganization) {
  auto m = ComparisonModel::LoadDefault(&DataModel());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const SchemaModel* person = m->Find("Person");
  ASSERT_NE(person, nullptr);
  for (const char* f : {"name", "father", "national_id", "phone", "email", "birth_date", "address"})
    EXPECT_GE(person->FieldIndex(f), 0) << f;
  const SchemaModel* org = m->Find("Organization");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->fields[static_cast<size_t>(org->FieldIndex("name"))].kind, CompareKind::kOrgName);
  EXPECT_GE(org->FieldIndex("registration"), 0);
  EXPECT_NE(m->Find("Vehicle"), nullptr);
  EXPECT_NE(m->Find("BankAccount"), nullptr);
  EXPECT_TRUE(m->Find("Phone")->identifier_only);
  EXPECT_FALSE(person->blocking.empty());
  EXPECT_TRUE(m->IsLegalForm("ltd"));
  // The national id field is typed by scheme and country: CNIC is one scheme among others.
  const FieldSpec& id = person->fields[static_cast<size_t>(person->FieldIndex("national_id"))];
  bool cnic = false, passport = false;
  for (const auto& s : id.schemes) {
    cnic |= s.property == "cnic" && s.scheme == "national_id" && s.country == "PK";
    passport |= s.property == "passportNumber" && s.scheme == "passport";
  }
  EXPECT_TRUE(cnic && passport);
}

TEST(ComparisonModel, BadFilesNameTheFileAndLine) {
  Status st = ParseError("schemas:\n  Person:\n    fields:\n      - {field: x, kind: fuzzy, properties: [name]}\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("my-model.yaml' line 4"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("unknown kind 'fuzzy'"), std::string::npos) << st.message();

  st = ParseError("schemas:\n  Person:\n    fields:\n      - {field: x, kind: name, properties: [nmae]}\n");
  EXPECT_NE(st.message().find("line 4"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("nmae"), std::string::npos) << st.message();

  st = ParseError("schemas:\n  Persn:\n    fields: []\n");
  EXPECT_NE(st.message().find("Persn"), std::string::npos) << st.message();

  st = ParseError(
      "schemas:\n  Person:\n    fields:\n      - {field: n, kind: name, properties: [name]}\n    blocking:\n"
      "      - [n.year]\n");
  EXPECT_NE(st.message().find("line 6"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("'year' is not a key function of a name field"), std::string::npos) << st.message();

  st = ParseError("schemas:\n  Person:\n    fields:\n      - {field: n, kind: name, propertees: [name]}\n");
  EXPECT_NE(st.message().find("unknown key 'propertees'"), std::string::npos) << st.message();

  EXPECT_NE(ParseError("").message().find("empty"), std::string::npos);
  EXPECT_NE(ParseError("schemas: [").message().find("my-model.yaml"), std::string::npos);
  EXPECT_EQ(ComparisonModel::LoadFile("/nonexistent/model.yaml").status().code(), StatusCode::kNotFound);
}

TEST(ComparisonModel, MoreThanSixteenFieldsIsAnError) {
  std::string yaml = "schemas:\n  Person:\n    fields:\n";
  for (int i = 0; i < 17; ++i) yaml += "      - {field: f" + std::to_string(i) + ", kind: exact, properties: [name]}\n";
  EXPECT_NE(ParseError(yaml).message().find("at most 16"), std::string::npos);
}

TEST(ComparisonModel, ExtendsAddsAndReplacesFieldsOfTheDefault) {
  auto m = ComparisonModel::Parse(R"(
extends: default
schemas:
  Person:
    fields:
      - {field: nationality, kind: exact, properties: [nationality]}
      - {field: district, kind: string, properties: [district]}
    blocking:
      - [nationality.value, name.skeleton]
)",
                                  "extend.yaml", &DataModel());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto base = ComparisonModel::LoadDefault(&DataModel());
  const SchemaModel* p = m->Find("Person");
  EXPECT_EQ(p->fields.size(), base->Find("Person")->fields.size() + 1);
  EXPECT_EQ(p->fields[static_cast<size_t>(p->FieldIndex("district"))].kind, CompareKind::kString);
  EXPECT_EQ(p->blocking.size(), base->Find("Person")->blocking.size() + 1);
  EXPECT_NE(m->Find("Organization"), nullptr);
}

}  // namespace
}  // namespace kashf::resolve
