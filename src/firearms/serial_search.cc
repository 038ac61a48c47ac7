// Partial-serial search: trigram index + verifier (see serial_search.h for the contract).
#include "kashf/firearms/serial_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "kashf/core/text.h"
#include "kashf/firearms/firearm_registry.h"

namespace kashf::firearms {
namespace {

constexpr uint32_t kAlphabet = 38;  // 0 = anchor, 1..10 digits, 11..36 letters, 37 = not indexable
constexpr uint32_t kNotIndexed = 37;
constexpr uint32_t kGrams = kAlphabet * kAlphabet * kAlphabet;
constexpr size_t kMaxLength = 64;
constexpr uint32_t kPosDepth = 6;  // positions indexed from each end of a serial
constexpr uint32_t kPosKeys = 2 * kPosDepth * kAlphabet;
constexpr size_t kVerifyBelow = 32;

// Key of "character `code` at `offset` from the start (side 0) or the end (side 1)".
uint32_t PosKey(uint32_t side, uint32_t offset, uint32_t code) {
  return (side * kPosDepth + offset) * kAlphabet + code;
}

// Sorted intersection of `cur` with [lo, hi) in place: a linear merge when the sizes are close,
// binary search from the last position when `cur` is much smaller.
void IntersectInto(std::vector<uint32_t>& cur, const uint32_t* lo, const uint32_t* hi) {
  size_t out = 0;
  if (static_cast<size_t>(hi - lo) < 16 * cur.size()) {
    for (uint32_t row : cur) {
      while (lo != hi && *lo < row) ++lo;
      if (lo == hi) break;
      if (*lo == row) cur[out++] = row;
    }
  } else {
    for (uint32_t row : cur) {
      lo = std::lower_bound(lo, hi, row);
      if (lo == hi) break;
      if (*lo == row) cur[out++] = row;
    }
  }
  cur.resize(out);
}

uint32_t CharCode(char c) {
  if (c >= '0' && c <= '9') return 1 + static_cast<uint32_t>(c - '0');
  if (c >= 'A' && c <= 'Z') return 11 + static_cast<uint32_t>(c - 'A');
  return kNotIndexed;
}

// Trigram codes of `s` (already folded), with '^'/'$' anchors when asked; grams containing a
// non-indexable character are skipped. Appends to `out`.
void Trigrams(std::string_view s, bool anchor_start, bool anchor_end, std::vector<uint32_t>* out) {
  uint32_t buf[kMaxLength + 2];
  size_t n = 0;
  if (anchor_start) buf[n++] = 0;
  for (char c : s.substr(0, kMaxLength)) buf[n++] = CharCode(c);
  if (anchor_end) buf[n++] = 0;
  for (size_t i = 0; i + 2 < n; ++i) {
    if (buf[i] == kNotIndexed || buf[i + 1] == kNotIndexed || buf[i + 2] == kNotIndexed) continue;
    out->push_back((buf[i] * kAlphabet + buf[i + 1]) * kAlphabet + buf[i + 2]);
  }
}

std::string Lower(const std::string& s) { return ToLowerAscii(Trim(s)); }

}  // namespace

Result<std::string> NormalisePattern(std::string_view pattern) {
  std::string out;
  bool any_literal = false;
  for (char ch : pattern) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out.push_back(static_cast<char>(std::toupper(c)));
      any_literal = true;
    } else if (ch == '?') {
      out.push_back('?');
    } else if (ch == '*') {
      if (out.empty() || out.back() != '*') out.push_back('*');
    } else if (ch != '-' && ch != ' ' && ch != '/' && ch != '.' && ch != '_') {
      return Status::InvalidArgument(
          fmt::format("serial pattern '{}' has the character '{}'; use letters, digits, '?' for one unreadable "
                      "character and '*' for any run",
                      pattern, ch));
    }
  }
  if (!any_literal)
    return Status::InvalidArgument(
        fmt::format("serial pattern '{}' has no readable letter or digit to search for", pattern));
  if (out.size() > kMaxLength)
    return Status::InvalidArgument(fmt::format("serial pattern longer than {} characters", kMaxLength));
  return out;
}

