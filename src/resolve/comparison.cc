#include "kashf/resolve/comparison.h"

#include <algorithm>
#include <cstdlib>

#include "kashf/resolve/jaro_winkler.h"

namespace kashf::resolve {
namespace {

constexpr std::string_view kFieldNames[kFieldCount] = {"name",  "father",     "spouse", "national_id",
                                                       "phone", "birth_date", "gender", "district"};
constexpr std::string_view kNameLevels[] = {
    "different", "jaro-winkler >= 0.80", "jaro-winkler >= 0.92", "same phonetic skeleton", "same given names", "exact"};
constexpr std::string_view kIdLevels[] = {"different", "two digit edits", "one digit edit",
                                          "exact"};  // edit: substituted, dropped or swapped
constexpr std::string_view kPhoneLevels[] = {"different", "one digit edit", "exact"};
constexpr std::string_view kDateLevels[] = {"different", "within two years", "same year or day/month swapped",
                                            "agree to coarser precision", "same day"};
constexpr std::string_view kBinaryLevels[] = {"different", "same"};

uint32_t CompareNames(const EncodedRecords& r, std::span<const NameCode> a, std::span<const NameCode> b,
                      uint32_t* matched) {
  if (a.empty() || b.empty()) return kNullLevel;
  uint32_t best = 0;
  for (const NameCode& x : a) {
    for (const NameCode& y : b) {
      uint32_t level = 0;
      if (x.full == y.full) {
        if (matched) *matched = x.full;
        return 5;
      }
      if (x.given == y.given) level = 4;
      else if (x.skeleton == y.skeleton) level = 3;
      else if (best < 2) {
        const double jw = std::max(JaroWinklerSimilarity(r.Text(x.full), r.Text(y.full)),
                                   JaroWinklerSimilarity(r.Text(x.given), r.Text(y.given)));
        level = jw >= 0.92 ? 2 : jw >= 0.80 ? 1 : 0;
      }
      best = std::max(best, level);
    }
  }
  return best;
}

// True when deleting one digit of `longer` (length n+1) gives `shorter` (length n).
bool OneDigitDropped(uint64_t longer, int longer_length, uint64_t shorter) {
  uint64_t low = 1;
  for (int k = 0; k < longer_length; ++k, low *= 10) {
    const uint64_t without = (longer / (low * 10)) * low + longer % low;  // digit k (from the right) removed
    if (without == shorter) return true;
  }
  return false;
}

uint32_t CompareIds(std::span<const NationalId> a, std::span<const NationalId> b) {
  if (a.empty() || b.empty()) return kNullLevel;
  uint32_t best = 0;
  for (const auto& x : a)
    for (const auto& y : b) {
      if (x.length != y.length) {
        const bool x_longer = x.length > y.length;
        const NationalId& l = x_longer ? x : y;
        const NationalId& sh = x_longer ? y : x;
        if (l.length == sh.length + 1 && OneDigitDropped(l.digits, l.length, sh.digits))
          best = std::max<uint32_t>(best, 2);
        continue;
      }
      const int edits = DigitEdits(x.digits, y.digits, x.length);
      best = std::max<uint32_t>(best, edits == 0 ? 3 : edits == 1 ? 2 : edits == 2 ? 1 : 0);
    }
  return best;
}

int DecimalLength(uint64_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

uint32_t ComparePhones(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() || b.empty()) return kNullLevel;
  uint32_t best = 0;
  for (uint64_t x : a)
    for (uint64_t y : b) {
      if (x == y) return 2;
      const int len = DecimalLength(x);
      if (len == DecimalLength(y) && DigitEdits(x, y, len) == 1) best = 1;
    }
  return best;
}

uint32_t CompareDates(const PartialDate& a, const PartialDate& b) {
  if (!a.known() || !b.known()) return kNullLevel;
  const int p = std::min(a.precision(), b.precision());
  const bool same_year = a.year == b.year;
  const bool same_month = same_year && a.month == b.month;
  if (p == 3 && same_month && a.day == b.day) return 4;
  if (p < 3 && same_year && (p < 2 || same_month)) return 3;
  if (same_year) return 2;  // includes day/month swapped
  return std::abs(a.year - b.year) <= 2 ? 1 : 0;
}

}  // namespace

std::string_view FieldName(int field) { return kFieldNames[field]; }

int LevelCount(int field) {
  switch (field) {
    case kName:
    case kFather:
    case kSpouse: return 6;
    case kNationalId: return 4;
    case kPhone: return 3;
    case kBirthDate: return 5;
    default: return 2;
  }
}

std::string_view LevelName(int field, uint32_t level) {
  if (level == kNullLevel) return "missing on one side";
  switch (field) {
    case kName:
    case kFather:
    case kSpouse: return kNameLevels[level];
    case kNationalId: return kIdLevels[level];
    case kPhone: return kPhoneLevels[level];
    case kBirthDate: return kDateLevels[level];
    default: return kBinaryLevels[level];
  }
}

Comparison Compare(const EncodedRecords& r, uint32_t a, uint32_t b) {
  Comparison c;
  uint32_t levels[kFieldCount];
  levels[kName] = CompareNames(r, r.Names(a), r.Names(b), &c.matched_name);
  levels[kFather] = CompareNames(r, r.Fathers(a), r.Fathers(b), nullptr);
  levels[kSpouse] = CompareNames(r, r.Spouses(a), r.Spouses(b), nullptr);
  levels[kNationalId] = CompareIds(r.NationalIds(a), r.NationalIds(b));
  levels[kPhone] = ComparePhones(r.Phones(a), r.Phones(b));
  levels[kBirthDate] = CompareDates(r.BirthDate(a), r.BirthDate(b));
  levels[kGender] = r.Gender(a) == 0 || r.Gender(b) == 0 ? kNullLevel : r.Gender(a) == r.Gender(b) ? 1u : 0u;
  levels[kDistrict] = r.District(a) == 0 || r.District(b) == 0 ? kNullLevel : r.District(a) == r.District(b) ? 1u : 0u;
  for (int f = 0; f < kFieldCount; ++f) c.pattern |= levels[f] << (4 * f);
  return c;
}

}  // namespace kashf::resolve
