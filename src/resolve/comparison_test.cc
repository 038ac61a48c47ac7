#include "kashf/resolve/comparison.h"

#include <gtest/gtest.h>

#include "kashf/resolve/fellegi_sunter.h"

namespace kashf::resolve {
namespace {

const NameNormaliser& N() {
  static NameNormaliser n = std::move(NameNormaliser::LoadDefault()).value();
  return n;
}

// One field of each kind, on Person properties (names are not checked against the data model here).
const ComparisonModel& Kinds() {
  static const ComparisonModel m = ComparisonModel::Parse(R"(
legal_forms: [ltd, pvt, limited]
schemas:
  Person:
    fields:
      - {field: name, kind: name, properties: [name]}
      - {field: org, kind: organization_name, properties: [orgName]}
      - {field: city, kind: string, properties: [city]}
      - {field: gender, kind: exact, properties: [gender]}
      - {field: born, kind: date, properties: [birthDate], within_years: 2}
      - {field: age, kind: number, properties: [age], tolerance: 0.1}
      - {field: address, kind: address, properties: [address, postalCode]}
      - {field: email, kind: email, properties: [email]}
      - field: id
        kind: identifier
        schemes:
          - {property: cnic, scheme: national_id, country: PK}
          - {property: passportNumber, scheme: passport}
          - {property: idNumber, scheme: id}
      - {field: phone, kind: phone, properties: [phone]}
)",
                                                          "kinds")
                                       .value();
  return m;
}

// Level of field `field` between two records each holding `property` = the given value(s).
uint32_t Level(const std::string& field, const std::vector<std::pair<std::string, std::string>>& a,
               const std::vector<std::pair<std::string, std::string>>& b) {
  PersonRecord x, y;
  x.properties = a;
  y.properties = b;
  EncodedRecords records(N(), Kinds());
  std::vector<PersonRecord> both = {x, y};
  records.Append(both);
  return LevelOf(Compare(records, 0, 1), Kinds().Find("Person")->FieldIndex(field));
}

uint32_t Level(const std::string& field, const std::string& property, const std::string& a, const std::string& b) {
  return Level(field, {{property, a}}, {{property, b}});
}

TEST(Comparison, NameLevels) {
  EXPECT_EQ(Level("name", "name", "Asif Khan", "asif  KHAN"), 6u);
  EXPECT_EQ(Level("name", "name", "Asif Khan", "Khan Asif"), 5u);           // same given names, any order
  EXPECT_EQ(Level("name", "name", "Sofia Russell", "Sophia Russell"), 4u);  // same phonetic skeleton
  EXPECT_EQ(Level("name", "name", "Asif Jones", "Asif Jonez"), 3u);         // token by token, JW >= 0.92
  EXPECT_EQ(Level("name", "name", "Joseph", "Joseph Davis"), 2u);           // one name inside the other
  EXPECT_EQ(Level("name", "name", "Ali Raza", "Bilal Raza Shah"), 1u);      // a shared token
  EXPECT_EQ(Level("name", "name", "Ali Raza", "Tom Wood"), 0u);
  EXPECT_EQ(Level("name", "name", "Ali", ""), kNullLevel);
}

TEST(Comparison, OrganisationNamesIgnoreLegalForms) {
  EXPECT_EQ(Level("org", "orgName", "Indus Traders Pvt Ltd", "Indus Traders Limited"), 6u);
  EXPECT_EQ(Level("org", "orgName", "Indus Traders Ltd", "Traders Indus"), 5u);
  EXPECT_EQ(Level("org", "orgName", "Indus Traders Ltd", "Karachi Steel Ltd"), 0u);
}

TEST(Comparison, StringExactAndNumberLevels) {
  EXPECT_EQ(Level("city", "city", "Lahore", "lahore "), 3u);
  EXPECT_EQ(Level("city", "city", "Sheffield", "Sheffiel"), 2u);
  EXPECT_EQ(Level("city", "city", "Lahore", "Multan"), 0u);
  EXPECT_EQ(Level("gender", "gender", "male", "male"), 1u);
  EXPECT_EQ(Level("gender", "gender", "male", "female"), 0u);
  EXPECT_EQ(Level("age", "age", "40", "40"), 2u);
  EXPECT_EQ(Level("age", "age", "40", "43"), 1u);  // within 10 %
  EXPECT_EQ(Level("age", "age", "40", "60"), 0u);
  EXPECT_EQ(Level("age", "age", "40", "forty"), kNullLevel);
}

TEST(Comparison, DateTypoLevels) {
  EXPECT_EQ(Level("born", "birthDate", "1985-03-04", "1985-03-04"), 6u);
  EXPECT_EQ(Level("born", "birthDate", "1985-03", "1985-03-04"), 5u);             // same month, one side to the month
  EXPECT_EQ(Level("born", "birthDate", "1985-03-04", "1985-04-03"), 4u);          // day and month swapped
  EXPECT_EQ(Level("born", "birthDate", "1985-03-04", "1986-03-04"), 3u);          // one digit off
  EXPECT_EQ(Level("born", "birthDate", "1985-03-14", "1985-03-41"), kNullLevel);  // not a date
  EXPECT_EQ(Level("born", "birthDate", "1985-01-20", "1985-11-02"), 2u);          // same year
  EXPECT_EQ(Level("born", "birthDate", "1985", "1985-11-02"), 2u);                // a year-only date: same year at most
  EXPECT_EQ(Level("born", "birthDate", "1985-01-20", "1987-11-02"), 1u);          // within two years
  EXPECT_EQ(Level("born", "birthDate", "1985-01-20", "1995-11-02"), 0u);
  // A year-only side: a digit off (1968 / 1998, 30 years apart) is weak evidence, never above
  // "same year"; on full dates the same digit off stays a typo level.
  EXPECT_EQ(Level("born", "birthDate", "1968", "1998-07-03"), 1u);
  EXPECT_EQ(Level("born", "birthDate", "1968", "1998"), 1u);
  EXPECT_EQ(Level("born", "birthDate", "1968-07-03", "1998-07-03"), 3u);
  EXPECT_EQ(Level("born", "birthDate", "1095-01-20", "1095-01-20"), 6u);  // early years compare too
}

TEST(Comparison, AddressTokenOverlapPoolsEveryAddressValue) {
  EXPECT_EQ(Level("address", "address", "6 Tullaroop St, Willaroo", "6 tullaroop st willaroo"), 3u);
  EXPECT_EQ(Level("address", {{"address", "6 Tullaroop St Willaroo"}, {"postalCode", "4011"}},
                  {{"address", "6 Tullaroop Street Willaroo 4011"}}),
            2u);                                                                                    // 4 of 6 words
  EXPECT_EQ(Level("address", "address", "6 Tullaroop St Willaroo", "6 Tullaroop Rd Bittern"), 1u);  // 2 of 6
  EXPECT_EQ(Level("address", "address", "Tullaroop Willaroo", "Giblin Killarney"), 0u);
}

TEST(Comparison, EmailLevels) {
  EXPECT_EQ(Level("email", "email", "robert255@smith.net", "Robert255@smith.net"), 4u);
  EXPECT_EQ(Level("email", "email", "robert255@smith.net", "robert255@gmail.com"), 3u);
  EXPECT_EQ(Level("email", "email", "robert255@smith.net", "robert25@smith.net"), 2u);
  EXPECT_EQ(Level("email", "email", "roberta.smith@smith.net", "robertb.smith@x.org"), 2u);
  EXPECT_EQ(Level("email", "email", "robert255@smith.net", "kate@smith.net"), 0u);
  // Initials only: one edit apart, but no typo level on local parts this short.
  EXPECT_EQ(Level("email", "email", "f.s@flynn.com", "f.j@sharp.com"), 0u);
  EXPECT_EQ(Level("email", "email", "f.s@flynn.com", "f.s@sharp.com"), 3u);
  EXPECT_EQ(Level("email", "email", "robert255@smith.net", "not an address"), kNullLevel);
}

TEST(Comparison, IdentifiersCompareWithinTheirScheme) {
  EXPECT_EQ(Level("id", "cnic", "35202-1234567-1", "3520212345671"), 3u);
  EXPECT_EQ(Level("id", "cnic", "35202-1234567-1", "35202-1234576-1"), 2u);  // two adjacent digits swapped
  EXPECT_EQ(Level("id", "cnic", "35202-1234567-1", "352021234671"), 2u);     // one digit dropped
  EXPECT_EQ(Level("id", "cnic", "35202-1234567-1", "35202-1239967-1"), 1u);  // two edits
  EXPECT_EQ(Level("id", "cnic", "35202-1234567-1", "61101-7654321-2"), 0u);
  // A passport never meets a CNIC; a generic id number meets every scheme.
  EXPECT_EQ(Level("id", {{"cnic", "3520212345671"}}, {{"passportNumber", "3520212345671"}}), kNullLevel);
  EXPECT_EQ(Level("id", {{"cnic", "3520212345671"}}, {{"idNumber", "3520212345671"}}), 3u);
  EXPECT_EQ(Level("id", "passportNumber", "AB1234567", "ab 1234567"), 3u);
  // The same scheme of two countries never meets.
  const ComparisonModel two = ComparisonModel::Parse(R"(
schemas:
  Person:
    fields:
      - field: id
        kind: identifier
        schemes: [{property: cnic, scheme: national_id, country: PK}, {property: idNumber, scheme: national_id, country: AU}]
)",
                                                     "countries")
                                  .value();
  PersonRecord pk, au;
  pk.properties = {{"cnic", "3520212345671"}};
  au.properties = {{"idNumber", "3520212345671"}};
  EncodedRecords r(N(), two);
  std::vector<PersonRecord> both = {pk, au};
  r.Append(both);
  EXPECT_EQ(LevelOf(Compare(r, 0, 1), 0), kNullLevel);
}

