// Extractor: finds the selectors (phones, CNICs, passports, IBANs, bank and wallet accounts,
// e-mail addresses, social handles, URLs, money, firearm mentions, places, dates) in free text
// written in Urdu script, Roman Urdu or English, or all three in one line.
// The word lists are data under data/reference/ (text-*.tsv, firearm-slang.tsv, iban-lengths.tsv
// and the firearm and place reference tables); docs/text-leads.md lists what each extractor reads
// and its measured precision and recall.
// How it works: the text is normalised (kashf/text/normalised_text.h: digits of every script to
// ASCII, zero-width and bidi marks dropped), split into tokens, and the extractors run in a fixed
// order: e-mail addresses, URLs, IBANs, dates, numbers (CNIC, phone, wallet, account), money,
// passports, handles, firearms, places. Each claims its bytes, so a later one never reports
// what an earlier one explained (a date is not an amount, a CNIC is not a phone, "9mm" is a
// calibre and not a quantity). Spans are mapped back to the original bytes.
// Thread safety: Extract() is const and safe to call from several threads.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/text/selector.h"

namespace kashf::text {

struct Lexicon;

class Extractor {
 public:
  // Loads the word lists from `reference_dir` (normally DataPath("data/reference")); errors name
  // the file and line to fix.
  static Result<Extractor> Load(const std::string& reference_dir);
  static Result<Extractor> LoadDefault();

  // Largest text Extract() accepts (it reads any smaller text in time linear in its length).
  static constexpr size_t kMaxTextBytes = size_t{256} << 20;

  // The selectors of `text` in order of their begin offset. InvalidArgument when the text is
  // larger than kMaxTextBytes. Invalid UTF-8 is read as '?' characters, never an error.
  Result<std::vector<Selector>> Extract(std::string_view text) const;

  Extractor(Extractor&&) noexcept;
  Extractor& operator=(Extractor&&) noexcept;
  ~Extractor();

 private:
  Extractor();
  std::unique_ptr<Lexicon> lexicon_;
};

}  // namespace kashf::text
