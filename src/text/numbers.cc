// Numbers written with digits of any script, spaces, dashes, dots and brackets, or spelt out in
// words ("zero three zero zero ...", "sifar teen", "double five"), classified as a CNIC
// (kashf/model/values.h ValidateValue(kCnic) with resolve::ParseNationalId's region-digit check),
// a phone number (ValidateValue(kPhone): Pakistani 03XX..., 92..., 0092..., +CC..., and 00CC...
// for other countries), a mobile-wallet number (a mobile number beside a wallet cue such as
// "easypaisa") or a bank account number (8-20 digits beside an account cue such as "a/c", "khata").
// A run of groups is read from each start group, taking the longest prefix that classifies, so a
// phone followed by a price ("0300 1234567 5000") or preceded by a digit word ("ik 0300...")
// still reads.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "kashf/model/values.h"
#include "kashf/resolve/identifiers.h"
#include "scan.h"

namespace kashf::text {
namespace {

struct Group {
  size_t first = 0, last = 0;  // tokens
  std::string digits;
  bool plus = false;
  bool spelt = false;
};

// The group of digits starting at token i, if any.
std::optional<Group> ReadGroup(const Scan& s, size_t i) {
  const auto& t = s.tokens;
  if (i >= t.size() || s.claimed[i]) return std::nullopt;
  if (t.Is(i, '+') && i + 1 < t.size() && t[i + 1].digits && !t[i + 1].space_before && !s.claimed[i + 1])
    return Group{i, i + 1, std::string(t.View(i + 1)), true, false};
  if (t[i].digits) return Group{i, i, std::string(t.View(i)), false, false};
  if (auto rep = s.lex.repeat_words.LongestAt(t, i); rep && rep->last + 1 < t.size()) {
    const size_t j = rep->last + 1;
    std::optional<char> digit;
    size_t last = j;
    if (t[j].digits && t[j].end - t[j].begin == 1) digit = t.View(j)[0];
    else if (auto w = s.lex.digit_words.LongestAt(t, j)) {
      digit = static_cast<char>('0' + w->payload);
      last = w->last;
    }
    if (digit && !s.claimed[j])
      return Group{i, last, std::string(static_cast<size_t>(rep->payload), *digit), false, true};
  }
  if (auto w = s.lex.digit_words.LongestAt(t, i))
    return Group{i, w->last, std::string(1, static_cast<char>('0' + w->payload)), false, true};
  return std::nullopt;
}

// Index of the next group's first token after a group ending at `last`: at most two separators
// ( - . / ( ) and, between spelt digits, a comma) on the same line; nullopt when the run ends.
std::optional<size_t> NextGroupStart(const Scan& s, size_t last, bool spelt) {
  const auto& t = s.tokens;
  size_t j = last + 1;
  for (int seps = 0; j < t.size(); ++j, ++seps) {
    if (t[j].line_before) return std::nullopt;
    const bool sep =
        t.Is(j, '-') || t.Is(j, '.') || t.Is(j, '/') || t.Is(j, '(') || t.Is(j, ')') || (spelt && t.Is(j, ','));
    if (!sep) break;
    if (seps == 2) return std::nullopt;
  }
  return j < t.size() ? std::optional<size_t>(j) : std::nullopt;
}

// prefix + digits[from..] (built by append: GCC 12's -Wrestrict misfires on operator+ here).
std::string WithPrefix(std::string_view prefix, const std::string& digits, size_t from) {
  std::string out(prefix);
  out.append(digits, from, std::string::npos);
  return out;
}

struct Reading {
  SelectorKind kind;
  std::string value;
};

// A CNIC or phone number read from the digits of groups [a, b], or nullopt. `account_cue`: an
// account cue precedes, so a number that is not Pakistani is not read as a foreign phone.
std::optional<Reading> Classify(const std::vector<Group>& run, size_t a, size_t b, bool account_cue) {
  std::string d;
  bool spelt = false;
  std::vector<size_t> lengths;
  for (size_t g = a; g <= b; ++g) {
    d += run[g].digits;
    spelt = spelt || run[g].spelt;
    lengths.push_back(run[g].digits.size());
  }
  const bool plus = run[a].plus;
  std::string canonical;
  if (!plus && d.size() == 13) {
    const bool shaped = lengths == std::vector<size_t>{13} || lengths == std::vector<size_t>{5, 7, 1} || spelt;
    auto id = resolve::ParseNationalId(d);
    if (shaped && id && id->checks_ok && ValidateValue(PropertyType::kCnic, d, &canonical).ok())
      return Reading{SelectorKind::kCnic, canonical};
    return std::nullopt;
  }
  if (plus) {
    if (d.size() < 8 || d.size() > 15 || d[0] == '0') return std::nullopt;
  } else if (d.rfind("00", 0) == 0 && d.rfind("0092", 0) != 0) {  // 00CC... outside Pakistan
    if (account_cue || d.size() < 10 || d.size() > 17 || d[2] == '0') return std::nullopt;
    for (size_t g = 1; g < lengths.size(); ++g)  // no 10-digit block in an international number
      if (lengths[g] > 8) return std::nullopt;
    return Reading{SelectorKind::kPhone, WithPrefix("+", d, 2)};
  } else if (d.size() == 11) {
    if (d[0] != '0' || d[1] == '0') return std::nullopt;
  } else if (d.size() == 10 && d[0] == '0' && d[1] != '0' && d[1] != '3' && lengths == std::vector<size_t>{3, 7}) {
    // A landline with a two-digit area code and seven digits: 051-5552233 (Islamabad).
    return Reading{SelectorKind::kPhone, WithPrefix("+92", d, 1)};
  } else if (d.size() == 10) {
    if (d[0] != '3' || d[1] > '4') return std::nullopt;  // a mobile number without its trunk 0
  } else if (d.size() == 12) {
    if (d.rfind("92", 0) != 0 || d[2] == '0') return std::nullopt;
  } else if (d.size() != 14) {
    return std::nullopt;
  }
  if (!ValidateValue(PropertyType::kPhone, WithPrefix(plus ? "+" : "", d, 0), &canonical).ok()) return std::nullopt;
  return Reading{SelectorKind::kPhone, canonical};
}

constexpr size_t kCueWindow = 6;  // tokens between a cue and the number it types
constexpr size_t kMaxDigits = 20;

void ReadRun(Scan& s, const std::vector<Group>& run) {
  size_t a = 0;
  while (a < run.size()) {
    std::optional<Reading> best;
    size_t best_b = a;
    size_t digits = 0;
    const size_t first = run[a].first;
    const bool account_cue = s.CueBefore(first, kCueWindow, Cue::kAccount) >= 0;
    for (size_t b = a; b < run.size(); ++b) {
      digits += run[b].digits.size();
      if (digits > kMaxDigits) break;
      if (auto r = Classify(run, a, b, account_cue)) {
        best = std::move(r);
        best_b = b;
      }
    }
    if (best) {
      const size_t last = run[best_b].last;
      if (best->kind == SelectorKind::kPhone && best->value.rfind("+923", 0) == 0) {
        int cue = s.CueBefore(first, kCueWindow, Cue::kWallet);
        if (cue < 0) cue = s.CueAfter(last, 3, Cue::kWallet);
        if (cue >= 0) {
          s.Emit(SelectorKind::kWallet, first, last, best->value,
                 {{"provider", s.lex.cue_value[static_cast<size_t>(cue)]}});
          a = best_b + 1;
          continue;
        }
      }
      s.Emit(best->kind, first, last, best->value);
      a = best_b + 1;
      continue;
    }
    // An account number: every group from `a` up to 20 digits, after an account cue.
    std::string d;
    size_t b = a;
    for (; b < run.size() && d.size() + run[b].digits.size() <= kMaxDigits && !run[b].spelt; ++b) d += run[b].digits;
    if (b > a && d.size() >= 8 && !run[a].plus && account_cue) {
      s.Emit(SelectorKind::kAccount, first, run[b - 1].last, d);
      a = b;
      continue;
    }
    ++a;
  }
}

}  // namespace

void ExtractNumbers(Scan& s) {
  size_t i = 0;
  while (i < s.tokens.size()) {
    auto g = ReadGroup(s, i);
    if (!g) {
      ++i;
      continue;
    }
    std::vector<Group> run{*g};
    while (auto next = NextGroupStart(s, run.back().last, run.back().spelt)) {
      auto more = ReadGroup(s, *next);
      if (!more || more->plus) break;
      run.push_back(std::move(*more));
    }
    const size_t end = run.back().last + 1;
    ReadRun(s, run);
    i = end;
  }
}

}  // namespace kashf::text