TEST(Comparison, PhoneLevels) {
  EXPECT_EQ(Level("phone", "phone", "0300-1234567", "+923001234567"), 2u);
  EXPECT_EQ(Level("phone", "phone", "0300-1234567", "0300-1234568"), 1u);
  EXPECT_EQ(Level("phone", "phone", "0300-1234567", "0321-7654321"), 0u);
}

TEST(Comparison, BoundedEditDistanceIsOptimalStringAlignment) {
  EXPECT_EQ(BoundedEditDistance("abc", "abc", 2), 0);
  EXPECT_EQ(BoundedEditDistance("abc", "acb", 2), 1);  // transposition
  EXPECT_EQ(BoundedEditDistance("abc", "abxc", 2), 1);
  EXPECT_EQ(BoundedEditDistance("abc", "xyz", 2), 3);  // stops at limit + 1
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(BoundedEditDistance("ca", "abc", 5), 3);  // OSA, not unrestricted Damerau (2)
}

TEST(Comparison, ConflictsAreValuesBeyondEveryTypoLevel) {
  const ComparisonModel m = ComparisonModel::Parse(R"(
schemas:
  Person:
    fields:
      - field: id
        kind: identifier
        conflict_keeps_apart: true
        schemes: [{property: cnic, scheme: national_id, country: PK}, {property: idNumber, scheme: id}]
      - {field: born, kind: date, properties: [birthDate], conflict_keeps_apart: true}
)",
                                                   "conflicts")
                                .value();
  auto conflicts = [&](const std::string& field, std::pair<std::string, std::string> a,
                       std::pair<std::string, std::string> b) {
    PersonRecord x, y;
    x.properties = {std::move(a)};
    y.properties = {std::move(b)};
    EncodedRecords r(N(), m);
    std::vector<PersonRecord> both = {x, y};
    r.Append(both);
    const SchemaModel& s = *m.Find("Person");
    const int f = s.FieldIndex(field);
    return FieldConflicts(r, s.fields[static_cast<size_t>(f)], r.Values(0, f), r.Values(1, f));
  };
  EXPECT_TRUE(conflicts("id", {"cnic", "3520212345671"}, {"cnic", "6110176543212"}));
  EXPECT_FALSE(conflicts("id", {"cnic", "3520212345671"}, {"cnic", "3520212345617"}));      // a typo
  EXPECT_FALSE(conflicts("id", {"idNumber", "3520212345671"}, {"idNumber", "611017654"}));  // generic ids
  EXPECT_TRUE(conflicts("born", {"birthDate", "1970-01-02"}, {"birthDate", "1990-05-06"}));
  EXPECT_FALSE(conflicts("born", {"birthDate", "1970"}, {"birthDate", "1990-05-06"}));  // not day precision
  EXPECT_FALSE(conflicts("born", {"birthDate", "1970-01-02"}, {"birthDate", "1971-01-02"}));
}

}  // namespace
}  // namespace kashf::resolve
