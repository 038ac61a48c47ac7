// NameNormaliser: turns a name as written in any agency's record into canonical Latin tokens.
//   1. Unicode NFKC with case folding (ICU Normalizer2).
//   2. Relation markers ("s/o", "d/o", "w/o", "son of", "ولد" ...) split the text into the person's
//      own name, the father's name and the husband's name.
//   3. Titles and honorifics ("Haji", "Mst.", "Ch." ...) are dropped.
//   4. Each token is looked up in the name-variant table (Mohd, M., محمد -> muhammad); a token in
//      another script that is not listed is transliterated to ASCII Latin by ICU: first the rules
//      of every data/reference/*-latin.txt other than urdu-latin.txt (khmer-latin.txt: ICU has no
//      Khmer transform), then urdu-latin.txt (Urdu letters), which ends with ICU's
//      "Any-Latin; Latin-ASCII; Lower" for every other script (Cyrillic, Greek, Devanagari, Thai,
//      Chinese, Korean ...). A Chinese or Korean token is written surname first without a space,
//      so its first character becomes one token and the rest another ("王小明" -> wang xiaoming).
// All tables are data files under data/reference/ (name-variants.tsv, honorifics.tsv,
// name-common.tsv, urdu-latin.txt): other languages and regions are added there, not in code.
// Thread safety: Parse() is const and safe to call from several threads (the ICU transliterator is
// guarded by a mutex and its results cached).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::resolve {

struct ParsedName {
  std::vector<std::string> tokens;  // the person's own name, canonical ASCII tokens in written order
  std::vector<std::string> father;  // after "s/o" / "d/o" (empty if none)
  std::vector<std::string> spouse;  // after "w/o" (empty if none)
  bool transliterated = false;      // some token was not Latin and went through ICU
};

class NameNormaliser {
 public:
  // Loads the four tables from `reference_dir` (normally DataPath("data/reference")).
  // Errors name the file and line that could not be read.
  static Result<NameNormaliser> Load(const std::string& reference_dir);
  static Result<NameNormaliser> LoadDefault();

  ParsedName Parse(std::string_view raw) const;

  // Canonical form of one token (already split): variant lookup, else transliteration and ASCII
  // clean-up. Empty when the token is a title or punctuation only.
  std::string CanonicalToken(std::string_view token) const;

  // True for tokens listed in name-common.tsv (ignored by the "same given names" comparison level).
  bool IsCommon(std::string_view canonical_token) const;

  // Phonetic consonant skeleton of an ASCII token (Urdu script writes few vowels, so "rasool" and
  // the transliterated "rswl" must meet): digraphs kh/gh/sh/ch/th/dh/ph/zh/bh become one letter,
  // q->k, c->k, v->w; a leading vowel becomes 'a'; later vowels, w, y and a final h are dropped;
  // doubled letters collapse. E.g. Skeleton("muhammad") == Skeleton("mhmd") == "mhmd".
  static std::string Skeleton(std::string_view ascii_token);

  // Romanisation key of one ASCII token, finer than Skeleton where it must keep names apart and
  // coarser where real romanisations of one Arabic-script letter differ, so that a Latin spelling
  // and the transliteration of the Arabic/Urdu spelling of the same name meet. Apply it token by
  // token, never to joined tokens. Folds (one class each):
  //   th/s/z/ts/c(e,i,y) -> s     sh/ch/sch/tch/chh -> S     kh -> x     dh/d -> d     bh -> b
  //   k/q/c/g/gh/ck -> k          f/v/ph/w -> f              j/jh/zh -> j             x -> ks
  //   Every vowel is dropped except an initial one (-> 'a'); letters doubled without a
  //   vowel between them are written once; a final h is dropped.
  // w and y stand for a vowel (Urdu و ی: "rswl" = rasool) unless they begin the token or are followed
  // by a vowel (or by a w/y that stands for one): "prwyz" and "pervez" -> prfs.
  // E.g. RomanisationKey("thaqib") == RomanisationKey("saqib") == "skb"; "krim" (krm) and "maghrw"
  // (mkr) stay apart. Letters other than a-z are ignored. Measured figures: name_normaliser_test.cc.
  static std::string RomanisationKey(std::string_view ascii_token);
  // RomanisationKey, then (when it differs) the alternate reading in which a w before a consonant
  // is a consonant too: Urdu و also writes w + an unwritten short vowel ("mhwsh" = Mehwish,
  // "srwt" = Sarwat). Two tokens are alike when any of their keys agree (as in Double Metaphone).
  static std::vector<std::string> RomanisationKeys(std::string_view ascii_token);

  // Tokens joined by one space.
  static std::string Join(const std::vector<std::string>& tokens);

  NameNormaliser(NameNormaliser&&) noexcept;
  NameNormaliser& operator=(NameNormaliser&&) noexcept;
  ~NameNormaliser();

 private:
  NameNormaliser();
  struct Icu;
  std::string Fold(std::string_view raw) const;                // NFKC + case fold, UTF-8
  std::string Transliterate(const std::string& folded) const;  // ICU rules, cached

  std::unordered_map<std::string, std::string> variants_;  // folded variant -> canonical
  std::unordered_map<std::string, int> markers_;           // folded title/marker -> kind
  size_t longest_marker_words_ = 1;
  std::unordered_set<std::string> common_;
  std::unique_ptr<Icu> icu_;
};

}  // namespace kashf::resolve
