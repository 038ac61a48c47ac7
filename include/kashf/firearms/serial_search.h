// Partial-serial search for weapons whose serial is partly obliterated (Firearms Protocol
// Art. 5.1(c), 8; ITI para. 7 "recoverable" marks). A query pattern is a serial where '?' stands
// for one unreadable character and '*' for any run (possibly empty). Serials are normalised
// (NormaliseSerial) and folded over the confusable characters of firearm-serial-confusables.tsv
// (O/0, I/1, S/5, B/8 ...), so "B0S1" also finds "8O51" as a near miss.
//
// Algorithm: two inverted indexes over the folded serials, each one CSR posting array of ascending
// row numbers: trigrams with start/end anchors ("^AB", "AB1", "78$"), and positional postings for
// the first and last six characters ("B at offset 1 from the start", "7 at offset 0 from the
// end"), which serve patterns whose readable characters are too scattered for a trigram
// ("1?3?5", "*3?5"). A query collects the lists of its literal fragments' trigrams, of its
// characters at a fixed distance from either end, and (without '*') of its length, intersects
// them shortest first, and verifies each survivor with the same matcher the brute-force scan
// uses, so both return identical ranked lists (tested). A pattern with no usable list at all
// (e.g. "*5*") falls back to a scan of the rows long enough to match.
// Ranking: exact characters count 2, confusable near misses 1, wildcard characters 0; agreement
// with the requested make and calibre adds 3 each; ties broken by serial, then id.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::firearms {

struct SerialRecord {
  int64_t id = 0;
  std::string serial;  // as recorded (normalised inside the index)
  std::string make;
  std::string calibre;
};

struct SerialQuery {
  std::string pattern;  // e.g. "AB?45*8"
  std::string make;     // empty = any
  std::string calibre;  // empty = any
  // true: make/calibre restrict the candidates; false: they only raise the rank of agreeing ones.
  bool restrict_to_make_calibre = true;
  size_t limit = 20;
};

struct SerialCandidate {
  int64_t id = 0;
  std::string serial;  // normalised
  int score = 0;
  int exact_chars = 0;
  int confusable_chars = 0;
  bool make_agrees = false;
  bool calibre_agrees = false;
};

struct SerialSearchStats {
  size_t candidates_verified = 0;
  bool used_index = false;
};

// Compiles a pattern; InvalidArgument for characters other than letters, digits, '?', '*' and
// separators, or for a pattern with no letter or digit at all.
Result<std::string> NormalisePattern(std::string_view pattern);

class SerialIndex {
 public:
  // `fold` is FirearmReference::ConfusableFold() (256 entries).
  explicit SerialIndex(const std::string& fold);
  // Adds records (ids need not be dense); call Build() once after the last Add().
  void Add(const SerialRecord& r);
  void Build();
  size_t size() const { return ids_.size(); }
  size_t MemoryBytes() const;

  Result<std::vector<SerialCandidate>> Search(const SerialQuery& q, SerialSearchStats* stats = nullptr) const;
  // The serial reference: scores every record with the same matcher. Same output as Search().
  Result<std::vector<SerialCandidate>> BruteForce(const SerialQuery& q) const;

 public:
  struct Compiled;  // a parsed query (internal)

 private:
  Result<Compiled> Compile(const SerialQuery& q) const;
  bool Score(const Compiled& c, uint32_t row, SerialCandidate* out) const;
  std::vector<SerialCandidate> Rank(std::vector<SerialCandidate> hits, size_t limit) const;
  std::string_view SerialAt(uint32_t row) const {
    return std::string_view(arena_).substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  std::string_view FoldedAt(uint32_t row) const {
    return std::string_view(folded_).substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  uint32_t InternValue(std::vector<std::string>& dict, const std::string& v);

  std::string fold_;
  std::vector<int64_t> ids_;
  std::string arena_;   // normalised serials, concatenated
  std::string folded_;  // folded serials, same offsets
  std::vector<uint32_t> offsets_{0};
  std::vector<uint16_t> make_;  // dictionary codes
  std::vector<uint16_t> calibre_;
  std::vector<std::string> makes_, calibres_;
  std::vector<uint32_t> gram_start_;  // CSR: trigram code -> [start, end) in postings_
  std::vector<uint32_t> postings_;    // row numbers, ascending within each trigram
  std::vector<uint32_t> pos_start_;   // CSR: (side, offset, character) -> [start, end) in pos_postings_
  std::vector<uint32_t> pos_postings_;
  std::vector<std::vector<uint32_t>> rows_by_length_;
  bool built_ = false;
};

}  // namespace kashf::firearms
