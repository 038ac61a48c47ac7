// EncodedRecords: person records normalised once and stored column-wise as small integers, so
// that comparing a candidate pair touches a few cache lines and no allocation.
// Names become interned ids of (a) the canonical full name, (b) the sorted given-name set without
// common tokens, (c) the phonetic skeleton; identifiers become integers; dates PartialDate.
// Thread safety: Append() is not thread-safe; all const accessors are.
#pragma once
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

struct NameCode {
  uint32_t full = 0;      // canonical tokens joined by spaces
  uint32_t given = 0;     // sorted tokens without common ones ("muhammad"), joined
  uint32_t skeleton = 0;  // phonetic skeletons of the given tokens, concatenated
};

class EncodedRecords {
 public:
  explicit EncodedRecords(const NameNormaliser& normaliser) : normaliser_(&normaliser) {}

  // Normalises and appends `records` (parsing in `threads` threads, interning serially).
  void Append(std::span<const PersonRecord> records, int threads = 1);

  size_t size() const { return ids_.size(); }
  const std::string& Id(size_t i) const { return ids_[i]; }
  bool IsPerson(size_t i) const { return is_person_[i] != 0; }
  std::span<const NameCode> Names(size_t i) const { return Slice(names_, name_off_, i); }
  std::span<const NameCode> Fathers(size_t i) const { return Slice(fathers_, father_off_, i); }
  std::span<const NameCode> Spouses(size_t i) const { return Slice(spouses_, spouse_off_, i); }
  std::span<const NationalId> NationalIds(size_t i) const { return Slice(national_ids_, nid_off_, i); }
  std::span<const uint64_t> Phones(size_t i) const { return Slice(phones_, phone_off_, i); }
  const PartialDate& BirthDate(size_t i) const { return birth_[i]; }
  uint8_t Gender(size_t i) const { return gender_[i]; }       // 0 unknown, 1 male, 2 female, 3 other
  uint32_t District(size_t i) const { return district_[i]; }  // 0 unknown

  const std::string& Text(uint32_t pool_id) const { return pool_.Get(pool_id); }
  // How many records carry this canonical full name (term frequency, Splink-style).
  uint32_t NameFrequency(uint32_t full) const { return full < name_freq_.size() ? name_freq_[full] : 0; }
  uint64_t NamedRecords() const { return named_records_; }

 private:
  template <typename T>
  static std::span<const T> Slice(const std::vector<T>& v, const std::vector<uint32_t>& off, size_t i) {
    return std::span<const T>(v.data() + off[i], off[i + 1] - off[i]);
  }
  NameCode Encode(const std::vector<std::string>& tokens);

  const NameNormaliser* normaliser_;
  StringPool pool_;
  std::vector<std::string> ids_;
  std::vector<uint8_t> is_person_;
  std::vector<uint32_t> name_off_{0}, father_off_{0}, spouse_off_{0}, nid_off_{0}, phone_off_{0};
  std::vector<NameCode> names_, fathers_, spouses_;
  std::vector<NationalId> national_ids_;
  std::vector<uint64_t> phones_;
  std::vector<PartialDate> birth_;
  std::vector<uint8_t> gender_;
  std::vector<uint32_t> district_;
  std::vector<uint32_t> name_freq_;
  std::vector<NameCode> name_codes_;  // by full-name pool id: codes already computed
  uint64_t named_records_ = 0;
};

}  // namespace kashf::resolve
