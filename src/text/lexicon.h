// The word lists of the text extractors, loaded from data/reference/ (internal to src/text):
// number words, currencies, months and cue words (text-*.tsv), firearm types, calibres and makes
// from the firearms reference tables plus firearm-slang.tsv, places from pk-districts.tsv,
// geo-points.tsv and text-places.tsv, and IBAN lengths (iban-lengths.tsv).
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"
#include "tokens.h"

namespace kashf::text {

enum class Cue { kWallet, kAccount, kPassport, kPlatform, kTld };

struct FirearmTerm {
  std::string type;  // firearm-types.tsv code, or empty
  std::string make;
  std::string calibre;  // as in firearm-calibres.tsv
};

struct Place {
  std::string name;  // canonical
  std::string province;
};

struct Magnitude {
  uint64_t multiplier = 1;
  std::string implied_currency;  // "PKR" for lakh/crore/hazar, else empty
};

struct Lexicon {
  // Errors name the file (and line) to fix.
  static Result<Lexicon> Load(const std::string& reference_dir);

  PhraseTable digit_words;   // payload: the digit
  PhraseTable repeat_words;  // payload: repeat count
  PhraseTable magnitudes;    // payload: index into magnitude
  std::vector<Magnitude> magnitude;
  PhraseTable currencies;  // payload: index into currency_codes
  std::vector<std::string> currency_codes;
  PhraseTable months;  // payload: 1-12
  PhraseTable cues;    // payload: index into cue / cue_value
  std::vector<Cue> cue;
  std::vector<std::string> cue_value;
  PhraseTable firearm_terms;  // payload: index into firearm
  std::vector<FirearmTerm> firearm;
  PhraseTable places;  // payload: index into place; -1 for removed names
  std::vector<Place> place;
  std::unordered_map<std::string, size_t> iban_length;  // country code -> characters
};

}  // namespace kashf::text
