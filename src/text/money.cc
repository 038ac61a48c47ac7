// Money: an amount with its currency written before or after it ("Rs. 35,000", "PKR 2.5 lakh",
// "1,50,000 روپے", "$1,200", "500 AED", "3000 dirham"), an amount in lakh, crore or hazar (which
// are rupees: "2.5 lakh", "do lakh", "۵۰ ہزار"), or an amount closed by the Pakistani "/-"
// ("35000/-"). Currencies and multipliers are data (text-currencies.tsv, text-number-words.tsv).
// Thousands separators may follow Pakistani (1,50,000) or Western (150,000) grouping. The value is
// "<ISO 4217 code> <plain decimal>": "PKR 250000". A number with no currency, multiplier or "/-"
// ("30 bore", "9mm", "room 12") is not money.
#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>

#include "scan.h"

namespace kashf::text {
namespace {

struct Amount {
  std::string integer;   // digits
  std::string fraction;  // digits, may be empty
  size_t last = 0;       // last token
  uint64_t multiplier = 1;
};

// An amount starting at token i: digits with thousands groups and a decimal fraction, a digits
// token glued to "k" (50k), or a digit word (do, teen ...) that a multiplier must follow.
std::optional<Amount> ReadAmount(const Scan& s, size_t i) {
  const auto& t = s.tokens;
  if (i >= t.size() || s.claimed[i]) return std::nullopt;
  Amount a;
  a.last = i;
  if (!t[i].digits) {
    std::string v = t.Lower(i);
    if (v.size() >= 2 && v.back() == 'k' && v.find_first_not_of("0123456789") == v.size() - 1) {
      a.integer = v.substr(0, v.size() - 1);
      a.multiplier = 1000;
      return a;
    }
    if (auto w = s.lex.digit_words.LongestAt(t, i); w && w->payload > 0) {
      auto mag = s.lex.magnitudes.LongestAt(t, w->last + 1);
      if (!mag || t[w->last + 1].line_before) return std::nullopt;
      a.integer = std::string(1, static_cast<char>('0' + w->payload));
      a.last = w->last;
      return a;
    }
    return std::nullopt;
  }
  a.integer = std::string(t.View(i));
  size_t j = i + 1;
  while (j + 1 < t.size() && t.Is(j, ',') && !t[j].space_before && !t[j + 1].space_before && t[j + 1].digits &&
         (t[j + 1].end - t[j + 1].begin == 2 || t[j + 1].end - t[j + 1].begin == 3) && !s.claimed[j + 1]) {
    a.integer += t.View(j + 1);
    a.last = j + 1;
    j += 2;
  }
  if (j + 1 < t.size() && t.Is(j, '.') && !t[j].space_before && !t[j + 1].space_before && t[j + 1].digits &&
      !s.claimed[j + 1]) {
    a.fraction = std::string(t.View(j + 1));
    a.last = j + 1;
  }
  return a;
}

// "<integer>.<fraction>" times a power of ten, as a plain decimal without leading zeros or
// trailing fraction zeros.
std::string Scaled(std::string integer, std::string fraction, uint64_t multiplier) {
  while (multiplier >= 10 && multiplier % 10 == 0) {
    integer.push_back(fraction.empty() ? '0' : fraction.front());
    if (!fraction.empty()) fraction.erase(0, 1);
    multiplier /= 10;
  }
  if (multiplier != 1) {  // not a power of ten: decimal arithmetic is exact enough for money here
    const long double v = std::stold(integer + "." + (fraction.empty() ? "0" : fraction)) * multiplier;
    return fmt::format("{:.0f}", static_cast<double>(v));
  }
  while (integer.size() > 1 && integer.front() == '0') integer.erase(0, 1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? integer : integer + "." + fraction;
}

// A currency phrase at token i on the line; its code index.
std::optional<PhraseMatch> CurrencyAt(const Scan& s, size_t i) {
  if (i >= s.tokens.size() || s.claimed[i] || s.tokens[i].line_before) return std::nullopt;
  auto m = s.lex.currencies.LongestAt(s.tokens, i);
  if (m && !s.Free(m->first, m->last)) return std::nullopt;
  return m;
}

// Tokens "/-" right after `last`: the index of the '-', else `last`.
size_t SlashDash(const TokenisedText& t, size_t last) {
  if (last + 2 < t.size() && t.Is(last + 1, '/') && t.Is(last + 2, '-') && !t[last + 1].space_before &&
      !t[last + 2].space_before)
    return last + 2;
  return last;
}

}  // namespace

void ExtractMoney(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (s.claimed[i]) continue;
    std::string code;
    size_t first = i;
    size_t start = i;
    if (auto cur = CurrencyAt(s, i)) {  // currency first: skip "." ":" between ("Rs.500", "PKR: 500")
      code = s.lex.currency_codes[static_cast<size_t>(cur->payload)];
      start = cur->last + 1;
      while (start < t.size() && (t.Is(start, '.') || t.Is(start, ':')) && !t[start].line_before) ++start;
      if (start < t.size() && t[start].line_before) continue;
    }
    auto amount = ReadAmount(s, start);
    if (!amount) continue;
    size_t last = amount->last;
    if (auto mag = s.lex.magnitudes.LongestAt(t, last + 1);
        mag && !t[last + 1].line_before && amount->multiplier == 1) {
      const auto& m = s.lex.magnitude[static_cast<size_t>(mag->payload)];
      amount->multiplier = m.multiplier;
      if (code.empty()) code = m.implied_currency;
      last = mag->last;
    }
    if (code.empty() || start == i) {  // currency after the amount
      if (auto cur = CurrencyAt(s, last + 1)) {
        code = s.lex.currency_codes[static_cast<size_t>(cur->payload)];
        last = cur->last;
      }
    }
    const size_t dash = SlashDash(t, last);
    if (dash != last) {
      if (code.empty()) code = "PKR";
      last = dash;
    }
    if (code.empty() || !s.Free(first, last)) continue;
    const std::string value = Scaled(amount->integer, amount->fraction, amount->multiplier);
    s.Emit(SelectorKind::kMoney, first, last, code + " " + value, {{"currency", code}, {"amount", value}});
    i = last;
  }
}

}  // namespace kashf::text
