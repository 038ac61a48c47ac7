#include "kashf/resolve/comparison.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/resolve/jaro_winkler.h"

namespace kashf::resolve {
namespace {

constexpr double kTokenMatch = 0.92;

// The highest Jaro-Winkler two strings of these lengths can reach: every character of the shorter
// matched without transpositions, and the full prefix bonus (4 x 0.1). Skips the O(|a||b|)
// similarity when it cannot reach a threshold.
double JaroWinklerUpperBound(size_t la, size_t lb) {
  if (la == 0 || lb == 0) return 0;
  const double m = static_cast<double>(std::min(la, lb));
  const double jaro = (m / static_cast<double>(la) + m / static_cast<double>(lb) + 1.0) / 3.0;
  return jaro + 0.4 * (1.0 - jaro);
}

bool JaroWinklerAtLeast(std::string_view a, std::string_view b, double threshold) {
  return JaroWinklerUpperBound(a.size(), b.size()) >= threshold && JaroWinklerSimilarity(a, b) >= threshold;
}

// Whether two name tokens (pool ids of `r`) match at kTokenMatch, memoised per thread: names repeat,
// so the same token pairs come back across candidate pairs. The cache belongs to one
// EncodedRecords instance and is bounded.
bool TokensSimilar(const EncodedRecords& r, uint32_t a, uint32_t b) {
  struct Cache {
    uint64_t instance = 0;
    std::unordered_map<uint64_t, bool> known;
  };
  thread_local Cache cache;
  if (cache.instance != r.instance() || cache.known.size() > (1u << 20)) {
    cache.known.clear();
    cache.instance = r.instance();
  }
  const uint64_t key = (uint64_t{std::min(a, b)} << 32) | std::max(a, b);
  auto it = cache.known.find(key);
  if (it != cache.known.end()) return it->second;
  const bool similar = JaroWinklerAtLeast(r.Text(a), r.Text(b), kTokenMatch);
  cache.known.emplace(key, similar);
  return similar;
}

bool GroupsMeet(const std::vector<uint32_t>* a, const std::vector<uint32_t>* b) {
  if (!a || !b) return false;
  size_t i = 0, j = 0;
  while (i < a->size() && j < b->size()) {
    if ((*a)[i] == (*b)[j]) return true;
    if ((*a)[i] < (*b)[j]) ++i;
    else ++j;
  }
  return false;
}

// Names and organisation names: 6 exact, 5 same given names, 4 same skeleton, 3 every token
// matched (same count), 2 shorter name inside the longer or JW >= 0.92, 1 JW >= 0.80 or half of the
// longer name's tokens matched. Tokens are matched one to one, in any order: equal, same phonetic
// skeleton, Jaro-Winkler >= 0.92, or given-name variants (Bob ~ Robert) when the model loads them.
uint32_t CompareNamePair(const EncodedRecords& r, const EncodedValue& x, const EncodedValue& y) {
  if (x.text == y.text) return 6;
  if (x.a == y.a) return 5;
  if (x.b == y.b) return 4;
  const bool x_shorter = x.token_count <= y.token_count;
  const EncodedValue& s = x_shorter ? x : y;
  const EncodedValue& l = x_shorter ? y : x;
  const auto st = r.TokenIds(s), lt = r.TokenIds(l);
  const auto ss = r.TokenSkeletons(s), ls = r.TokenSkeletons(l);
  const GivenNameVariants* variants = r.model().name_variants();
  uint32_t matched = 0;
  uint64_t used = 0;  // tokens of the longer name already taken (names have few tokens)
  for (size_t i = 0; i < st.size(); ++i) {
    for (size_t j = 0; j < lt.size() && j < 64; ++j) {
      if (used >> j & 1) continue;
      if (st[i] == lt[j] || ss[i] == ls[j] || TokensSimilar(r, st[i], lt[j]) ||
          (variants && GroupsMeet(r.VariantGroups(st[i]), r.VariantGroups(lt[j])) &&
           variants->AreVariants(r.Text(st[i]), r.Text(lt[j])))) {
        used |= uint64_t{1} << j;
        ++matched;
        break;
      }
    }
  }
  if (matched == st.size() && st.size() == lt.size()) return 3;
  if (matched == st.size() && !st.empty()) return 2;
  const std::string& xt = r.Text(x.text);
  const std::string& yt = r.Text(y.text);
  const double jw = JaroWinklerUpperBound(xt.size(), yt.size()) >= 0.80 ? JaroWinklerSimilarity(xt, yt) : 0.0;
  if (jw >= kTokenMatch) return 2;
  if (jw >= 0.80 || 2 * matched >= lt.size()) return 1;
  return 0;
}

uint32_t CompareStringPair(const EncodedRecords& r, const EncodedValue& x, const EncodedValue& y) {
  if (x.text == y.text) return 3;
  const double jw = JaroWinklerSimilarity(r.Text(x.text), r.Text(y.text));
  return jw >= 0.92 ? 2 : jw >= 0.80 ? 1 : 0;
}

std::string DateDigits(const PartialDate& d, int precision) {
  if (precision == 1) return fmt::format("{:04d}", d.year);
  if (precision == 2) return fmt::format("{:04d}{:02d}", d.year, d.month);
  return fmt::format("{:04d}{:02d}{:02d}", d.year, d.month, d.day);
}

// 6 same day, 5 same month (one side known to the month only), 4 day and month swapped, 3 one
// digit off (or two adjacent digits swapped) at the coarser precision, 2 same year (the only
// agreement a year-only date can give), 1 within N years. When one side is known to the year
// only, a digit off is no stronger than "within N years": three agreeing digits of a year say
// less than the four of "same year" (1968 and 1998 are one digit apart, and so are a tenth of
// all random pairs of years), while on a full date seven of eight digits agree.
uint32_t CompareDatePair(const FieldSpec& spec, const EncodedValue& x, const EncodedValue& y) {
  const PartialDate a = UnpackDate(x.number), b = UnpackDate(y.number);
  const int p = std::min(a.precision(), b.precision());
  if (p == 3 && x.number == y.number) return 6;
  const bool same_year = a.year == b.year;
  if (p == 2 && same_year && a.month == b.month) return 5;
  if (p == 3 && same_year && a.month == b.day && a.day == b.month) return 4;
  const bool digit_off = BoundedEditDistance(DateDigits(a, p), DateDigits(b, p), 1) == 1;
  if (digit_off && p > 1) return 3;
  if (same_year) return 2;
  return digit_off || std::abs(a.year - b.year) <= spec.within_years ? 1 : 0;
}

uint32_t CompareNumberPair(const FieldSpec& spec, const EncodedValue& x, const EncodedValue& y) {
  const double a = std::bit_cast<double>(x.number), b = std::bit_cast<double>(y.number);
  if (a == b) return 2;
  return std::abs(a - b) <= spec.tolerance * std::max(std::abs(a), std::abs(b)) ? 1 : 0;
}

// Jaccard overlap of the sorted word lists.
uint32_t CompareAddressPair(const EncodedRecords& r, const EncodedValue& x, const EncodedValue& y) {
  const auto a = r.TokenIds(x), b = r.TokenIds(y);
  if (x.text == y.text || std::equal(a.begin(), a.end(), b.begin(), b.end())) return 3;  // same words
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const double jaccard = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
  return jaccard >= 0.6 ? 2 : jaccard >= 0.3 ? 1 : 0;
}

// The typo levels need local parts of some length: "f.s" and "f.j" are one edit apart, but two
// agreeing characters say little (initials of different people).
constexpr size_t kMinTypoLocalPart = 4;

uint32_t CompareEmailPair(const EncodedRecords& r, const EncodedValue& x, const EncodedValue& y) {
  if (x.text == y.text) return 4;
  if (x.a == y.a) return 3;
  if (std::min(r.Text(x.a).size(), r.Text(y.a).size()) < kMinTypoLocalPart) return 0;
  if (BoundedEditDistance(r.Text(x.a), r.Text(y.a), 1) <= 1) return 2;
  return JaroWinklerSimilarity(r.Text(x.a), r.Text(y.a)) >= 0.88 ? 1 : 0;
}

// Two identifiers are comparable within one scheme of one country (a country left empty meets
// any), and a generic id number ("id") meets every scheme.
bool SchemesMeet(const EncodedRecords& r, const EncodedValue& x, const EncodedValue& y) {
  if (x.a == y.a) return x.b == y.b || !x.b || !y.b;
  return r.Text(x.a) == "id" || r.Text(y.a) == "id";
}

uint32_t CompareIdentifierPair(const EncodedRecords& r, const EncodedValue& x, const EncodedValue& y) {
  if (x.text == y.text) return 3;
  const int d = BoundedEditDistance(r.Text(x.text), r.Text(y.text), 2);
  return d == 1 ? 2 : d == 2 ? 1 : 0;
}

int DecimalLength(uint64_t v) {
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

uint32_t ComparePhonePair(const EncodedValue& x, const EncodedValue& y) {
  if (x.number == y.number) return 2;
  const int len = DecimalLength(x.number);
  return len == DecimalLength(y.number) && DigitEdits(x.number, y.number, len) == 1 ? 1 : 0;
}

uint32_t ComparePair(const EncodedRecords& r, const FieldSpec& spec, const EncodedValue& x, const EncodedValue& y) {
  switch (spec.kind) {
    case CompareKind::kName:
    case CompareKind::kOrgName: return CompareNamePair(r, x, y);
    case CompareKind::kString: return CompareStringPair(r, x, y);
    case CompareKind::kExact: return x.text == y.text ? 1 : 0;
    case CompareKind::kDate: return CompareDatePair(spec, x, y);
    case CompareKind::kNumber: return CompareNumberPair(spec, x, y);
    case CompareKind::kAddress: return CompareAddressPair(r, x, y);
    case CompareKind::kEmail: return CompareEmailPair(r, x, y);
    case CompareKind::kIdentifier: return SchemesMeet(r, x, y) ? CompareIdentifierPair(r, x, y) : kNullLevel;
    case CompareKind::kPhone: return ComparePhonePair(x, y);
  }
  return kNullLevel;
}

}  // namespace

int BoundedEditDistance(std::string_view a, std::string_view b, int limit) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  if (n > 64 || m > 64) return a == b ? 0 : limit + 1;
  // Optimal string alignment over three rows (Damerau 1964; Boytsov 2011 on the restricted form).
  int rows[3][65];
  int* prev2 = rows[0];
  int* prev = rows[1];
  int* cur = rows[2];
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[static_cast<size_t>(i - 1)] == b[static_cast<size_t>(j - 1)] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[static_cast<size_t>(j - 2)] &&
          a[static_cast<size_t>(i - 2)] == b[static_cast<size_t>(j - 1)])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], limit + 1);
}