struct SerialIndex::Compiled {
  std::string raw;     // normalised pattern
  std::string folded;  // same, folded
  int literals = 0;
  bool has_star = false;
  size_t min_length = 0;  // characters the serial needs at least
  int make = -1;          // dictionary code; -1 = not asked; -2 = asked but unknown
  int calibre = -1;
  bool restrict_mc = true;
};

SerialIndex::SerialIndex(const std::string& fold) : fold_(fold) {
  if (fold_.size() != 256) {
    fold_.resize(256);
    for (int c = 0; c < 256; ++c) fold_[static_cast<size_t>(c)] = static_cast<char>(c);
  }
}

uint32_t SerialIndex::InternValue(std::vector<std::string>& dict, const std::string& v) {
  std::string key = Lower(v);
  for (size_t i = 0; i < dict.size(); ++i)
    if (dict[i] == key) return static_cast<uint32_t>(i);
  dict.push_back(key);
  return static_cast<uint32_t>(dict.size() - 1);
}

void SerialIndex::Add(const SerialRecord& r) {
  std::string s = NormaliseSerial(r.serial);
  if (s.size() > kMaxLength) s.resize(kMaxLength);
  ids_.push_back(r.id);
  arena_ += s;
  for (char c : s) folded_.push_back(fold_[static_cast<unsigned char>(c)]);
  offsets_.push_back(static_cast<uint32_t>(arena_.size()));
  make_.push_back(static_cast<uint16_t>(InternValue(makes_, r.make)));
  calibre_.push_back(static_cast<uint16_t>(InternValue(calibres_, r.calibre)));
  built_ = false;
}

void SerialIndex::Build() {
  const auto rows = static_cast<uint32_t>(ids_.size());
  gram_start_.assign(kGrams + 1, 0);
  std::vector<uint32_t> grams;
  auto grams_of = [&](uint32_t row) {
    grams.clear();
    Trigrams(FoldedAt(row), true, true, &grams);
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  };
  for (uint32_t row = 0; row < rows; ++row) {
    grams_of(row);
    for (uint32_t g : grams) ++gram_start_[g + 1];
  }
  for (uint32_t g = 0; g < kGrams; ++g) gram_start_[g + 1] += gram_start_[g];
  postings_.assign(gram_start_[kGrams], 0);
  std::vector<uint32_t> fill(gram_start_.begin(), gram_start_.end() - 1);
  for (uint32_t row = 0; row < rows; ++row) {
    grams_of(row);
    for (uint32_t g : grams) postings_[fill[g]++] = row;
  }
  // Positional postings: the first and last kPosDepth characters of each serial.
  auto pos_keys_of = [&](uint32_t row) {
    grams.clear();
    std::string_view f = FoldedAt(row);
    const auto n = static_cast<uint32_t>(f.size());
    for (uint32_t i = 0; i < std::min(n, kPosDepth); ++i) {
      uint32_t a = CharCode(f[i]), b = CharCode(f[n - 1 - i]);
      if (a != kNotIndexed) grams.push_back(PosKey(0, i, a));
      if (b != kNotIndexed) grams.push_back(PosKey(1, i, b));
    }
  };
  pos_start_.assign(kPosKeys + 1, 0);
  for (uint32_t row = 0; row < rows; ++row) {
    pos_keys_of(row);
    for (uint32_t k : grams) ++pos_start_[k + 1];
  }
  for (uint32_t k = 0; k < kPosKeys; ++k) pos_start_[k + 1] += pos_start_[k];
  pos_postings_.assign(pos_start_[kPosKeys], 0);
  fill.assign(pos_start_.begin(), pos_start_.end() - 1);
  for (uint32_t row = 0; row < rows; ++row) {
    pos_keys_of(row);
    for (uint32_t k : grams) pos_postings_[fill[k]++] = row;
  }
  rows_by_length_.assign(kMaxLength + 1, {});
  for (uint32_t row = 0; row < rows; ++row) rows_by_length_[offsets_[row + 1] - offsets_[row]].push_back(row);
  built_ = true;
}

