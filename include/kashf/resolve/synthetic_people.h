// Synthetic person records with known truth, for tests and benchmarks of entity resolution (all
// data is invented). Names are drawn from data/reference/name-variants.tsv and written with the
// table's variant spellings (Latin and Urdu script), so the generator and the normaliser share
// one source; other noise: typos, missing fields, mistyped national ids, partial and swapped dates,
// titles, "s/o" inside the name field. Deterministic for a given seed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/person_record.h"

namespace kashf::resolve {

struct SyntheticOptions {
  size_t records = 10000;
  double records_per_person = 2.0;  // mean cluster size (1 + a geometric number of duplicates)
  double script_share = 0.10;       // records written in the other script (Urdu)
  double variant_share = 0.40;      // tokens written with a non-canonical spelling
  double typo_share = 0.05;         // records with one character typo in the name
  double national_id_share = 0.70;  // records carrying the national id
  double national_id_typo = 0.05;   // ... of which one digit is wrong
  double phone_share = 0.50;
  double birth_share = 0.70;
  double father_share = 0.70;
  double phone_only_share = 0.0;  // extra identifier-only records (schema Phone) of a person's phone
  uint64_t seed = 7;
};

struct SyntheticPeople {
  std::vector<PersonRecord> records;
  std::vector<std::string> truth;  // true person id of records[i]
};

// Reads the name pools from `reference_dir` (data/reference). NotFound if the table is missing.
Result<SyntheticPeople> GenerateSyntheticPeople(const SyntheticOptions& options, const std::string& reference_dir);

}  // namespace kashf::resolve