uint32_t CompareField(const EncodedRecords& r, const FieldSpec& spec, std::span<const EncodedValue> a,
                      std::span<const EncodedValue> b) {
  if (a.empty() || b.empty()) return kNullLevel;
  const uint32_t top = static_cast<uint32_t>(spec.LevelCount() - 1);
  uint32_t best = kNullLevel;
  for (const auto& x : a)
    for (const auto& y : b) {
      const uint32_t level = ComparePair(r, spec, x, y);
      if (level == kNullLevel) continue;
      if (best == kNullLevel || level > best) best = level;
      if (best == top) return best;
    }
  return best;
}

const EncodedValue* SharedValue(const EncodedRecords& r, const FieldSpec& spec, std::span<const EncodedValue> a,
                                std::span<const EncodedValue> b) {
  const uint32_t top = static_cast<uint32_t>(spec.LevelCount() - 1);
  for (const auto& x : a)
    for (const auto& y : b)
      if (x.text && ComparePair(r, spec, x, y) == top) return &x;
  return nullptr;
}

Pattern Compare(const EncodedRecords& r, uint32_t a, uint32_t b) {
  const int sa = r.SchemaIndex(a);
  const SchemaModel* s = r.Schema(a);
  if (sa < 0 || sa != r.SchemaIndex(b)) return NullPattern(kMaxFields);
  Pattern pattern = 0;
  const int fields = static_cast<int>(s->fields.size());
  for (int f = 0; f < fields; ++f)
    pattern |= Pattern{CompareField(r, s->fields[static_cast<size_t>(f)], r.Values(a, f), r.Values(b, f))} << (4 * f);
  return pattern | (NullPattern(kMaxFields) & ~NullPattern(fields));
}

bool FieldConflicts(const EncodedRecords& r, const FieldSpec& spec, std::span<const EncodedValue> a,
                    std::span<const EncodedValue> b) {
  if (!spec.conflict_keeps_apart || a.size() != 1 || b.size() != 1) return false;
  const EncodedValue& x = a[0];
  const EncodedValue& y = b[0];
  if (spec.kind == CompareKind::kDate) {
    const PartialDate da = UnpackDate(x.number), db = UnpackDate(y.number);
    return da.precision() == 3 && db.precision() == 3 && CompareDatePair(spec, x, y) == 0;
  }
  if (spec.kind == CompareKind::kIdentifier)
    return x.a == y.a && x.b == y.b && r.Text(x.a) != "id" && CompareIdentifierPair(r, x, y) == 0;
  return ComparePair(r, spec, x, y) == 0;
}

}  // namespace kashf::resolve
