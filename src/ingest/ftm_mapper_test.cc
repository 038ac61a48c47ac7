// FollowTheMoney JSON lines through the importer: translation, references by FtM id, located
// rejects, warnings for what Kashf's model cannot hold, idempotent re-import.
#include "kashf/ingest/ftm_mapper.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kashf/ingest/importer.h"
#include "kashf/store/export.h"
#include "kashf/testing/files.h"

namespace kashf {
namespace {

// Invented people and companies (FtM's own JSON shape, nested values in lists).
const char* kFtmLines =
    R"({"id": "p-1", "schema": "Person", "properties": {"name": ["Imran Qadir Baloch"], "birthDate": ["1979-04"], "nationality": ["pk"], "weakAlias": ["Imi"], "sourceUrl": ["https://example.org/1"]}, "datasets": ["test"]}
{"id": "c-1", "schema": "Company", "properties": {"name": ["Indus Freight Ltd"], "jurisdiction": ["ae"], "incorporationDate": ["2011"]}}
{"id": "o-1", "schema": "Ownership", "properties": {"owner": ["p-1"], "asset": ["c-1"], "startDate": ["2015-02-01"]}}
{"id": "pay-1", "schema": "Payment", "properties": {"payer": ["c-1"], "beneficiary": ["p-1"], "amount": ["125000"], "currency": ["AED"], "purpose": ["consulting"]}}
{"id": "s-1", "schema": "Sanction", "properties": {"entity": ["p-1"], "authority": ["Somewhere"]}}
{"id": "o-2", "schema": "Ownership", "properties": {"owner": ["p-1"], "asset": ["not-in-file"]}}
{"id": "p-2", "schema": "Person", "properties": {"name": ["Sadia Noor"], "birthDate": ["sometime in spring"]}}
this is not json
{"id": "p-3", "schema": "Person", "properties": "flat"}
)";

class FtmImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = std::move(*Model::LoadDefault());
    dir_ = testing::FreshTempDir("ftm");
    store_ = std::move(*OpenSqliteStore(dir_ + "/k.db", model_));
    auto m = ParseMapping("dataset: watchlist\nformat: ftm\n", "ftm.yaml", model_);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    mapping_ = std::move(*m);
    file_ = dir_ + "/entities.ftm.json";
    testing::WriteFile(file_, kFtmLines);
  }
  Result<ImportReport> Import() {
    ImportOptions o;
    o.file = file_;
    o.import_time = 1000;
    return ImportFile(*store_, mapping_, o);
  }
  // prop -> values of one entity.
  std::multimap<std::string, std::string> Props(const std::string& schema, const std::string& ftm_id) {
    std::multimap<std::string, std::string> out;
    auto e = store_->GetEntity(MakeEntityId("watchlist", schema, ftm_id));
    if (!e.ok()) return out;
    for (const auto& s : e->statements) {
      out.emplace(s.prop, s.value);
      EXPECT_EQ(s.record_id, ftm_id);  // provenance: the FtM id is the source record
      EXPECT_EQ(s.dataset, "watchlist");
    }
    return out;
  }
  Model model_;
  std::string dir_, file_;
  std::unique_ptr<Store> store_;
  Mapping mapping_;
};

TEST_F(FtmImportTest, TranslatesSchemataAndPropertiesAndLinksByFtmId) {
  auto r = Import();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto person = Props("Person", "p-1");
  EXPECT_EQ(person.count("name"), 1u);
  EXPECT_EQ(person.find("birthDate")->second, "1979-04");
  EXPECT_EQ(person.find("alias")->second, "Imi");     // weakAlias -> alias
  EXPECT_EQ(person.count("sourceUrl"), 0u);           // left out on purpose (~ in the translation)
  const auto company = Props("Organization", "c-1");  // Company -> Organization
  EXPECT_EQ(company.find("name")->second, "Indus Freight Ltd");
  EXPECT_EQ(company.count("country"), 1u);  // jurisdiction -> country
  const auto ownership = Props("Ownership", "o-1");
  EXPECT_EQ(ownership.find("owner")->second, MakeEntityId("watchlist", "Person", "p-1"));
  EXPECT_EQ(ownership.find("asset")->second, MakeEntityId("watchlist", "Organization", "c-1"));
  const auto payment = Props("Payment", "pay-1");
  EXPECT_EQ(payment.find("currency")->second, "AED");
  EXPECT_EQ(payment.find("payer")->second, MakeEntityId("watchlist", "Organization", "c-1"));
  EXPECT_EQ(payment.count("notes") + payment.count("description"), 1u);  // purpose kept as a description
}

