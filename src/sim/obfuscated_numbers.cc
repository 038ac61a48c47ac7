#include "obfuscated_numbers.h"

#include <array>

#include <fmt/format.h>

namespace kashf::sim {
namespace {

using Words = std::array<const char*, 10>;
constexpr Words kEnglish = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
constexpr Words kRoman = {"sifar", "ek", "do", "teen", "char", "panch", "chay", "saat", "aath", "nau"};
constexpr Words kUrdu = {"صفر", "ایک", "دو", "تین", "چار", "پانچ", "چھ", "سات", "آٹھ", "نو"};

// Digits spelt out, one word each; a pair of equal digits becomes "double <digit>" now and then
// (English and Roman Urdu "double", Urdu "ڈبل").
std::string Spell(const std::string& digits, const Words& words, const char* twice, Rng& rng) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (!out.empty()) out += ' ';
    const int d = digits[i] - '0';
    if (i + 1 < digits.size() && digits[i + 1] == digits[i] && rng.Chance(0.4)) {
      out += twice;
      out += ' ';
      ++i;
    }
    out += words[static_cast<size_t>(d)];
  }
  return out;
}

}  // namespace

std::string ToUrduDigits(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out += "\xDB";  // U+06F0 + d is DB B0 + d in UTF-8
      out += static_cast<char>(0xB0 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

NumberStyle DrawNumberStyle(Rng& rng) {
  static constexpr std::array<int, kNumberStyles> kWeights = {15, 20, 10, 5, 5, 8, 7, 10, 10, 4, 4, 2};
  int total = 0;
  for (int w : kWeights) total += w;
  auto x = static_cast<int>(rng.Below(static_cast<uint64_t>(total)));
  for (int s = 0; s < kNumberStyles; ++s) {
    if (x < kWeights[static_cast<size_t>(s)]) return static_cast<NumberStyle>(s);
    x -= kWeights[static_cast<size_t>(s)];
  }
  return NumberStyle::kPlain;
}

std::string WritePhoneAs(const std::string& national, NumberStyle style, Rng& rng) {
  std::string digits = "0" + national;  // 03001234567 (not const: returned by move)
  const std::string code = digits.substr(0, 4), rest = digits.substr(4);
  switch (style) {
    case NumberStyle::kPlain: return digits;
    case NumberStyle::kDashed: return code + "-" + rest;
    case NumberStyle::kSpaced: return code + " " + rest.substr(0, 3) + " " + rest.substr(3);
    case NumberStyle::kDotted: return code + "." + rest;
    case NumberStyle::kInternational:
      return rng.Chance(0.5) ? "+92 " + national.substr(0, 3) + " " + national.substr(3) : "+92" + national;
    case NumberStyle::kUrduDigits: return ToUrduDigits(rng.Chance(0.5) ? digits : code + "-" + rest);
    case NumberStyle::kZeroWidth: return code + (rng.Chance(0.5) ? "\u200B" : "\u200F") + rest;
    case NumberStyle::kEnglishWords: return Spell(digits, kEnglish, "double", rng);
    case NumberStyle::kRomanWords: return Spell(digits, kRoman, "double", rng);
    case NumberStyle::kUrduWords: return Spell(digits, kUrdu, "ڈبل", rng);
    case NumberStyle::kMixedWords:
      return code + " " + Spell(rest.substr(0, 3), kRoman, "double", rng) + " " + rest.substr(3);
    case NumberStyle::kLetterO: {
      std::string out = code + "-" + rest;
      for (char& c : out)
        if (c == '0') c = 'O';
      return out;
    }
  }
  return digits;
}

std::string MoneyValue(int64_t amount) { return "PKR " + std::to_string(amount); }

std::string WriteRupees(int64_t amount, Rng& rng) {
  const auto western = [](int64_t a) {  // 1,250,000
    std::string digits = std::to_string(a), out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  };
  const auto pakistani = [](int64_t a) {  // 12,50,000: thousands, then groups of two
    std::string digits = std::to_string(a);
    if (digits.size() <= 3) return digits;
    std::string head = digits.substr(0, digits.size() - 3), out;
    for (size_t i = 0; i < head.size(); ++i) {
      if (i > 0 && (head.size() - i) % 2 == 0) out += ',';
      out += head[i];
    }
    return out + "," + digits.substr(digits.size() - 3);
  };
  const uint64_t style = rng.Below(6);
  if (style == 0 && amount % 50000 == 0 && amount >= 100000) {
    const int64_t tenths = amount / 10000;  // lakh with one decimal
    return tenths % 10 == 0 ? fmt::format("{} lakh", tenths / 10) : fmt::format("{}.{} lakh", tenths / 10, tenths % 10);
  }
  if (style == 1 && amount % 1000 == 0 && amount < 100000) return fmt::format("{} hazar", amount / 1000);
  switch (style) {
    case 2: return "PKR " + western(amount);
    case 3: return std::to_string(amount) + "/-";
    case 4: return "Rs " + pakistani(amount);
    default: return "Rs " + western(amount);
  }
}

std::string CnicValue(const std::string& digits) {
  return digits.substr(0, 5) + "-" + digits.substr(5, 7) + "-" + digits.substr(12);
}

std::string WriteCnicInText(const std::string& digits, Rng& rng) {
  switch (rng.Below(4)) {
    case 0: return digits;
    case 1: return digits.substr(0, 5) + " " + digits.substr(5, 7) + " " + digits.substr(12);
    case 2: return ToUrduDigits(CnicValue(digits));
    default: return CnicValue(digits);
  }
}

}  // namespace kashf::sim
