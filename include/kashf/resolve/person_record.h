// PersonRecord: one source record of a person (or of an identifier-only entity such as a Phone),
// as it comes from the store or a test fixture, before any normalisation.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kashf::resolve {

struct PersonRecord {
  std::string id;                         // entity id (MakeEntityId); unique per record
  std::string dataset;                    // source dataset
  std::string schema = "Person";          // "Person", or e.g. "Phone" for a number-only record
  std::vector<std::string> names;         // name, alias, firstName ... in any script
  std::vector<std::string> father_names;  // fatherName (also parsed from "s/o ..." inside names)
  std::vector<std::string> spouse_names;  // spouseName (also parsed from "w/o ...")
  std::vector<std::string> national_ids;  // cnic (and other national identity numbers)
  std::vector<std::string> phones;
  std::vector<std::string> birth_dates;  // ISO with partial precision
  std::string gender;                    // "male" | "female" | "other" | ""
  std::string district;

  bool IsPerson() const { return schema == "Person"; }
};

}  // namespace kashf::resolve
