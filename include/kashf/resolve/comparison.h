// Comparison vectors: for a pair of records, one agreement level per field (Fellegi & Sunter 1969),
// packed 4 bits a field into a 32-bit pattern. Level 0 is "disagree", higher is closer agreement;
// kNullLevel means "one side has no value" and carries no evidence either way.
// Levels (multi-valued fields take the best level over all value pairs):
//   name / father / spouse: 5 exact canonical, 4 same given names (any order, "Muhammad" ignored),
//                           3 same phonetic skeleton, 2 Jaro-Winkler >= 0.92, 1 JW >= 0.80
//   national id:  3 exact, 2 one digit substituted, dropped, or two adjacent swapped, 1 two edits
//   phone:        2 exact E.164, 1 one digit edit
//   birth date:   4 same day, 3 agree to the coarser precision (1985 vs 1985-03-04), 2 same year or
//                 day and month swapped, 1 within two years
//   gender, district: 1 agree
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "kashf/resolve/encoded_records.h"

namespace kashf::resolve {

enum Field : int { kName = 0, kFather, kSpouse, kNationalId, kPhone, kBirthDate, kGender, kDistrict, kFieldCount };
inline constexpr uint32_t kNullLevel = 15;

// Name of a field ("name", "father", ...) and of a level of it ("exact", "jaro-winkler >= 0.92" ...).
std::string_view FieldName(int field);
int LevelCount(int field);  // levels 0..LevelCount-1 (kNullLevel excluded)
std::string_view LevelName(int field, uint32_t level);

inline uint32_t LevelOf(uint32_t pattern, int field) { return (pattern >> (4 * field)) & 0xFu; }

struct Comparison {
  uint32_t pattern = 0;
  uint32_t matched_name = 0;  // pool id of the canonical name shared at the "exact" level, else 0
};

// Compares records `a` and `b` of `records`. Pure function of the two records; thread-safe.
Comparison Compare(const EncodedRecords& records, uint32_t a, uint32_t b);

}  // namespace kashf::resolve
