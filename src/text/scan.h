// The state one Extract() call shares between the extractors (internal to src/text): the
// normalised and tokenised text, the word lists, which tokens are already explained, and the
// selectors found so far. Each extractor is one function over a Scan, in its own file.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kashf/text/normalised_text.h"
#include "kashf/text/selector.h"
#include "lexicon.h"
#include "tokens.h"

namespace kashf::text {

struct Scan {
  Scan(const NormalisedText& n, const TokenisedText& t, const Lexicon& l)
      : norm(n), tokens(t), lex(l), claimed(t.size(), false) {}

  const NormalisedText& norm;
  const TokenisedText& tokens;
  const Lexicon& lex;
  std::vector<bool> claimed;        // per token
  std::vector<Selector> selectors;  // spans already in original bytes

  // True when no token in [first, last] is claimed.
  bool Free(size_t first, size_t last) const;
  // The tokens lying inside normalised bytes [begin, end): {first, last}; nullopt if none or if a
  // token straddles either end.
  std::optional<std::pair<size_t, size_t>> TokensIn(size_t begin, size_t end) const;
  // Records a selector over tokens [first, last] and claims them.
  void Emit(SelectorKind kind, size_t first, size_t last, std::string value,
            std::map<std::string, std::string> attributes = {});
  // The cue (index into lex.cue) of a phrase ending at or before token `before` - 1 within
  // `window` tokens, nearest first, of kind `cue`; -1 if none.
  int CueBefore(size_t before, size_t window, Cue cue) const;
  // Same, for a phrase starting after token `after` within `window` words (no punctuation between).
  int CueAfter(size_t after, size_t window, Cue cue) const;
};

// ISO 7064 mod 97-10 check of a compact upper-case IBAN (iban.cc).
bool IbanChecksumOk(const std::string& iban);

void ExtractWebAddresses(Scan& s);  // URLs and e-mail addresses (web_addresses.cc)
void ExtractIbans(Scan& s);         // iban.cc
void ExtractDates(Scan& s);         // dates.cc
void ExtractNumbers(Scan& s);       // CNIC, phone, wallet, account (numbers.cc)
void ExtractMoney(Scan& s);         // money.cc
void ExtractPassports(Scan& s);     // passports.cc
void ExtractHandles(Scan& s);       // handles.cc
void ExtractFirearms(Scan& s);      // firearm_mentions.cc
void ExtractPlaces(Scan& s);        // places.cc

}  // namespace kashf::text
