#include "kashf/resolve/encoded_records.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <cstdlib>
#include <thread>

#include "kashf/core/text.h"
#include "kashf/model/model.h"
#include "kashf/model/values.h"

namespace kashf::resolve {

uint32_t StringPool::Intern(std::string_view s) {
  if (auto it = ids_.find(s); it != ids_.end()) return it->second;
  strings_.emplace_back(s);
  const auto id = static_cast<uint32_t>(strings_.size() - 1);
  ids_.emplace(strings_.back(), id);
  return id;
}

EncodedRecords::EncodedRecords(const NameNormaliser& normaliser, const ComparisonModel& model)
    : normaliser_(&normaliser), model_(&model) {
  static std::atomic<uint64_t> next{1};
  instance_ = next.fetch_add(1);
}

uint64_t PackDate(const PartialDate& d) {
  return static_cast<uint64_t>(d.year) * 10000 + static_cast<uint64_t>(d.month) * 100 + static_cast<uint64_t>(d.day);
}

PartialDate UnpackDate(uint64_t n) {
  PartialDate d;
  d.year = static_cast<int>(n / 10000);
  d.month = static_cast<int>(n / 100 % 100);
  d.day = static_cast<int>(n % 100);
  return d;
}

namespace {

// One value after the (parallel, allocation-heavy) parsing stage.
struct ParsedValue {
  std::vector<std::string> tokens;  // names: canonical tokens; address: words
  std::string text, a, b;           // string forms (see EncodedValue)
  uint64_t number = 0;
};

struct ParsedRecord {
  std::vector<std::vector<ParsedValue>> fields;
};

std::string Collapse(std::string_view raw) {
  std::string out;
  for (char c : ToLowerAscii(Trim(raw))) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

bool HasProperty(const FieldSpec& f, std::string_view p) {
  return std::find(f.properties.begin(), f.properties.end(), p) != f.properties.end();
}

class Parser {
 public:
  Parser(const NameNormaliser& n, const ComparisonModel& m, const SchemaModel& s) : n_(n), m_(m), s_(s) {
    for (size_t f = 0; f < s.fields.size(); ++f) {
      if (s.fields[f].kind != CompareKind::kName) continue;
      if (HasProperty(s.fields[f], "fatherName")) father_field_ = static_cast<int>(f);
      if (HasProperty(s.fields[f], "spouseName")) spouse_field_ = static_cast<int>(f);
    }
  }

  ParsedRecord Parse(const PersonRecord& r) const {
    ParsedRecord p;
    p.fields.resize(s_.fields.size());
    for (size_t f = 0; f < s_.fields.size(); ++f) {
      const FieldSpec& spec = s_.fields[f];
      ParsedValue address;
      for (const auto& prop : spec.properties) {
        std::vector<std::string_view> values = r.Values(prop);
        std::string synthesised;
        if (prop == "name" && values.empty()) {  // a name given only in parts: first + last
          for (const char* part : {"firstName", "lastName"})
            for (auto v : r.Values(part)) {
              if (!synthesised.empty()) synthesised.push_back(' ');
              synthesised.append(v);
              break;
            }
          if (!synthesised.empty()) values.push_back(synthesised);
        }
        for (auto raw : values) {
          if (spec.kind == CompareKind::kAddress) {
            for (auto& w : Words(raw)) address.tokens.push_back(std::move(w));
            if (!address.text.empty()) address.text.push_back(' ');
            address.text.append(Collapse(raw));
          } else {
            Value(spec, prop, raw, p);
          }
        }
      }
      if (!address.tokens.empty()) {
        std::sort(address.tokens.begin(), address.tokens.end());
        address.tokens.erase(std::unique(address.tokens.begin(), address.tokens.end()), address.tokens.end());
        p.fields[f].push_back(std::move(address));
      }
    }
    return p;
  }

 private:
  void Value(const FieldSpec& spec, const std::string& prop, std::string_view raw, ParsedRecord& p) const {
    const auto f = static_cast<size_t>(&spec - s_.fields.data());
    auto& out = p.fields[f];
    ParsedValue v;
    switch (spec.kind) {
      case CompareKind::kName:
      case CompareKind::kOrgName: {
        ParsedName parsed = n_.Parse(raw);
        if (father_field_ >= 0 && !parsed.father.empty())
          p.fields[static_cast<size_t>(father_field_)].push_back({std::move(parsed.father), "", "", "", 0});
        if (spouse_field_ >= 0 && !parsed.spouse.empty())
          p.fields[static_cast<size_t>(spouse_field_)].push_back({std::move(parsed.spouse), "", "", "", 0});
        if (spec.kind == CompareKind::kOrgName) {
          std::vector<std::string> kept;
          for (auto& t : parsed.tokens)
            if (!m_.IsLegalForm(t)) kept.push_back(std::move(t));
          if (!kept.empty()) parsed.tokens = std::move(kept);
        }
        if (parsed.tokens.empty()) return;
        v.tokens = std::move(parsed.tokens);
        break;
      }
      case CompareKind::kString:
      case CompareKind::kExact:
        v.text = Collapse(raw);
        if (v.text.empty()) return;
        break;
      case CompareKind::kDate: {
        auto d = ParsePartialDate(raw);
        if (!d) return;
        v.number = PackDate(*d);
        break;
      }
      case CompareKind::kNumber: {
        const std::string s(Trim(raw));
        char* end = nullptr;
        const double x = std::strtod(s.c_str(), &end);
        if (s.empty() || end != s.c_str() + s.size()) return;
        v.number = std::bit_cast<uint64_t>(x);
        break;
      }
      case CompareKind::kEmail: {
        v.text = Collapse(raw);
        const auto at = v.text.rfind('@');
        if (at == std::string::npos || at == 0) return;
        v.a = v.text.substr(0, at);
        v.b = v.text.substr(at + 1);
        break;
      }
      case CompareKind::kIdentifier: {
        for (char c : raw)
          if (std::isalnum(static_cast<unsigned char>(c))) v.text.push_back(static_cast<char>(std::toupper(c)));
        if (v.text.size() < 3) return;
        for (const auto& s : spec.schemes)
          if (s.property == prop) {
            v.a = s.scheme;
            v.b = s.country;
          }
        break;
      }
      case CompareKind::kPhone: {
        std::string canonical;
        if (!ValidateValue(PropertyType::kPhone, raw, &canonical).ok()) return;
        auto e164 = ParsePhoneE164(canonical);
        if (!e164) return;
        v.number = *e164;
        break;
      }
      case CompareKind::kAddress: return;  // pooled by the caller
    }
    out.push_back(std::move(v));
  }

  const NameNormaliser& n_;
  const ComparisonModel& m_;
  const SchemaModel& s_;
  int father_field_ = -1, spouse_field_ = -1;
};

}  // namespace

uint32_t EncodedRecords::ValueFrequency(int schema, int field, uint32_t text) const {
  const uint64_t key =
      (uint64_t{static_cast<uint32_t>(schema)} << 56) | (uint64_t{static_cast<uint32_t>(field)} << 48) | text;
  auto it = frequency_.find(key);
  return it == frequency_.end() ? 0 : it->second;
}

uint32_t EncodedRecords::FieldRecords(int schema, int field) const {
  if (schema < 0 || static_cast<size_t>(schema) >= field_records_.size()) return 0;
  const auto& v = field_records_[static_cast<size_t>(schema)];
  return static_cast<size_t>(field) < v.size() ? v[static_cast<size_t>(field)] : 0;
}

void EncodedRecords::Append(std::span<const PersonRecord> records, int threads) {
  const auto& schemas = model_->schemas();
  std::vector<Parser> parsers;
  for (const auto& s : schemas) parsers.emplace_back(*normaliser_, *model_, s);
  if (field_records_.size() < schemas.size()) {
    field_records_.resize(schemas.size());
    for (size_t s = 0; s < schemas.size(); ++s) field_records_[s].resize(schemas[s].fields.size(), 0);
  }
  if (ends_.empty()) ends_.push_back(0);
  constexpr size_t kChunk = 1 << 15;  // bounds the memory of the parsed intermediate
  std::vector<ParsedRecord> parsed;
  std::vector<int16_t> schema_of;
  for (size_t start = 0; start < records.size(); start += kChunk) {
    const size_t count = std::min(kChunk, records.size() - start);
    parsed.assign(count, ParsedRecord{});
    schema_of.assign(count, -1);
    for (size_t i = 0; i < count; ++i) {
      const auto* s = model_->Find(records[start + i].schema);
      if (s) schema_of[i] = static_cast<int16_t>(s - schemas.data());
    }
    auto work = [&](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i)
        if (schema_of[i] >= 0) parsed[i] = parsers[static_cast<size_t>(schema_of[i])].Parse(records[start + i]);
    };
    if (threads > 1 && count > 1024) {
      std::thread helper(work, 0, count / 2);
      work(count / 2, count);
      helper.join();
    } else {
      work(0, count);
    }
    for (size_t i = 0; i < count; ++i) {
      ids_.push_back(records[start + i].id);
      schema_.push_back(schema_of[i]);
      first_.push_back(static_cast<uint32_t>(ends_.size() - 1));
      if (schema_of[i] < 0) {
        ends_.push_back(ends_.back());  // one empty slot keeps first_ valid
        continue;
      }
      const auto s = static_cast<size_t>(schema_of[i]);
      const SchemaModel& spec = schemas[s];
      for (size_t f = 0; f < spec.fields.size(); ++f) {
        const size_t before = values_.size();
        for (ParsedValue& pv : parsed[i].fields[f]) {
          EncodedValue v;
          v.number = pv.number;
          const CompareKind kind = spec.fields[f].kind;
          if (kind == CompareKind::kName || kind == CompareKind::kOrgName) {
            const uint32_t full = pool_.Intern(NameNormaliser::Join(pv.tokens));
            const uint64_t key = (uint64_t{static_cast<uint8_t>(kind)} << 32) | full;
            auto it = name_cache_.find(key);
            if (it == name_cache_.end()) {
              v.text = full;
              std::vector<std::string> given;
              for (const auto& t : pv.tokens)
                if (!normaliser_->IsCommon(t)) given.push_back(t);
              if (given.empty()) given = pv.tokens;
              std::string concat;
              for (const auto& t : given) concat += t;
              v.b = pool_.Intern(NameNormaliser::Skeleton(concat));
              std::sort(given.begin(), given.end());
              v.a = pool_.Intern(NameNormaliser::Join(given));
              v.tokens = static_cast<uint32_t>(token_ids_.size());
              v.token_count = static_cast<uint32_t>(pv.tokens.size());
              for (const auto& t : pv.tokens) {
                token_ids_.push_back(pool_.Intern(t));
                if (const GivenNameVariants* variants = model_->name_variants(); variants)
                  if (auto groups = variants->GroupsOf(t); !groups.empty())
                    variant_groups_.emplace(token_ids_.back(), std::move(groups));
                token_skeletons_.push_back(pool_.Intern(NameNormaliser::Skeleton(t)));
              }
              it = name_cache_.emplace(key, v).first;  // names repeat: the next record skips the work
            }
            v = it->second;
          } else if (kind == CompareKind::kAddress) {
            v.text = pool_.Intern(pv.text);
            v.tokens = static_cast<uint32_t>(token_ids_.size());
            v.token_count = static_cast<uint32_t>(pv.tokens.size());
            std::vector<uint32_t> ids;
            for (const auto& t : pv.tokens) ids.push_back(pool_.Intern(t));
            std::sort(ids.begin(), ids.end());
            for (uint32_t id : ids) {
              token_ids_.push_back(id);
              token_skeletons_.push_back(id);
            }
          } else {
            v.text = pv.text.empty() ? 0 : pool_.Intern(pv.text);
            v.a = pv.a.empty() ? 0 : pool_.Intern(pv.a);
            v.b = pv.b.empty() ? 0 : pool_.Intern(pv.b);
          }
          bool seen = false;  // the same value twice in one record counts once
          for (size_t k = before; k < values_.size(); ++k)
            seen |= values_[k].text == v.text && values_[k].number == v.number && values_[k].a == v.a;
          if (!seen) values_.push_back(v);
        }
        ends_.push_back(static_cast<uint32_t>(values_.size()));
        if (values_.size() > before) ++field_records_[s][f];
        for (size_t k = before; k < values_.size(); ++k)
          if (values_[k].text) {
            const uint64_t key = (uint64_t{s} << 56) | (uint64_t{f} << 48) | values_[k].text;
            ++frequency_[key];
          }
      }
    }
  }
}

}  // namespace kashf::resolve
