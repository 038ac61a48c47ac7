// IBANs (ISO 13616): country code, two check digits and the basic bank account number, written
// compact or in groups of four ("PK36 SCBL 0000 0011 2345 6702"). The length per country is data
// (iban-lengths.tsv); other countries are read when written compact (15-34 characters). Every
// candidate must pass the ISO 7064 mod 97-10 check (remainder 1), so a mistyped IBAN is not reported.
// The value is compact upper case.
#include <string>

#include "scan.h"

namespace kashf::text {
namespace {

bool IsUpperOrLower(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsUpperOrLower(c) || IsDigit(c); }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

// ISO 7064 mod 97-10 over the IBAN moved to end with its first four characters.
bool IbanChecksumOk(const std::string& iban) {
  if (iban.size() < 5) return false;
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : moved) {
    if (IsDigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      const int v = c - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

void ExtractIbans(Scan& s) {
  const std::string& x = s.norm.str();
  for (size_t i = 0; i + 4 < x.size(); ++i) {
    if (i > 0 && IsAlnum(x[i - 1])) continue;
    if (!IsUpperOrLower(x[i]) || !IsUpperOrLower(x[i + 1]) || !IsDigit(x[i + 2]) || !IsDigit(x[i + 3])) continue;
    const std::string country{Upper(x[i]), Upper(x[i + 1])};
    auto known = s.lex.iban_length.find(country);
    std::string iban;
    size_t e = i;
    if (known != s.lex.iban_length.end()) {
      // Groups separated by one space or dash.
      while (e < x.size() && iban.size() < known->second) {
        if (IsAlnum(x[e])) {
          iban.push_back(Upper(x[e++]));
        } else if ((x[e] == ' ' || x[e] == '-') && e + 1 < x.size() && IsAlnum(x[e + 1]) && iban.size() % 4 == 0) {
          ++e;
        } else {
          break;
        }
      }
      if (iban.size() != known->second) continue;
    } else {
      while (e < x.size() && IsAlnum(x[e]) && iban.size() <= 34) iban.push_back(Upper(x[e++]));
      if (iban.size() < 15 || iban.size() > 34) continue;
    }
    if (e < x.size() && IsAlnum(x[e])) continue;  // runs on: not this IBAN
    if (!IbanChecksumOk(iban)) continue;
    auto tok = s.TokensIn(i, e);
    if (!tok || !s.Free(tok->first, tok->second)) continue;
    s.Emit(SelectorKind::kIban, tok->first, tok->second, iban, {{"country", country}});
    i = e;
  }
}

}  // namespace kashf::text
