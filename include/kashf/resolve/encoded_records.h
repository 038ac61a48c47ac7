// EncodedRecords: records normalised once, per the ComparisonModel, and stored column-wise as
// small integers, so that comparing a candidate pair touches a few cache lines and no allocation.
// Each record holds, for every field of its schema's model, a list of EncodedValue:
//   name / organization_name: text = canonical full name, a = sorted given-name set without common
//       tokens (and legal forms), b = phonetic skeleton; tokens = canonical tokens (and skeletons)
//   string / exact: text = lower-cased, trimmed, spaces collapsed
//   date: number = year*10000 + month*100 + day (0 for unknown parts)
//   number: number = the double's bits
//   address: one value a record (all its address values pooled): text = the normalised text,
//       tokens = its distinct words, sorted
//   email: text = lower-cased address, a = local part, b = domain
//   identifier: text = upper-case letters and digits, a = scheme (pool id), b = country (pool id)
//   phone: number = E.164 as an integer
// Records of a schema the model does not list keep no values (SchemaIndex -1) and are never compared.
// Thread safety: Append() is not thread-safe; all const accessors are.
#pragma once
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kashf/resolve/comparison_model.h"
#include "kashf/resolve/identifiers.h"
#include "kashf/resolve/name_normaliser.h"
#include "kashf/resolve/person_record.h"

namespace kashf::resolve {

// Interned string pool: id 0 is the empty string.
class StringPool {
 public:
  StringPool() { Intern(""); }
  uint32_t Intern(std::string_view s);
  const std::string& Get(uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, uint32_t> ids_;
};

struct EncodedValue {
  uint64_t number = 0;
  uint32_t text = 0, a = 0, b = 0;
  uint32_t tokens = 0;       // first index into TokenIds / TokenSkeletons
  uint32_t token_count = 0;  // number of tokens
};

// Packs a date as EncodedValue::number and back.
uint64_t PackDate(const PartialDate& d);
PartialDate UnpackDate(uint64_t number);

class EncodedRecords {
 public:
  EncodedRecords(const NameNormaliser& normaliser, const ComparisonModel& model);

  // Normalises and appends `records` (parsing in `threads` threads, interning serially).
  void Append(std::span<const PersonRecord> records, int threads = 1);

  size_t size() const { return ids_.size(); }
  const std::string& Id(size_t i) const { return ids_[i]; }
  int SchemaIndex(size_t i) const { return schema_[i]; }  // index into model().schemas(), -1 if none
  const SchemaModel* Schema(size_t i) const {
    return schema_[i] < 0 ? nullptr : &model_->schemas()[static_cast<size_t>(schema_[i])];
  }
  // Scored: the schema is in the model and not identifier-only.
  bool IsScored(size_t i) const { return schema_[i] >= 0 && !Schema(i)->identifier_only; }
  std::span<const EncodedValue> Values(size_t i, int field) const {
    const size_t k = first_[i] + static_cast<size_t>(field);
    return std::span<const EncodedValue>(values_.data() + ends_[k], ends_[k + 1] - ends_[k]);
  }
  std::span<const uint32_t> TokenIds(const EncodedValue& v) const {
    return std::span<const uint32_t>(token_ids_.data() + v.tokens, v.token_count);
  }
  std::span<const uint32_t> TokenSkeletons(const EncodedValue& v) const {
    return std::span<const uint32_t>(token_skeletons_.data() + v.tokens, v.token_count);
  }
  const std::string& Text(uint32_t pool_id) const { return pool_.Get(pool_id); }
  // Given-name variant groups of a name token (pool id), sorted; nullptr when it has none or the
  // model loads no variant table. Two tokens can only be variants when their groups meet.
  const std::vector<uint32_t>* VariantGroups(uint32_t token) const {
    auto it = variant_groups_.find(token);
    return it == variant_groups_.end() ? nullptr : &it->second;
  }
  const ComparisonModel& model() const { return *model_; }
  // Distinct for every EncodedRecords ever constructed in the process (keys per-thread caches of
  // results over pool ids, which are only meaningful within one instance).
  uint64_t instance() const { return instance_; }

  // Term frequency (Splink): records of schema `schema` whose field `field` holds value text
  // `text`, and records with any value in that field.
  uint32_t ValueFrequency(int schema, int field, uint32_t text) const;
  uint32_t FieldRecords(int schema, int field) const;

 private:
  const NameNormaliser* normaliser_;
  const ComparisonModel* model_;
  uint64_t instance_;
  StringPool pool_;
  std::vector<std::string> ids_;
  std::vector<int16_t> schema_;
  std::vector<uint32_t> first_;  // record -> first index into ends_ (field count + 1 entries)
  std::vector<uint32_t> ends_;   // value offsets
  std::vector<EncodedValue> values_;
  std::vector<uint32_t> token_ids_, token_skeletons_;
  std::unordered_map<uint64_t, uint32_t> frequency_;  // (schema, field, text) -> records
  std::vector<std::vector<uint32_t>> field_records_;  // [schema][field] -> records with a value
  std::unordered_map<uint64_t, EncodedValue> name_cache_;
  std::unordered_map<uint32_t, std::vector<uint32_t>>
      variant_groups_;  // token -> variant groups  // (kind, full text id) -> encoded name
};

}  // namespace kashf::resolve
