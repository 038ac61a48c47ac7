// ComparisonModel: which properties of which schema are compared, and how, declared as data
// (data/reference/resolution-model.yaml; `kashf resolve --model FILE` for another one or one that
// extends the default). One SchemaModel a schema: its comparisons (one comparison = one field of
// the Fellegi-Sunter model, with its agreement levels), and its blocking passes (which keys make
// two records a candidate pair). See docs/resolution.md for the file format.
// Thread safety: immutable after loading; share freely.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/given_name_variants.h"

namespace kashf {
class Model;
}

namespace kashf::resolve {

// How a field's values are compared (levels listed high to low; 0 is always "different").
enum class CompareKind : uint8_t {
  kName,        // person name: exact; same given names any order; same phonetic skeletons; token by token;
                // Jaro-Winkler / shorter name inside the longer; JW >= 0.80 or a shared token
  kOrgName,     // organisation name: as kName after dropping legal-form words (ltd, pvt, inc ...)
  kString,      // exact; Jaro-Winkler >= 0.92; >= 0.80
  kExact,       // same
  kDate,        // same day; coarser precision agrees; day/month swapped; one digit off; same year; within N years
  kNumber,      // exact; within `tolerance` (relative)
  kAddress,     // same text; token overlap (Jaccard) >= 0.6; >= 0.3
  kEmail,       // exact; same local part; local part one edit; local part JW >= 0.88
  kIdentifier,  // exact; one edit (substituted, dropped, inserted or two adjacent swapped); two edits
  kPhone,       // exact E.164; one digit edit
};

// An identifier property and the scheme it belongs to: values are compared only within one
// scheme (a generic id number, scheme "id", meets every scheme).
struct IdentifierScheme {
  std::string property;  // e.g. "cnic", "passportNumber", "idNumber"
  std::string scheme;    // e.g. "national_id", "passport", "id", "tax"
  std::string country;   // ISO 3166 alpha-2 when the scheme is national ("PK"), else ""
};

struct FieldSpec {
  std::string name;  // shown in explanations and stored models ("name", "birth_date" ...)
  CompareKind kind = CompareKind::kExact;
  std::vector<std::string> properties;    // properties whose values feed the field
  std::vector<IdentifierScheme> schemes;  // kIdentifier: scheme of each property
  bool term_frequency = false;            // adjust the top level by how common the value is (Splink)
  // Two records whose single values differ beyond every typo level (level 0; a date: both at day
  // precision) never share a cluster, unless an analyst joins them.
  bool conflict_keeps_apart = false;
  double within_years = 2;  // kDate: the lowest agreeing level
  double tolerance = 0.05;  // kNumber: relative difference of the "close" level

  int LevelCount() const;                            // levels 0..LevelCount()-1
  std::string_view LevelName(uint32_t level) const;  // "exact", "one edit" ... ("missing on one side" for null)
};

// A blocking pass: records sharing one key of the pass become candidate pairs. A key is made of
// one part per entry of `parts` (cross product when a part gives several values). A part is
// "FIELD.FUNCTION" with FUNCTION one of:
//   value      the normalised value (identifier, phone, e-mail, string, exact, date, number)
//   halves     first and last half of an identifier (one typo leaves one half intact)
//   local_part the e-mail's local part
//   tokens     each name token's phonetic skeleton
//   token_pairs every unordered pair of a name's token skeletons (a third token may be missing or wrong)
//   skeleton   the whole name's skeleton (given names sorted)
//   year       birth year; month_day  month and day (a year typo keeps them)
//   postcode   number-like tokens of an address (postcode, house number)
//   metaphone  each name token's Double Metaphone keys (primary and alternate)
//   variants   each name token's given-name variant groups (needs `name_variants: true`)
//   sorted     (alone) sorted neighbourhood over the name's sorted tokens (window: BlockingOptions)
//   qgrams     (alone) MinHash LSH over the character bigrams of the name's tokens
struct BlockingPart {
  int field = 0;  // index into SchemaModel::fields
  std::string function;
};
struct BlockingPass {
  std::string name;  // e.g. "name.tokens+birth_date.year"
  std::vector<BlockingPart> parts;
};

struct SchemaModel {
  std::string schema;
  std::vector<FieldSpec> fields;  // at most kMaxFields
  std::vector<BlockingPass> blocking;
  // Records of this schema are not scored: they join the one scored record sharing their exact
  // phone number (Phone, Wallet).
  bool identifier_only = false;
  int FieldIndex(std::string_view name) const;  // -1 if absent
};

inline constexpr int kMaxFields = 16;  // 4 bits a field in a 64-bit comparison pattern

class ComparisonModel {
 public:
  // Parses a model file; `origin` names it in errors ("... 'x.yaml' line 12: unknown kind ...").
  // A file with `extends: default` adds to (and replaces by field name) the default model.
  // With `data_model`, every schema and property must exist in it (else an error with a
  // "did you mean"); without, names are not checked (tests).
  static Result<ComparisonModel> Parse(const std::string& yaml_text, const std::string& origin,
                                       const Model* data_model = nullptr);
  static Result<ComparisonModel> LoadFile(const std::string& path, const Model* data_model = nullptr);
  // DataPath("data/reference/resolution-model.yaml")
  static Result<ComparisonModel> LoadDefault(const Model* data_model = nullptr);

  const SchemaModel* Find(std::string_view schema) const;
  const std::vector<SchemaModel>& schemas() const { return schemas_; }
  const std::string& source() const { return source_; }  // the YAML text it was built from
  // Words dropped from organisation names (top-level `legal_forms`), canonical lower case.
  bool IsLegalForm(const std::string& token) const { return legal_forms_.count(token) > 0; }
  // Given-name variants (nicknames, spellings) when the file says `name_variants: true`: name
  // tokens that are variants of each other match, and the `variants` blocking function keys on
  // their groups. nullptr otherwise.
  const GivenNameVariants* name_variants() const { return name_variants_.get(); }

 private:
  std::vector<SchemaModel> schemas_;
  std::unordered_set<std::string> legal_forms_;
  std::shared_ptr<const GivenNameVariants> name_variants_;
  std::string source_;
};

}  // namespace kashf::resolve
