#include "kashf/resolve/double_metaphone.h"

#include <initializer_list>

namespace kashf::resolve {
namespace {

// One pass over the upper-cased letters of a word; each letter's rule returns the position after
// the letters it consumed. Rule text follows Philips (2000), letter by letter.
class Encoder {
 public:
  Encoder(std::string_view raw, size_t max_length) : max_(max_length) {
    for (char c : raw) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c >= 'A' && c <= 'Z') w_.push_back(c);
    }
    size_ = static_cast<int>(w_.size());
    last_ = size_ - 1;
    // Words of Slavic or Germanic look keep some letters hard (W, K, CZ, WITZ).
    slavo_germanic_ = w_.find_first_of("WK") != std::string::npos || w_.find("CZ") != std::string::npos;
  }

  PhoneticKeys Run() {
    int i = 0;
    if (Is(0, {"GN", "KN", "PN", "WR", "PS"})) i = 1;  // silent first letter
    if (At(0) == 'X') {                                // Xavier: initial X sounds S
      Add("S");
      i = 1;
    }
    while (i < size_ && !Full()) i = Letter(i);
    if (max_ > 0) {
      if (primary_.size() > max_) primary_.resize(max_);
      if (alternate_.size() > max_) alternate_.resize(max_);
    }
    return {primary_, alternate_};
  }

 private:
  char At(int i) const { return i >= 0 && i < size_ ? w_[static_cast<size_t>(i)] : '\0'; }
  bool Vowel(int i) const {
    const char c = At(i);
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }
  // True when one of `options` is spelled at position `pos`.
  bool Is(int pos, std::initializer_list<std::string_view> options) const {
    if (pos < 0) return false;
    for (std::string_view o : options)
      if (pos + static_cast<int>(o.size()) <= size_ &&
          std::string_view(w_).substr(static_cast<size_t>(pos), o.size()) == o)
        return true;
    return false;
  }
  bool AtEnd(int pos) const { return pos >= size_; }
  void Add(std::string_view both) { Add(both, both); }
  void Add(std::string_view primary, std::string_view alternate) {
    primary_ += primary;
    alternate_ += alternate;
  }
  bool Full() const { return max_ > 0 && primary_.size() >= max_ && alternate_.size() >= max_; }
  int SkipDouble(int i) const { return At(i + 1) == At(i) ? i + 2 : i + 1; }

  int Letter(int i) {
    switch (At(i)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (i == 0) Add("A");  // only an initial vowel is kept
        return i + 1;
      case 'B': Add("P"); return SkipDouble(i);
      case 'C': return C(i);
      case 'D': return D(i);
      case 'F': Add("F"); return SkipDouble(i);
      case 'G': return G(i);
      case 'H':
        if ((i == 0 || Vowel(i - 1)) && Vowel(i + 1)) {  // H only between vowels or before an initial vowel
          Add("H");
          return i + 2;
        }
        return i + 1;
      case 'J': return J(i);
      case 'K': Add("K"); return SkipDouble(i);
      case 'L': return L(i);
      case 'M':
        Add("M");
        // "dumb", "thumbed": the B after M is silent.
        return (Is(i - 1, {"UMB"}) && (i + 1 == last_ || Is(i + 2, {"ER"}))) || At(i + 1) == 'M' ? i + 2 : i + 1;
      case 'N': Add("N"); return SkipDouble(i);
      case 'P':
        if (At(i + 1) == 'H') {
          Add("F");
          return i + 2;
        }
        Add("P");
        return Is(i + 1, {"P", "B"}) ? i + 2 : i + 1;  // "campbell", "raspberry"
      case 'Q': Add("K"); return SkipDouble(i);
      case 'R':
        // French final -IER ("Rogier"): R silent in the primary key.
        if (i == last_ && !slavo_germanic_ && Is(i - 2, {"IE"}) && !Is(i - 4, {"ME", "MA"})) Add("", "R");
        else Add("R");
        return SkipDouble(i);
      case 'S': return S(i);
      case 'T': return T(i);
      case 'V': Add("F"); return SkipDouble(i);
      case 'W': return W(i);
      case 'X':
        // French final -AUX, -OUX is silent ("Breaux").
        if (!(i == last_ && (Is(i - 3, {"IAU", "EAU"}) || Is(i - 2, {"AU", "OU"})))) Add("KS");
        return Is(i + 1, {"C", "X"}) ? i + 2 : i + 1;
      case 'Z': return Z(i);
      default: return i + 1;
    }
  }

