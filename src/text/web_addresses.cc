// Web addresses and e-mail addresses.
// URLs: "http(s)://...", "www....", and bare "name.tld/path" or "name.tld" whose last label is a
// top-level domain of text-cues.tsv (without a path only for three-letter TLDs or three labels, so
// "no.me" in a sentence is no address). Trailing sentence punctuation is not part of the URL. The
// value is the host in lower case without scheme and "www.", with the path as written and no
// trailing slash ("facebook.com/ali.k"). A WhatsApp link (wa.me/<number>) also yields its phone.
// E-mail: local@domain.tld, and the spellings that evade filters: "name at gmail dot com",
// "name[at]gmail[dot]com", "name (at) gmail (dot) com" (the domain must end in a listed TLD).
// The value is lower case.
#include <algorithm>
#include <string>
#include <vector>

#include "kashf/core/text.h"
#include "kashf/model/values.h"
#include "scan.h"

namespace kashf::text {
namespace {

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool IsLocalChar(char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool IsHostChar(char c) { return IsAlnum(c) || c == '.' || c == '-'; }
bool IsUrlChar(char c) {
  return IsAlnum(c) || std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
}

bool IsTld(const Scan& s, std::string_view label) {
  auto cue = s.lex.cues.Find(ToLowerAscii(label));
  return cue && s.lex.cue[static_cast<size_t>(*cue)] == Cue::kTld;
}

// Emits over normalised bytes [b, e) when they align with free tokens.
bool EmitBytes(Scan& s, SelectorKind kind, size_t b, size_t e, std::string value,
               std::map<std::string, std::string> attributes = {}) {
  auto tok = s.TokensIn(b, e);
  if (!tok || !s.Free(tok->first, tok->second)) return false;
  s.Emit(kind, tok->first, tok->second, std::move(value), std::move(attributes));
  return true;
}

// The labels of a host name; empty when one is empty.
std::vector<std::string> Labels(std::string_view host) {
  auto labels = Split(host, '.');
  for (const auto& l : labels)
    if (l.empty()) return {};
  return labels;
}

void ExtractUrls(Scan& s) {
  const std::string& x = s.norm.str();
  const std::string lower = ToLowerAscii(x);
  size_t i = 0;
  while (i < x.size()) {
    const bool boundary = i == 0 || !(IsHostChar(x[i - 1]) || x[i - 1] == '@' || x[i - 1] == '/');
    if (!boundary || !IsAlnum(x[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < x.size() && IsUrlChar(x[e])) ++e;
    // Sentence punctuation after the address; a closing bracket only when unbalanced.
    while (e > i) {
      const char c = x[e - 1];
      const bool punctuation =
          c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"';
      const auto first = x.begin() + static_cast<std::ptrdiff_t>(i), last = x.begin() + static_cast<std::ptrdiff_t>(e);
      const bool unbalanced_bracket = c == ')' && std::count(first, last, '(') < std::count(first, last, ')');
      if (!punctuation && !unbalanced_bracket) break;
      --e;
    }
    std::string_view cand(lower.data() + i, e - i);
    const bool scheme = cand.rfind("http://", 0) == 0 || cand.rfind("https://", 0) == 0;
    std::string_view rest = scheme ? cand.substr(cand.find("//") + 2) : cand;
    const bool www = rest.rfind("www.", 0) == 0;
    if (www) rest.remove_prefix(4);
    const size_t slash = rest.find_first_of("/?#");
    std::string_view host = rest.substr(0, slash);
    if (const size_t colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);  // port
    const auto labels = Labels(host);
    bool ok = labels.size() >= 2 && host.find('@') == std::string_view::npos;
    if (ok && !scheme && !www) {
      const bool path = slash != std::string_view::npos && slash + 1 < rest.size();
      ok = IsTld(s, labels.back()) && (path || labels.back().size() >= 3 || labels.size() >= 3);
      for (const auto& l : labels)
        if (!IsAlnum(l.front())) ok = false;
    }
    if (!ok) {
      i = e > i ? e : i + 1;
      continue;
    }
    std::string value(rest);
    // Path as written (case kept), host lower case.
    const size_t rest_offset = static_cast<size_t>(rest.data() - lower.data());
    if (slash != std::string_view::npos) value = std::string(host) + x.substr(rest_offset + slash, rest.size() - slash);
    else value = std::string(host);
    while (!value.empty() && value.back() == '/') value.pop_back();
    if (EmitBytes(s, SelectorKind::kUrl, i, e, value)) {
      // WhatsApp click-to-chat: wa.me/<international number>
      if (host == "wa.me" && slash != std::string_view::npos) {
        const size_t db = rest_offset + slash + 1;
        size_t de = db;
        while (de < e && x[de] >= '0' && x[de] <= '9') ++de;
        std::string phone;
        std::string number = "+";
        number.append(x, db, de - db);  // append, not operator+: GCC 12's -Wrestrict misfires on it
        if (de > db && ValidateValue(PropertyType::kPhone, number, &phone).ok()) {
          Selector sel;
          sel.kind = SelectorKind::kPhone;
          sel.begin = s.norm.OriginalBegin(db);
          sel.end = s.norm.OriginalEnd(de);
          sel.value = phone;
          s.selectors.push_back(std::move(sel));
        }
      }
    }
    i = e;
  }
}

// local@domain.tld written plainly.
void ExtractPlainEmails(Scan& s) {
  const std::string& x = s.norm.str();
  for (size_t at = x.find('@'); at != std::string::npos; at = x.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && IsLocalChar(x[b - 1])) --b;
    while (b < at && (x[b] == '.' || x[b] == '-')) ++b;
    size_t e = at + 1;
    while (e < x.size() && IsHostChar(x[e])) ++e;
    while (e > at + 1 && (x[e - 1] == '.' || x[e - 1] == '-')) --e;
    if (b == at || e == at + 1) continue;
    const std::string domain = ToLowerAscii(x.substr(at + 1, e - at - 1));
    const auto labels = Labels(domain);
    if (labels.size() < 2 || labels.back().size() < 2) continue;
    bool alpha = true;
    for (char c : labels.back()) alpha = alpha && c >= 'a' && c <= 'z';
    if (!alpha) continue;
    EmitBytes(s, SelectorKind::kEmail, b, e, ToLowerAscii(x.substr(b, e - b)));
  }
}

// The obfuscated "at"/"dot" word at token i ("at", "[at]", "(at)"): its last token, or nullopt.
std::optional<size_t> Spelt(const Scan& s, size_t i, std::string_view word, bool* bracketed) {
  const auto& t = s.tokens;
  if (i >= t.size()) return std::nullopt;
  if (t.Lower(i) == word) return i;
  if ((t.Is(i, '[') || t.Is(i, '(')) && i + 2 < t.size() && t.Lower(i + 1) == word &&
      (t.Is(i + 2, ']') || t.Is(i + 2, ')'))) {
    *bracketed = true;
    return i + 2;
  }
  return std::nullopt;
}

// name at gmail dot com / name[at]gmail[dot]com
void ExtractSpeltEmails(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 1; i < t.size(); ++i) {
    bool bracketed = false;
    auto at = Spelt(s, i, "at", &bracketed);
    if (!at || !t[i - 1].word || s.claimed[i - 1]) continue;
    // The local part: word tokens glued by . _ - back from i - 1.
    size_t first = i - 1;
    while (first >= 2 && !t[first].space_before &&
           (t.Is(first - 1, '.') || t.Is(first - 1, '_') || t.Is(first - 1, '-')) && !t[first - 1].space_before &&
           t[first - 2].word)
      first -= 2;
    std::string local;
    for (size_t k = first; k < i; ++k) local += t.Lower(k);
    // The domain: labels separated by "." or a spelt dot.
    std::vector<std::string> labels;
    size_t j = *at + 1;
    size_t last = *at;
    bool spelt_dot = false;
    while (j < t.size() && t[j].word && !t[j].line_before && !s.claimed[j]) {
      labels.push_back(t.Lower(j));
      last = j;
      if (j + 2 < t.size() && t.Is(j + 1, '.') && !t[j + 1].space_before && !t[j + 2].space_before) {
        j += 2;
        continue;
      }
      bool b2 = false;
      if (auto dot = Spelt(s, j + 1, "dot", &b2)) {
        spelt_dot = true;
        bracketed = bracketed || b2;
        j = *dot + 1;
        continue;
      }
      break;
    }
    if (labels.size() < 2 || !IsTld(s, labels.back()) || !(spelt_dot || bracketed)) continue;
    if (!s.Free(first, last)) continue;
    s.Emit(SelectorKind::kEmail, first, last, local + "@" + Join(labels, "."));
    i = last;
  }
}

}  // namespace

void ExtractWebAddresses(Scan& s) {
  ExtractPlainEmails(s);
  ExtractSpeltEmails(s);
  ExtractUrls(s);
}

}  // namespace kashf::text