size_t SerialIndex::MemoryBytes() const {
  size_t b = ids_.capacity() * 8 + arena_.capacity() + folded_.capacity() + offsets_.capacity() * 4 +
             make_.capacity() * 2 + calibre_.capacity() * 2 + gram_start_.capacity() * 4 + postings_.capacity() * 4 +
             pos_start_.capacity() * 4 + pos_postings_.capacity() * 4;
  for (const auto& v : rows_by_length_) b += v.capacity() * 4;
  return b;
}

// Best alignment score of the pattern against one serial: exact character 2, confusable 1,
// wildcard 0; false when the pattern cannot match.
bool SerialIndex::Score(const Compiled& c, uint32_t row, SerialCandidate* out) const {
  if (c.restrict_mc && ((c.make != -1 && make_[row] != c.make) || (c.calibre != -1 && calibre_[row] != c.calibre)))
    return false;
  std::string_view raw = SerialAt(row), folded = FoldedAt(row);
  int score = 0;
  if (!c.has_star) {
    if (raw.size() != c.raw.size()) return false;
    for (size_t i = 0; i < raw.size(); ++i) {
      char q = c.folded[i];
      if (q == '?') continue;
      if (q != folded[i]) return false;
      score += c.raw[i] == raw[i] ? 2 : 1;
    }
  } else {
    if (raw.size() < c.min_length) return false;
    // best[i][j]: best score matching pattern[i..] to serial[j..]; -1 = impossible.
    const size_t P = c.raw.size(), S = raw.size();
    thread_local std::vector<int> best;
    best.assign((P + 1) * (S + 1), -1);
    auto at = [&](size_t i, size_t j) -> int& { return best[i * (S + 1) + j]; };
    at(P, S) = 0;
    for (size_t ii = P + 1; ii-- > 0;) {
      for (size_t jj = S + 1; jj-- > 0;) {
        if (ii == P) {
          if (jj < S) at(ii, jj) = -1;
          continue;
        }
        char q = c.folded[ii];
        int v = -1;
        if (q == '*') {
          v = at(ii + 1, jj);
          if (jj < S) v = std::max(v, at(ii, jj + 1));
        } else if (jj < S) {
          int rest = at(ii + 1, jj + 1);
          if (rest >= 0) {
            if (q == '?') v = rest;
            else if (q == folded[jj]) v = rest + (c.raw[ii] == raw[jj] ? 2 : 1);
          }
        }
        at(ii, jj) = v;
      }
    }
    score = at(0, 0);
    if (score < 0) return false;
  }
  out->id = ids_[row];
  out->serial = std::string(raw);
  out->exact_chars = score - c.literals;
  out->confusable_chars = 2 * c.literals - score;
  out->make_agrees = c.make >= 0 && make_[row] == c.make;
  out->calibre_agrees = c.calibre >= 0 && calibre_[row] == c.calibre;
  out->score = score + (out->make_agrees ? 3 : 0) + (out->calibre_agrees ? 3 : 0);
  return true;
}

std::vector<SerialCandidate> SerialIndex::Rank(std::vector<SerialCandidate> hits, size_t limit) const {
  auto better = [](const SerialCandidate& a, const SerialCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.serial != b.serial) return a.serial < b.serial;
    return a.id < b.id;
  };
  if (hits.size() > limit) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(), better);
    hits.resize(limit);
  } else {
    std::sort(hits.begin(), hits.end(), better);
  }
  return hits;
}

Result<SerialIndex::Compiled> SerialIndex::Compile(const SerialQuery& q) const {
  KASHF_ASSIGN_OR_RETURN(std::string pattern, NormalisePattern(q.pattern));
  Compiled c;
  c.raw = pattern;
  for (char ch : pattern) {
    c.folded.push_back(fold_[static_cast<unsigned char>(ch)]);
    if (ch == '*') c.has_star = true;
    else ++c.min_length;
    if (ch != '*' && ch != '?') ++c.literals;
  }
  c.restrict_mc = q.restrict_to_make_calibre;
  auto code_of = [](const std::vector<std::string>& dict, const std::string& v) -> int {
    if (Trim(v).empty()) return -1;
    std::string key = Lower(v);
    for (size_t i = 0; i < dict.size(); ++i)
      if (dict[i] == key) return static_cast<int>(i);
    return -2;
  };
  c.make = code_of(makes_, q.make);
  c.calibre = code_of(calibres_, q.calibre);
  return c;
}