  int C(int i) {
    // Germanic "-ACH-" ("Bacher", "Macher") but not "-ACHI-"/"-ACHE-".
    if (i > 1 && !Vowel(i - 2) && Is(i - 1, {"ACH"}) && At(i + 2) != 'I' &&
        (At(i + 2) != 'E' || Is(i - 2, {"BACHER", "MACHER"}))) {
      Add("K");
      return i + 2;
    }
    if (i == 0 && Is(i, {"CAESAR"})) {
      Add("S");
      return i + 2;
    }
    if (Is(i, {"CHIA"})) {  // Italian "Chianti"
      Add("K");
      return i + 2;
    }
    if (Is(i, {"CH"})) return CH(i);
    if (Is(i, {"CZ"}) && !Is(i - 2, {"WICZ"})) {  // "Czerny"
      Add("S", "X");
      return i + 2;
    }
    if (Is(i + 1, {"CIA"})) {  // "focaccia"
      Add("X");
      return i + 3;
    }
    if (Is(i, {"CC"}) && !(i == 1 && At(0) == 'M')) {  // not "McClelland"
      if (Is(i + 2, {"I", "E", "H"}) && !Is(i + 2, {"HU"})) {
        // "accident", "succeed" sound KS; "bellocchio", "bacci" sound X.
        if ((i == 1 && At(0) == 'A') || Is(i - 1, {"UCCEE", "UCCES"})) Add("KS");
        else Add("X");
        return i + 3;
      }
      Add("K");  // "bacchus"
      return i + 2;
    }
    if (Is(i, {"CK", "CG", "CQ"})) {
      Add("K");
      return i + 2;
    }
    if (Is(i, {"CI", "CE", "CY"})) {
      if (Is(i, {"CIO", "CIE", "CIA"})) Add("S", "X");  // Italian vs English
      else Add("S");
      return i + 2;
    }
    Add("K");
    return Is(i + 1, {"C", "K", "Q"}) && !Is(i + 1, {"CE", "CI"}) ? i + 2 : i + 1;
  }

