// How phone numbers and CNICs are written in ads, chats and narratives, including the obfuscations
// sellers and recruiters use to slip past platform filters (docs/simulator.md, "Text leads"):
// dashes, spaces and dots between digit groups, +92, Urdu digits (U+06F0..), digits spelt out in
// English, Roman Urdu or Urdu words (with "double" for a repeated digit), words mixed with digits,
// and zero-width or right-to-left marks inside the number. Draws from the given Rng only.
#pragma once
#include <cstdint>
#include <string>

#include "random.h"

namespace kashf::sim {

enum class NumberStyle {
  kPlain,          // 03001234567
  kDashed,         // 0300-1234567
  kSpaced,         // 0300 123 4567
  kDotted,         // 0300.1234567
  kInternational,  // +92 300 1234567
  kUrduDigits,     // ۰۳۰۰۱۲۳۴۵۶۷
  kZeroWidth,      // 0300<U+200B>1234567 or an RLM inside
  kEnglishWords,   // zero three zero zero one two ...
  kRomanWords,     // sifar teen sifar sifar ek do ...
  kUrduWords,      // صفر تین صفر صفر ایک دو ...
  kMixedWords,     // 0300 ek do teen 4567
  kLetterO,        // 03OO-1234567: the letter O typed for zero (the extractors do not read it)
};
inline constexpr int kNumberStyles = 12;

// The mobile number `national` ("3001234567") written in `style`.
std::string WritePhoneAs(const std::string& national, NumberStyle style, Rng& rng);
// A style drawn with the shares of docs/simulator.md: 55% digit layouts, 15% Urdu digits or marks,
// 28% words, 2% letter O.
NumberStyle DrawNumberStyle(Rng& rng);

// A CNIC (13 digits) as written in a narrative or chat: 35202-1234567-1, bare, spaced, or in Urdu digits.
std::string WriteCnicInText(const std::string& digits, Rng& rng);
// "35202-1234567-1".
std::string CnicValue(const std::string& digits);

// A rupee amount as written in ads and narratives ("Rs 85,000", "PKR 85,000", "85000/-", "85 hazar",
// "1.5 lakh", "Rs 1,50,000"); its normalised value is MoneyValue(amount).
std::string WriteRupees(int64_t amount, Rng& rng);
std::string MoneyValue(int64_t amount);  // "PKR 85000"

// ASCII digits of `s` replaced by Urdu (extended Arabic-Indic) digits.
std::string ToUrduDigits(const std::string& s);

}  // namespace kashf::sim
