// Passport numbers: one or two letters and six to nine digits ("AB1234567", "ab 1234567") after a
// passport cue of text-cues.tsv ("passport no", "ppt", "پاسپورٹ"); without a cue only the
// Pakistani form, two capital letters and seven digits written as one word. Value: upper case,
// no space.
#include <string>

#include "scan.h"

namespace kashf::text {
namespace {

constexpr size_t kCueWindow = 5;

bool Letters(std::string_view v, size_t lo, size_t hi) {
  if (v.size() < lo || v.size() > hi) return false;
  for (char c : v)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

bool Digits(std::string_view v, size_t lo, size_t hi) {
  if (v.size() < lo || v.size() > hi) return false;
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

void ExtractPassports(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (s.claimed[i] || !t[i].word) continue;
    const std::string_view v = t.View(i);
    size_t letters = 0;
    while (letters < v.size() && Letters(v.substr(letters, 1), 1, 1)) ++letters;
    std::string value;
    size_t last = i;
    bool pakistani = false;
    if (letters >= 1 && letters <= 2 && Digits(v.substr(letters), 6, 9)) {
      value = std::string(v);
      pakistani = letters == 2 && v.size() == 9 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z';
    } else if (letters == v.size() && Letters(v, 1, 2) && i + 1 < t.size() && !t[i + 1].line_before &&
               !s.claimed[i + 1] && Digits(t.View(i + 1), 6, 9)) {
      value = std::string(v) + std::string(t.View(i + 1));
      last = i + 1;
    } else {
      continue;
    }
    if (!pakistani && s.CueBefore(i, kCueWindow, Cue::kPassport) < 0) continue;
    for (char& c : value) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    s.Emit(SelectorKind::kPassport, i, last, value);
    i = last;
  }
}

}  // namespace kashf::text