  int CH(int i) {
    if (i > 0 && Is(i, {"CHAE"})) {  // "Michael"
      Add("K", "X");
      return i + 2;
    }
    // Greek roots at the start: "character", "charisma", "chorus", "chemistry" (not "chore").
    if (i == 0 && (Is(i + 1, {"HARAC", "HARIS"}) || Is(i + 1, {"HOR", "HYM", "HIA", "HEM"})) && !Is(0, {"CHORE"})) {
      Add("K");
      return i + 2;
    }
    const bool germanic_or_greek = Is(0, {"SCH"}) || Is(i - 2, {"ORCHES", "ARCHIT", "ORCHID"}) ||
                                   Is(i + 2, {"T", "S"}) ||
                                   ((Is(i - 1, {"A", "O", "U", "E"}) || i == 0) &&
                                    (Is(i + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W"}) || AtEnd(i + 2)));
    if (germanic_or_greek || (i > 0 && Is(0, {"MC"}))) Add("K");  // "McHugh"
    else if (i == 0) Add("X");
    else Add("X", "K");
    return i + 2;
  }

  int D(int i) {
    if (Is(i, {"DG"})) {
      if (Is(i + 2, {"I", "E", "Y"})) {  // "edge"
        Add("J");
        return i + 3;
      }
      Add("TK");  // "Edgar"
      return i + 2;
    }
    Add("T");
    return Is(i, {"DT", "DD"}) ? i + 2 : i + 1;
  }

  int G(int i) {
    if (At(i + 1) == 'H') return GH(i);
    if (At(i + 1) == 'N') {
      if (i == 1 && Vowel(0) && !slavo_germanic_) Add("KN", "N");
      else if (!Is(i + 2, {"EY"}) && !slavo_germanic_) Add("N", "KN");
      else Add("KN");
      return i + 2;
    }
    if (Is(i + 1, {"LI"}) && !slavo_germanic_) {  // Italian "Tagliaro"
      Add("KL", "L");
      return i + 2;
    }
    // Initial G before a front vowel: hard in English ("Gerry" aside), soft elsewhere.
    if (i == 0 && (At(i + 1) == 'Y' || Is(i + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"}))) {
      Add("K", "J");
      return i + 2;
    }
    if ((Is(i + 1, {"ER"}) || At(i + 1) == 'Y') && !Is(0, {"DANGER", "RANGER", "MANGER"}) && !Is(i - 1, {"E", "I"}) &&
        !Is(i - 1, {"RGY", "OGY"})) {
      Add("K", "J");
      return i + 2;
    }
    if (Is(i + 1, {"E", "I", "Y"}) || Is(i - 1, {"AGGI", "OGGI"})) {  // Italian "biaggi"
      if (Is(0, {"SCH"}) || Is(i + 1, {"ET"})) Add("K");              // Germanic
      else if (Is(i + 1, {"IER"}) && AtEnd(i + 4)) Add("J");
      else Add("J", "K");
      return i + 2;
    }
    Add("K");
    return SkipDouble(i);
  }

  int GH(int i) {
    if (i > 0 && !Vowel(i - 1)) {
      Add("K");
      return i + 2;
    }
    if (i == 0) {  // "Ghislane" J, "ghost" K
      Add(At(i + 2) == 'I' ? "J" : "K");
      return i + 2;
    }
    // Parker's rule: silent after B, H, D two to four letters back ("hugh", "bough", "broughton").
    if ((i > 1 && Is(i - 2, {"B", "H", "D"})) || (i > 2 && Is(i - 3, {"B", "H", "D"})) ||
        (i > 3 && Is(i - 4, {"B", "H"})))
      return i + 2;
    if (i > 2 && At(i - 1) == 'U' && Is(i - 3, {"C", "G", "L", "R", "T"})) Add("F");  // "laugh", "tough"
    else if (At(i - 1) != 'I') Add("K");
    return i + 2;
  }

  int J(int i) {
    if (Is(i, {"JOSE"})) {  // Spanish J sounds H
      if (i == 0 && AtEnd(i + 4)) Add("H");
      else Add("J", "H");
      return i + 1;
    }
    if (i == 0) Add("J", "A");  // "Jankelowicz" / "Yankelovich"
    else if (Vowel(i - 1) && !slavo_germanic_ && (At(i + 1) == 'A' || At(i + 1) == 'O')) Add("J", "H");
    else if (i == last_) Add("J", "");
    else if (!Is(i + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) && !Is(i - 1, {"S", "K", "L"})) Add("J");
    return SkipDouble(i);
  }

  int L(int i) {
    if (At(i + 1) == 'L') {
      // Spanish LL ("Cabrillo", "Gallegos") sounds Y: silent in the alternate key.
      if ((i == size_ - 3 && Is(i - 1, {"ILLO", "ILLA", "ALLE"})) ||
          ((Is(last_ - 1, {"AS", "OS"}) || Is(last_, {"A", "O"})) && Is(i - 1, {"ALLE"})))
        Add("L", "");
      else Add("L");
      return i + 2;
    }
    Add("L");
    return i + 1;
  }

  int S(int i) {
    if (Is(i - 1, {"ISL", "YSL"})) return i + 1;  // "island", "carlisle"
    if (i == 0 && Is(i, {"SUGAR"})) {
      Add("X", "S");
      return i + 1;
    }
    if (Is(i, {"SH"})) {
      Add(Is(i + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? "S" : "X");  // Germanic compounds
      return i + 2;
    }
    if (Is(i, {"SIO", "SIA"})) {  // Italian / Armenian
      if (slavo_germanic_) Add("S");
      else Add("S", "X");
      return i + 3;
    }
    // German "Schmidt" ~ "Smith", "Snider" ~ "Schneider"; SZ Polish.
    if ((i == 0 && Is(i + 1, {"M", "N", "L", "W"})) || Is(i + 1, {"Z"})) {
      Add("S", "X");
      return Is(i + 1, {"Z"}) ? i + 2 : i + 1;
    }
    if (Is(i, {"SC"})) return SC(i);
    if (i == last_ && Is(i - 2, {"AI", "OI"})) Add("", "S");  // French "Resnais"
    else Add("S");
    return Is(i + 1, {"S", "Z"}) ? i + 2 : i + 1;
  }

  int SC(int i) {
    if (At(i + 2) == 'H') {
      if (Is(i + 3, {"OO", "ER", "EN", "UY", "ED", "EM"})) {  // Dutch "school", "schenker"
        if (Is(i + 3, {"ER", "EN"})) Add("X", "SK");
        else Add("SK");
        return i + 3;
      }
      if (i == 0 && !Vowel(3) && At(3) != 'W') Add("X", "S");  // "Schmidt"
      else Add("X");
      return i + 3;
    }
    Add(Is(i + 2, {"I", "E", "Y"}) ? "S" : "SK");
    return i + 3;
  }

  int T(int i) {
    if (Is(i, {"TION", "TIA", "TCH"})) {
      Add("X");
      return i + 3;
    }
    if (Is(i, {"TH", "TTH"})) {
      if (Is(i + 2, {"OM", "AM"}) || Is(0, {"SCH"})) Add("T");  // "Thomas", "Thames"
      else Add("0", "T");
      return i + 2;
    }
    Add("T");
    return Is(i + 1, {"T", "D"}) ? i + 2 : i + 1;
  }

  int W(int i) {
    if (Is(i, {"WR"})) {
      Add("R");
      return i + 2;
    }
    if (i == 0 && (Vowel(i + 1) || Is(i, {"WH"}))) {
      if (Vowel(i + 1)) Add("A", "F");  // "Wasserman" / "Vasserman"
      else Add("A");
    }
    // Polish "-ewski" and a final W after a vowel ("Arnow") may sound F.
    if ((i == last_ && Vowel(i - 1)) || Is(i - 1, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) || Is(0, {"SCH"})) {
      Add("", "F");
      return i + 1;
    }
    if (Is(i, {"WICZ", "WITZ"})) {
      Add("TS", "FX");
      return i + 4;
    }
    return i + 1;
  }

  int Z(int i) {
    if (At(i + 1) == 'H') {  // Chinese "Zhao"
      Add("J");
      return i + 2;
    }
    if (Is(i + 1, {"ZO", "ZI", "ZA"}) || (slavo_germanic_ && i > 0 && At(i - 1) != 'T')) Add("S", "TS");
    else Add("S");
    return SkipDouble(i);
  }

  std::string w_;
  int size_ = 0, last_ = -1;
  bool slavo_germanic_ = false;
  size_t max_;
  std::string primary_, alternate_;
};

}  // namespace

PhoneticKeys DoubleMetaphone(std::string_view ascii_word, size_t max_length) {
  return Encoder(ascii_word, max_length).Run();
}

}  // namespace kashf::resolve
