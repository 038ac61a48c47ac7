#include "tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "kashf/core/text.h"
#include "kashf/text/normalised_text.h"

namespace kashf::text {
namespace {

bool IsWordCodePoint(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const int8_t type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsJoinerChar(char c) { return c == '-' || c == '.' || c == '/' || c == '\''; }

}  // namespace

TokenisedText::TokenisedText(std::string_view normalised) : text_(normalised) {
  const auto* s = reinterpret_cast<const uint8_t*>(normalised.data());
  const auto length = static_cast<int32_t>(normalised.size());
  int32_t i = 0;
  bool line = false, space = false;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c == '\n') {
      line = space = true;
      continue;
    }
    if (c == ' ') {
      space = true;
      continue;
    }
    Token tok;
    tok.begin = static_cast<size_t>(start);
    tok.line_before = line;
    tok.space_before = space;
    line = space = false;
    if (c >= 0 && IsWordCodePoint(c)) {
      tok.word = true;
      int32_t next = i;
      while (next < length) {
        int32_t probe = next;
        UChar32 d = 0;
        U8_NEXT(s, probe, length, d);
        if (d < 0 || !IsWordCodePoint(d)) break;
        next = probe;
      }
      i = next;
    }
    tok.end = static_cast<size_t>(i);
    tok.digits = tok.word && std::all_of(normalised.begin() + static_cast<std::ptrdiff_t>(tok.begin),
                                         normalised.begin() + static_cast<std::ptrdiff_t>(tok.end),
                                         [](char d) { return d >= '0' && d <= '9'; });
    tokens_.push_back(tok);
  }
}

std::string_view TokenisedText::View(size_t i) const {
  return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
}

std::string TokenisedText::Lower(size_t i) const { return ToLowerAscii(View(i)); }

bool TokenisedText::Is(size_t i, char c) const {
  return i < tokens_.size() && tokens_[i].end - tokens_[i].begin == 1 && text_[tokens_[i].begin] == c;
}

bool TokenisedText::IsJoiner(size_t i) const {
  return !tokens_[i].word && tokens_[i].end - tokens_[i].begin == 1 && IsJoinerChar(text_[tokens_[i].begin]);
}

std::string PhraseKey(std::string_view phrase) {
  const NormalisedText n(phrase);
  const TokenisedText t(n.str());
  std::string key;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t.IsJoiner(i)) continue;
    if (!key.empty()) key.push_back(' ');
    key += t.Lower(i);
  }
  return key;
}

void PhraseTable::Add(std::string_view phrase, int payload) {
  std::string key = PhraseKey(phrase);
  if (key.empty()) return;
  max_parts_ = std::max(max_parts_, static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1);
  max_key_bytes_ = std::max(max_key_bytes_, key.size());
  keys_[std::move(key)] = payload;
}

std::optional<int> PhraseTable::Find(const std::string& key) const {
  auto it = keys_.find(key);
  return it == keys_.end() ? std::nullopt : std::optional<int>(it->second);
}

std::optional<PhraseMatch> PhraseTable::LongestAt(const TokenisedText& t, size_t i) const {
  if (i >= t.size() || t.IsJoiner(i)) return std::nullopt;
  std::optional<PhraseMatch> best;
  std::string key;
  size_t parts = 0;
  for (size_t j = i; j < t.size() && parts < max_parts_; ++j) {
    if (j > i && t[j].line_before) break;
    if (t.IsJoiner(j)) continue;
    if (key.size() + t[j].end - t[j].begin > max_key_bytes_) break;
    if (parts) key.push_back(' ');
    key += t.Lower(j);
    ++parts;
    if (auto it = keys_.find(key); it != keys_.end()) best = PhraseMatch{it->second, i, j};
  }
  return best;
}

}  // namespace kashf::text
