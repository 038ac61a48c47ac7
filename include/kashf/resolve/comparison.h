// Comparison vectors: for a pair of records of one schema, one agreement level per field of the
// schema's model (Fellegi & Sunter 1969), packed 4 bits a field into a 64-bit pattern (up to 16
// fields). Level 0 is "different", higher is closer agreement (FieldSpec::LevelName names them);
// kNullLevel means "no comparable values on one side" and carries no evidence either way.
// Multi-valued fields take the best level over all value pairs. The level rules per kind are in
// comparison_model.h and docs/resolution.md.
#pragma once
#include <cstdint>
#include <span>

#include "kashf/resolve/encoded_records.h"

namespace kashf::resolve {

inline constexpr uint32_t kNullLevel = 15;
using Pattern = uint64_t;

inline uint32_t LevelOf(Pattern pattern, int field) { return static_cast<uint32_t>(pattern >> (4 * field)) & 0xFu; }
inline Pattern WithLevel(Pattern pattern, int field, uint32_t level) {
  return (pattern & ~(Pattern{0xF} << (4 * field))) | (Pattern{level} << (4 * field));
}
// A pattern with every field null.
inline Pattern NullPattern(int fields) { return fields >= 16 ? ~Pattern{0} : (Pattern{1} << (4 * fields)) - 1; }

// Level of two value lists of one field. Pure; thread-safe.
uint32_t CompareField(const EncodedRecords& records, const FieldSpec& spec, std::span<const EncodedValue> a,
                      std::span<const EncodedValue> b);

// The value of `a` that agrees with one of `b` at the field's top level (for term frequency), or
// nullptr.
const EncodedValue* SharedValue(const EncodedRecords& records, const FieldSpec& spec, std::span<const EncodedValue> a,
                                std::span<const EncodedValue> b);

// Compares records `a` and `b`, which must share a schema of the model (else every field is null).
Pattern Compare(const EncodedRecords& records, uint32_t a, uint32_t b);

// Restricted Damerau-Levenshtein (optimal string alignment) distance, stopping at `limit` + 1:
// substitutions, insertions, deletions and adjacent transpositions cost 1.
int BoundedEditDistance(std::string_view a, std::string_view b, int limit);

// Two single values that differ beyond any typo level (level 0 "different"): two dates at day
// precision neither one digit apart, swapped, nor within the field's N years; two identifiers of
// the same (non-generic) scheme more than two edits apart. Used to keep clusters apart
// (FieldSpec::conflict_keeps_apart); a record holding several values of the field never conflicts.
bool FieldConflicts(const EncodedRecords& records, const FieldSpec& spec, std::span<const EncodedValue> a,
                    std::span<const EncodedValue> b);

}  // namespace kashf::resolve
