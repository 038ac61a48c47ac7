// PersonRecord: one source record to resolve (a Person, an Organization, a Phone ... despite the
// historical name), as it comes from the store or a test fixture, before any normalisation.
// Values are held generically as (property, value) pairs of the record's schema; the named fields
// below are a shorthand for tests and the synthetic generator and count as the properties in
// their comments. Which properties are compared, and how, is the ComparisonModel's business.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kashf::resolve {

struct PersonRecord {
  std::string id;                                               // entity id (MakeEntityId); unique per record
  std::string dataset;                                          // source dataset
  std::string schema = "Person";                                // "Person", "Organization", "Phone" ...
  std::vector<std::pair<std::string, std::string>> properties;  // property -> value, any property
  std::vector<std::string> names;                               // name
  std::vector<std::string> father_names;                        // fatherName
  std::vector<std::string> spouse_names;                        // spouseName
  std::vector<std::string> national_ids;                        // cnic
  std::vector<std::string> phones;                              // phone (number, walletNumber off a Person)
  std::vector<std::string> birth_dates;                         // birthDate
  std::string gender;                                           // gender
  std::string district;                                         // district

  bool IsPerson() const { return schema == "Person"; }
  void Add(std::string property, std::string value) { properties.emplace_back(std::move(property), std::move(value)); }
  // Every value of `property`: the generic pairs and the shorthand fields.
  std::vector<std::string_view> Values(std::string_view property) const;
  bool Empty() const;  // no value at all
};

}  // namespace kashf::resolve