TEST_F(FtmImportTest, BadLinesAreRejectedWithTheirLineAndTheRestLoads) {
  auto r = Import();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_read, 9);
  std::map<int64_t, std::string> rejected;  // line -> column
  for (const auto& x : r->rejects) rejected[x.line] = x.column;
  EXPECT_EQ(rejected.size(), 4u);
  EXPECT_EQ(rejected[5], "schema");      // Sanction has no translation
  EXPECT_EQ(rejected[6], "properties");  // an Ownership whose asset is not in the file
  EXPECT_EQ(rejected.count(8), 1u);      // not JSON
  EXPECT_EQ(rejected[9], "properties");  // properties not an object
  EXPECT_EQ(r->run.rows_loaded, 5);
  // The person with a bad birth date loads without it, with a warning naming the property.
  const auto p2 = Props("Person", "p-2");
  EXPECT_EQ(p2.count("name"), 1u);
  EXPECT_EQ(p2.count("birthDate"), 0u);
  bool warned_date = false, warned_unknown = false;
  for (const auto& w : r->warning_samples) {
    warned_date = warned_date || (w.line == 7 && w.column == "properties.birthDate");
    warned_unknown = warned_unknown || (w.line == 2 && w.column == "properties.incorporationDate");
    EXPECT_EQ(w.reason.find("spring"), std::string::npos);  // values are never quoted
  }
  EXPECT_TRUE(warned_date);
  EXPECT_TRUE(warned_unknown);
  for (const auto& x : r->rejects) EXPECT_EQ(x.reason.find("Somewhere"), std::string::npos);
}

TEST_F(FtmImportTest, ReimportingAddsNothing) {
  auto first = Import();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->run.statements_new, 10);
  auto again = Import();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->run.statements_new, 0);
}

