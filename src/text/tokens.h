// Tokens of a normalised text and phrase tables matched over them (internal to src/text).
// A token is a run of word characters (letters and digits of any script, with their combining
// marks: ICU u_isalnum / general category M) or one other non-space character. Phrases (place
// names, slang, cue words) are tokenised the same way and keyed by their word tokens in ASCII lower
// case joined by one space; the joiners - . / ' between words are skipped, so "AK-47", "ak 47" and
// "AK.47" share the key "ak 47", and ".30 bore" the key "30 bore".
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kashf::text {

struct Token {
  size_t begin = 0;  // normalised byte offsets
  size_t end = 0;
  bool word = false;          // letters/digits (else one punctuation or symbol character)
  bool digits = false;        // ASCII digits only
  bool line_before = false;   // a line break between the previous token and this one
  bool space_before = false;  // white space between the previous token and this one
};

class TokenisedText {
 public:
  explicit TokenisedText(std::string_view normalised);
  const std::vector<Token>& tokens() const { return tokens_; }
  size_t size() const { return tokens_.size(); }
  const Token& operator[](size_t i) const { return tokens_[i]; }
  std::string_view View(size_t i) const;
  std::string Lower(size_t i) const;  // ASCII lower case
  bool Is(size_t i, char c) const;    // a one-character token c
  // True for the joiners - . / ' that phrase keys skip.
  bool IsJoiner(size_t i) const;
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<Token> tokens_;
};

// The phrase key of `phrase` (see above); empty when it has no word or symbol.
std::string PhraseKey(std::string_view phrase);

struct PhraseMatch {
  int payload = 0;
  size_t first = 0;  // token indices, inclusive
  size_t last = 0;
};

class PhraseTable {
 public:
  // Later additions of the same key replace earlier ones.
  void Add(std::string_view phrase, int payload);
  // The longest phrase whose first token is token `i` (no line break inside), if any.
  std::optional<PhraseMatch> LongestAt(const TokenisedText& t, size_t i) const;
  // The payload of an exact key (see PhraseKey), if listed.
  std::optional<int> Find(const std::string& key) const;
  bool empty() const { return keys_.empty(); }

 private:
  std::unordered_map<std::string, int> keys_;
  size_t max_parts_ = 0;
  size_t max_key_bytes_ = 0;  // a longer token cannot start a phrase
};

}  // namespace kashf::text
