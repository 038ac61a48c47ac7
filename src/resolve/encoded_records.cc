#include "kashf/resolve/encoded_records.h"

#include <algorithm>
#include <thread>

#include "kashf/core/text.h"

namespace kashf::resolve {

uint32_t StringPool::Intern(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  strings_.emplace_back(s);
  const auto id = static_cast<uint32_t>(strings_.size() - 1);
  ids_.emplace(strings_.back(), id);
  return id;
}

namespace {

// Per-record result of the (parallel) parsing stage.
struct ParsedRecord {
  std::vector<std::vector<std::string>> names, fathers, spouses;
  std::vector<NationalId> national_ids;
  std::vector<uint64_t> phones;
  PartialDate birth;
  uint8_t gender = 0;
  std::string district;
};

ParsedRecord ParseRecord(const NameNormaliser& n, const PersonRecord& r) {
  ParsedRecord p;
  for (const auto& raw : r.names) {
    ParsedName parsed = n.Parse(raw);
    if (!parsed.tokens.empty()) p.names.push_back(std::move(parsed.tokens));
    if (!parsed.father.empty()) p.fathers.push_back(std::move(parsed.father));
    if (!parsed.spouse.empty()) p.spouses.push_back(std::move(parsed.spouse));
  }
  for (const auto& raw : r.father_names)
    if (auto t = n.Parse(raw).tokens; !t.empty()) p.fathers.push_back(std::move(t));
  for (const auto& raw : r.spouse_names)
    if (auto t = n.Parse(raw).tokens; !t.empty()) p.spouses.push_back(std::move(t));
  for (const auto& raw : r.national_ids)
    if (auto id = ParseNationalId(raw)) p.national_ids.push_back(*id);
  for (const auto& raw : r.phones)
    if (auto ph = ParsePhoneE164(raw)) p.phones.push_back(*ph);
  for (const auto& raw : r.birth_dates)
    if (auto d = ParsePartialDate(raw); d && d->precision() > p.birth.precision()) p.birth = *d;
  const std::string g = ToLowerAscii(r.gender);
  p.gender = g == "male" || g == "m" ? 1 : g == "female" || g == "f" ? 2 : g == "other" ? 3 : 0;
  p.district = ToLowerAscii(Trim(r.district));
  return p;
}

template <typename T>
void Dedupe(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

NameCode EncodedRecords::Encode(const std::vector<std::string>& tokens) {
  NameCode code;
  code.full = pool_.Intern(NameNormaliser::Join(tokens));
  if (code.full < name_codes_.size() && name_codes_[code.full].full == code.full) return name_codes_[code.full];
  std::vector<std::string> given;
  for (const auto& t : tokens)
    if (!normaliser_->IsCommon(t)) given.push_back(t);
  if (given.empty()) given = tokens;
  std::string concat;
  for (const auto& t : given) concat += t;
  code.skeleton = pool_.Intern(NameNormaliser::Skeleton(concat));
  std::sort(given.begin(), given.end());
  code.given = pool_.Intern(NameNormaliser::Join(given));
  if (name_codes_.size() < pool_.size()) name_codes_.resize(pool_.size());
  name_codes_[code.full] = code;  // names repeat: the next record with this name skips the work
  return code;
}

void EncodedRecords::Append(std::span<const PersonRecord> records, int threads) {
  constexpr size_t kChunk = 1 << 15;  // bounds the memory of the parsed intermediate
  std::vector<ParsedRecord> parsed;
  for (size_t start = 0; start < records.size(); start += kChunk) {
    const size_t count = std::min(kChunk, records.size() - start);
    parsed.assign(count, ParsedRecord{});
    auto work = [&](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i) parsed[i] = ParseRecord(*normaliser_, records[start + i]);
    };
    if (threads > 1 && count > 1024) {
      std::thread helper(work, 0, count / 2);
      work(count / 2, count);
      helper.join();
    } else {
      work(0, count);
    }
    for (size_t i = 0; i < count; ++i) {
      const PersonRecord& r = records[start + i];
      ParsedRecord& p = parsed[i];
      ids_.push_back(r.id);
      is_person_.push_back(r.IsPerson() ? 1 : 0);
      auto encode_all = [&](std::vector<std::vector<std::string>>& in, std::vector<NameCode>& out,
                            std::vector<uint32_t>& off) {
        const size_t before = out.size();
        for (const auto& tokens : in) {
          NameCode c = Encode(tokens);
          bool seen = false;
          for (size_t k = before; k < out.size(); ++k) seen |= out[k].full == c.full;
          if (!seen) out.push_back(c);
        }
        off.push_back(static_cast<uint32_t>(out.size()));
      };
      const size_t names_before = names_.size();
      encode_all(p.names, names_, name_off_);
      encode_all(p.fathers, fathers_, father_off_);
      encode_all(p.spouses, spouses_, spouse_off_);
      for (size_t k = names_before; k < names_.size(); ++k) {
        if (names_[k].full >= name_freq_.size()) name_freq_.resize(pool_.size(), 0);
        ++name_freq_[names_[k].full];
      }
      if (names_.size() > names_before) ++named_records_;
      std::sort(p.national_ids.begin(), p.national_ids.end(),
                [](const NationalId& a, const NationalId& b) { return a.digits < b.digits; });
      for (size_t k = 0; k < p.national_ids.size(); ++k)
        if (k == 0 || p.national_ids[k].digits != p.national_ids[k - 1].digits)
          national_ids_.push_back(p.national_ids[k]);
      nid_off_.push_back(static_cast<uint32_t>(national_ids_.size()));
      Dedupe(p.phones);
      phones_.insert(phones_.end(), p.phones.begin(), p.phones.end());
      phone_off_.push_back(static_cast<uint32_t>(phones_.size()));
      birth_.push_back(p.birth);
      gender_.push_back(p.gender);
      district_.push_back(p.district.empty() ? 0 : pool_.Intern(p.district));
    }
  }
}

}  // namespace kashf::resolve
