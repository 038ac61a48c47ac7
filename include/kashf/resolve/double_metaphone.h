// Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users Journal,
// June 2000): a phonetic key for Latin-script names that returns a primary key and, where a spelling
// has two plausible pronunciations (Germanic, Slavic, Romance, Greek origins), an alternate one.
// Two names are phonetically alike when any key of one equals any key of the other:
// Smith (SM0 / XMT) and Schmidt (XMT / SMT) meet on XMT; Catherine and Kathryn share K0RN.
// Contract: input is one word in ASCII letters (case ignored; any other byte is skipped, so pass a
// transliterated token, not a raw UTF-8 name). Keys use A–Z and '0' (for "th"), are cut to
// `max_length` letters (Philips' published length is 4; 0 means no limit), and `alternate`
// equals `primary` when the word has no ambiguous letter. An empty word gives two empty keys.
// Implemented from the published rule description; checked against the reference vectors of that
// article and of the common implementations (tests in double_metaphone_test.cc).
// Thread safety: pure function.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kashf::resolve {

struct PhoneticKeys {
  std::string primary, alternate;
};

PhoneticKeys DoubleMetaphone(std::string_view ascii_word, size_t max_length = 4);

}  // namespace kashf::resolve