Result<std::vector<SerialCandidate>> SerialIndex::Search(const SerialQuery& q, SerialSearchStats* stats) const {
  if (!built_) return Status::FailedPrecondition("serial index not built; call Build() after adding records");
  KASHF_ASSIGN_OR_RETURN(Compiled c, Compile(q));
  SerialSearchStats local;
  if (c.restrict_mc && (c.make == -2 || c.calibre == -2)) {
    if (stats) *stats = local;
    return std::vector<SerialCandidate>{};
  }

  // Trigrams of the literal fragments between wildcards.
  std::vector<uint32_t> grams;
  size_t start = 0;
  for (size_t i = 0; i <= c.folded.size(); ++i) {
    if (i == c.folded.size() || c.folded[i] == '?' || c.folded[i] == '*') {
      Trigrams(std::string_view(c.folded).substr(start, i - start), start == 0, i == c.folded.size(), &grams);
      start = i + 1;
    }
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  using List = std::pair<const uint32_t*, const uint32_t*>;
  std::vector<List> lists;
  for (uint32_t g : grams) lists.emplace_back(postings_.data() + gram_start_[g], postings_.data() + gram_start_[g + 1]);
  // Characters at a fixed distance from the start (before the first '*') or from the end (after
  // the last '*') use the positional postings; a pattern without '*' has both for every character.
  const auto P = static_cast<uint32_t>(c.folded.size());
  const size_t first_star = c.folded.find('*'), last_star = c.folded.rfind('*');
  for (uint32_t i = 0; i < P; ++i) {
    uint32_t code = CharCode(c.folded[i]);
    if (code == kNotIndexed) continue;
    if (i < kPosDepth && (first_star == std::string::npos || i < first_star)) {
      uint32_t k = PosKey(0, i, code);
      lists.emplace_back(pos_postings_.data() + pos_start_[k], pos_postings_.data() + pos_start_[k + 1]);
    }
    uint32_t from_end = P - 1 - i;
    if (from_end < kPosDepth && (last_star == std::string::npos || i > last_star)) {
      uint32_t k = PosKey(1, from_end, code);
      lists.emplace_back(pos_postings_.data() + pos_start_[k], pos_postings_.data() + pos_start_[k + 1]);
    }
  }
  if (!c.has_star) {  // the rows of the pattern's length are a sorted list too
    const auto& same_length = rows_by_length_[c.min_length];
    lists.emplace_back(same_length.data(), same_length.data() + same_length.size());
  }

  std::vector<SerialCandidate> hits;
  SerialCandidate cand;
  auto verify = [&](uint32_t row) {
    ++local.candidates_verified;
    if (Score(c, row, &cand)) hits.push_back(cand);
  };
  if (lists.empty()) {  // nothing to look up (e.g. "*5*"): scan the rows of a possible length
    for (size_t len = c.min_length; len <= kMaxLength; ++len)
      for (uint32_t row : rows_by_length_[len]) verify(row);
  } else {
    local.used_index = true;
    std::sort(lists.begin(), lists.end(),
              [](const List& a, const List& b) { return a.second - a.first < b.second - b.first; });
    std::vector<uint32_t> cur(lists[0].first, lists[0].second);
    // Stop intersecting once few candidates remain: verifying them is cheaper than more lists.
    for (size_t k = 1; k < lists.size() && cur.size() > kVerifyBelow; ++k)
      IntersectInto(cur, lists[k].first, lists[k].second);
    for (uint32_t row : cur) verify(row);
  }
  if (stats) *stats = local;
  return Rank(std::move(hits), q.limit);
}

Result<std::vector<SerialCandidate>> SerialIndex::BruteForce(const SerialQuery& q) const {
  KASHF_ASSIGN_OR_RETURN(Compiled c, Compile(q));
  std::vector<SerialCandidate> hits;
  SerialCandidate cand;
  for (uint32_t row = 0; row < ids_.size(); ++row)
    if (Score(c, row, &cand)) hits.push_back(cand);
  return Rank(std::move(hits), q.limit);
}

}  // namespace kashf::firearms