TEST_F(FtmImportTest, EveryStatementCarriesTheGradingGivenForTheFile) {
  ImportOptions o;
  o.file = file_;
  o.import_time = 1000;
  o.grading.source = "B";
  o.grading.information = "2";
  o.grading.handling = "H1";
  auto r = ImportFile(*store_, mapping_, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto e = store_->GetEntity(MakeEntityId("watchlist", "Person", "p-1"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_FALSE(e->statements.empty());
  for (const auto& s : e->statements) {
    EXPECT_EQ(s.grading.source, "B");
    EXPECT_EQ(s.grading.handling, "H1");
  }
}

TEST(FtmMapping, FtmMappingsNameOnlyTheDatasetAndATranslation) {
  const Model model = std::move(*Model::LoadDefault());
  auto with_entities = ParseMapping("dataset: x\nformat: ftm\nentities: {a: {schema: Person}}\n", "m.yaml", model);
  ASSERT_FALSE(with_entities.ok());
  EXPECT_NE(with_entities.status().message().find("does not apply to `format: ftm`"), std::string::npos);
  auto stray =
      ParseMapping("dataset: x\nftm: {translation: t.yaml}\nentities: {a: {schema: Person}}\n", "m.yaml", model);
  ASSERT_FALSE(stray.ok());
  auto graded_by_column = ParseMapping("dataset: x\nformat: ftm\ngrading: {handling: {column: h}}\n", "m.yaml", model);
  ASSERT_FALSE(graded_by_column.ok());
  EXPECT_NE(graded_by_column.status().message().find("FtM lines have no columns"), std::string::npos);
  auto ok = ParseMapping("dataset: x\nformat: ftm\nftm: {translation: t.yaml}\n", "dir/m.yaml", model);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->ftm_translation, "dir/t.yaml");  // relative to the mapping
}

TEST(FtmTranslation, BadEntriesNameTheFileAndTheEntry) {
  const Model model = std::move(*Model::LoadDefault());
  auto unknown_schema = FtmTranslation::Parse("schemata: {Person: {to: Persn}}\n", "t.yaml", model);
  ASSERT_FALSE(unknown_schema.ok());
  EXPECT_NE(unknown_schema.status().message().find("schemata.Person"), std::string::npos);
  auto unknown_prop =
      FtmTranslation::Parse("schemata: {Person: {to: Person, properties: {x: nosuch}}}\n", "t.yaml", model);
  ASSERT_FALSE(unknown_prop.ok());
  EXPECT_NE(unknown_prop.status().message().find("t.yaml"), std::string::npos);
  auto abstract = FtmTranslation::Parse("schemata: {LegalEntity: {to: LegalEntity}}\n", "t.yaml", model);
  EXPECT_FALSE(abstract.ok());
  auto fine = FtmTranslation::LoadDefault(model);
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(fine->Schema("Company"), "Organization");
  EXPECT_EQ(fine->Property("Directorship", "director"), "member");
  EXPECT_EQ(fine->Property("Person", "weakAlias"), "alias");
  EXPECT_EQ(fine->Property("Person", "sourceUrl"), "");
}

// A valid value of each property type (the values are normalised at the first import).
std::string SampleValue(PropertyType t) {
  switch (t) {
    case PropertyType::kName: return "Imran Qadir Baloch";
    case PropertyType::kString: return "some words";
    case PropertyType::kText: return "A longer note, with a comma.";
    case PropertyType::kDate: return "2021-03-04";
    case PropertyType::kCnic: return "35202-1234567-1";
    case PropertyType::kIdentifier: return "AB1234567";
    case PropertyType::kPhone: return "+923001234567";
    case PropertyType::kEmail: return "someone@example.org";
    case PropertyType::kCountry: return "PK";
    case PropertyType::kAmount: return "125000";
    case PropertyType::kNumber: return "3";
    case PropertyType::kGender: return "female";
    case PropertyType::kUrl: return "https://example.org/ad/17";
    case PropertyType::kEntity: return "";
  }
  return "";
}

// Every concrete schema of the model once, every property filled (references to the entity of a
// concrete schema in the property's range), as FtM JSON lines in Kashf's own model.
std::string EverySchemaAndProperty(const Model& model) {
  std::vector<std::string> concrete;
  for (const auto& name : model.SchemaNames())
    if (!model.Find(name)->abstract) concrete.push_back(name);
  std::string out;
  for (const auto& schema : concrete) {
    nlohmann::json props = nlohmann::json::object();
    for (const PropertySpec* p : model.Properties(schema)) {
      std::string v = SampleValue(p->type);
      if (p->type == PropertyType::kEntity)
        for (const auto& target : concrete)
          if (!model.IsInterval(target) && (p->range.empty() || model.IsA(target, p->range))) {
            v = "x-" + target;
            break;
          }
      if (!v.empty()) props[p->name] = nlohmann::json::array({v});
    }
    out += nlohmann::json{{"id", "x-" + schema}, {"schema", schema}, {"properties", props}}.dump() + "\n";
  }
  return out;
}

// id -> {schema, prop -> values} of an FtM JSON-lines export.
using Entities = std::map<std::string, std::pair<std::string, std::map<std::string, std::set<std::string>>>>;
Entities ReadExport(const std::string& text) {
  Entities out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    auto& e = out[j["id"].get<std::string>()];
    e.first = j["schema"];
    for (const auto& [prop, values] : j["properties"].items())
      for (const auto& v : values) e.second[prop].insert(v.get<std::string>());
  }
  return out;
}

// Kashf's FtM export read back (`ftm: {model: kashf}`) into another store and exported again gives
// the same entities, schemata, properties and values, every reference pointing at the same entity:
// no Kashf schema or property is lost or renamed on the way (issue 16, point 4). With FtM's own
// translation instead, values are renamed or left out (the test fails), which is why a Kashf export
// is read with `model: kashf`.
TEST(FtmRoundTrip, KashfExportReadBackKeepsEverySchemaAndProperty) {
  auto model = Model::LoadDefault();
  ASSERT_TRUE(model.ok());
  const std::string dir = testing::FreshTempDir("ftm-round-trip");
  auto ingest_and_export = [&](const std::string& dataset, const std::string& lines) -> std::string {
    auto store = OpenSqliteStore(dir + "/" + dataset + ".db", *model);
    EXPECT_TRUE(store.ok());
    auto m = ParseMapping("dataset: " + dataset + "\nformat: ftm\nftm: {model: kashf}\n", "m.yaml", *model);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    ImportOptions o;
    o.file = dir + "/" + dataset + ".ftm.jsonl";
    testing::WriteFile(o.file, lines);
    o.import_time = 1000;
    auto r = ImportFile(**store, *m, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok()) {
      EXPECT_TRUE(r->rejects.empty()) << r->rejects.front().reason;
      for (const auto& w : r->warning_samples) ADD_FAILURE() << "warning: " << w.reason;
    }
    std::ostringstream out;
    auto sum = ExportStore(**store, {}, ExportFormat::kFtmEntities, out);
    EXPECT_TRUE(sum.ok()) << sum.status().ToString();
    return out.str();
  };
  const std::string first = ingest_and_export("a", EverySchemaAndProperty(*model));
  const Entities a = ReadExport(first);
  // Nothing generated was lost at the first import: every concrete schema, every property.
  for (const auto& name : model->SchemaNames()) {
    if (model->Find(name)->abstract) continue;
    const std::string id = MakeEntityId("a", name, "x-" + name);
    ASSERT_TRUE(a.count(id)) << name;
    for (const PropertySpec* p : model->Properties(name))
      EXPECT_TRUE(a.at(id).second.count(p->name)) << name << "." << p->name << " lost at import";
  }
  // Read back into another dataset: ids become MakeEntityId("b", schema, the exported id).
  const Entities b = ReadExport(ingest_and_export("b", first));
  Entities expected;
  for (const auto& [id, e] : a) {
    auto& x = expected[MakeEntityId("b", e.first, id)];
    x.first = e.first;
    for (const auto& [prop, values] : e.second) {
      const PropertySpec* spec = model->FindProperty(e.first, prop);
      ASSERT_NE(spec, nullptr) << e.first << "." << prop;
      for (const auto& v : values)
        x.second[prop].insert(spec->type == PropertyType::kEntity ? MakeEntityId("b", a.at(v).first, v) : v);
    }
  }
  EXPECT_EQ(b, expected);
}

}  // namespace
}  // namespace kashf
