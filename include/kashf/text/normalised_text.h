// NormalisedText: the text the extractors scan, with a map back to the original bytes.
// Folding, one code point at a time (ICU character properties):
//   - decimal digits of every script (Urdu ۰-۹ U+06F0.., Arabic ٠-٩ U+0660.., Devanagari,
//     full-width) become ASCII '0'-'9' (u_charDigitValue on general category Nd);
//   - default-ignorable code points (zero-width space/joiners, left-to-right and right-to-left marks,
//     bidi embeddings and isolates, soft hyphen, BOM) are dropped, so "0300\u200B1234567" reads as
//     one number;
//   - every kind of space becomes ' ' (a line break stays '\n'), every dash '-', full-width ASCII
//     its ASCII letter, Arabic comma/full stop/decimal and thousands separators ',' '.' '.' ',';
//   - bytes that are not valid UTF-8 become '?', one per byte (nothing is lost or shifted);
//   - every other character is kept as it is (Urdu letters stay Urdu; ASCII case is kept).
// Thread safety: pure function.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kashf::text {

class NormalisedText {
 public:
  explicit NormalisedText(std::string_view original);

  const std::string& str() const { return text_; }
  size_t size() const { return text_.size(); }
  // Byte span [begin, end) of the original text that produced normalised bytes [begin, end).
  // begin < end <= size(); the span starts at the first original character and ends after the last.
  size_t OriginalBegin(size_t begin) const { return origin_begin_[begin]; }
  size_t OriginalEnd(size_t end) const { return origin_end_[end - 1]; }

 private:
  std::string text_;
  std::vector<uint32_t> origin_begin_;  // per normalised byte: start of its original character
  std::vector<uint32_t> origin_end_;    // per normalised byte: end of its original character
};

}  // namespace kashf::text
