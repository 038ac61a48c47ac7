#include "kashf/text/normalised_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cassert>

namespace kashf::text {
namespace {

// The character `c` folds to, 0 to keep it as it is, -1 to drop it.
UChar32 FoldCodePoint(UChar32 c) {
  if (c < 0x80) return c == '\t' || c == '\r' || c == '\f' || c == '\v' ? ' ' : c;
  if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
    const int32_t d = u_charDigitValue(c);
    if (d >= 0 && d <= 9) return '0' + d;
  }
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return -1;
  if (c == 0x2028 || c == 0x2029 || c == 0x85) return '\n';
  if (u_isUWhiteSpace(c)) return ' ';
  if (u_charType(c) == U_DASH_PUNCTUATION || c == 0x2212) return '-';
  if (c >= 0xFF01 && c <= 0xFF5E) return static_cast<int>(c - 0xFF01 + 0x21);  // full-width ASCII
  switch (c) {
    case 0x060C:  // Arabic comma
    case 0x066C:  // Arabic thousands separator
      return ',';
    case 0x06D4:  // Urdu full stop
    case 0x066B:  // Arabic decimal separator
      return '.';
    case 0x061B: return ';';
    case 0x061F: return '?';
    case 0x066A: return '%';
    // Arabic letters typed for their Urdu forms (keyboards differ): same byte length.
    case 0x064A:  // Arabic yeh -> Farsi/Urdu yeh
    case 0x0649:  // alef maksura -> Urdu yeh
      return 0x06CC;
    case 0x0643: return 0x06A9;  // Arabic kaf -> keheh
    case 0x0647: return 0x06C1;  // heh -> heh goal
    default: return 0;
  }
}

}  // namespace

NormalisedText::NormalisedText(std::string_view original) {
  assert(original.size() < UINT32_MAX);
  text_.reserve(original.size());
  origin_begin_.reserve(original.size());
  origin_end_.reserve(original.size());
  const auto* s = reinterpret_cast<const uint8_t*>(original.data());
  const auto length = static_cast<int32_t>(original.size());
  int32_t i = 0;
  auto emit = [this](char c, int32_t from, int32_t to) {
    text_.push_back(c);
    origin_begin_.push_back(static_cast<uint32_t>(from));
    origin_end_.push_back(static_cast<uint32_t>(to));
  };
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      for (int32_t b = start; b < i; ++b) emit('?', b, b + 1);
      continue;
    }
    const UChar32 folded = FoldCodePoint(c);
    if (folded < 0) continue;
    if (folded == 0) {
      for (int32_t b = start; b < i; ++b) emit(original[static_cast<size_t>(b)], start, i);
      continue;
    }
    uint8_t bytes[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(bytes, n, folded);  // `folded` is one of the valid code points above
    for (int32_t b = 0; b < n; ++b) emit(static_cast<char>(bytes[b]), start, i);
  }
}

}  // namespace kashf::text
