#include "search_query.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/model/values.h"

namespace kashf {
namespace {

// Length of the UTF-8 sequence at s[i] and its code point, or 0 if it is not well-formed
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t v = c & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(i + k) & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

// `text` with control characters (C0, DEL, C1, line/paragraph separators), NUL and every byte of an
// invalid UTF-8 sequence replaced by a space: what is left is valid UTF-8 without controls.
std::string Sanitise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) {
      out.push_back(' ');
      ++i;
      continue;
    }
    const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
    if (control) out.push_back(' ');
    else out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// An identifier as typed: ASCII only, with at least 5 letters or digits of which 3 or more are digits.
bool LooksLikeIdentifier(std::string_view term) {
  if (std::any_of(term.begin(), term.end(), [](char c) { return (c & 0x80) != 0; })) return false;
  const std::string key = IdentifierKey(term);
  return key.size() >= 5 && std::count_if(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 3;
}

// Adds the identifier keys of `raw`: its own, and its E.164 form if it reads as a phone number
// ("0300-1234567" is stored as +923001234567).
void AddIdentifierKeys(std::string_view raw, std::vector<std::string>* out) {
  auto add = [&](std::string key) {
    if (!key.empty() && std::find(out->begin(), out->end(), key) == out->end()) out->push_back(std::move(key));
  };
  add(IdentifierKey(raw));
  std::string phone;
  if (ValidateValue(PropertyType::kPhone, raw, &phone).ok()) add(IdentifierKey(phone));
}

struct Term {
  std::string text;
  bool quoted = false;
};

// Splits at white space; "..." is one term (an unmatched quote runs to the end); `field:` before a
// term sets the query's field once.
std::vector<Term> SplitTerms(const std::string& text, NameField* field) {
  static const std::pair<std::string_view, NameField> kFields[] = {
      {"name", NameField::kName},     {"surname", NameField::kSurname}, {"alias", NameField::kAlias},
      {"father", NameField::kFather}, {"spouse", NameField::kSpouse},   {"husband", NameField::kSpouse}};
  std::vector<Term> terms;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    size_t colon = text.find(':', i);
    size_t space = text.find(' ', i);
    if (colon != std::string::npos && colon < space) {
      const std::string prefix = ToLowerAscii(std::string_view(text).substr(i, colon - i));
      for (const auto& [name, f] : kFields) {
        if (prefix != name) continue;
        if (*field == NameField::kAny) *field = f;
        i = colon + 1;
        break;
      }
    }
    if (i < text.size() && text[i] == '"') {
      size_t end = text.find('"', i + 1);
      if (end == std::string::npos) end = text.size();
      terms.push_back({text.substr(i + 1, end - i - 1), true});
      i = end + 1;
      continue;
    }
    size_t end = std::min(text.find(' ', i), text.size());
    terms.push_back({text.substr(i, end - i), false});
    i = end;
  }
  return terms;
}

}  // namespace

std::string IdentifierKey(std::string_view value) {
  std::string key;
  for (char c : value) {
    if (!IsAsciiAlnum(c)) continue;
    key.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  if (key.size() < 4) key.clear();
  return key;
}

bool IsRelativeNameProperty(std::string_view prop) {
  return !prop.empty() && kRelativeNameProperties.find(fmt::format("|{}|", prop)) != std::string_view::npos;
}

std::string_view FieldProperties(NameField field) {
  switch (field) {
    case NameField::kAny: return "";
    case NameField::kName: return "|name|firstName|lastName|";  // a person's own names, whole or in parts
    case NameField::kSurname: return "|lastName|";
    case NameField::kAlias: return "|alias|";
    case NameField::kFather: return "|fatherName|";
    case NameField::kSpouse: return "|spouseName|";
  }
  return "";
}

bool SearchQuery::AnyPrefix() const {
  return std::find(prefixable.begin(), prefixable.end(), true) != prefixable.end();
}

std::string SearchQuery::FtsMatch(bool prefix) const {
  auto quote = [](std::string* out, const std::string& word) {
    out->push_back('"');
    for (char c : word) {
      if (c == '"') out->push_back('"');
      out->push_back(c);
    }
    out->push_back('"');
  };
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i) out += " AND ";  // explicit: FTS5 joins a phrase and a (group) only with AND
    if (prefix && prefixable[i] && i < expansions.size() && !expansions[i].empty()) {
      out.push_back('(');
      for (size_t k = 0; k < expansions[i].size(); ++k) {
        if (k) out += " OR ";
        quote(&out, expansions[i][k]);
      }
      out.push_back(')');
      continue;
    }
    quote(&out, tokens[i]);
    if (prefix && prefixable[i]) out.push_back('*');
  }
  return out;
}

Result<SearchQuery> ParseSearchQuery(std::string_view text, const TokenizeFn& tokenize) {
  SearchQuery q;
  const std::string clean = Sanitise(text);
  // Tabs and other white space were made spaces above only if they are controls; fold the rest.
  std::string spaced = clean;
  for (char& c : spaced)
    if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') c = ' ';
  const std::vector<Term> terms = SplitTerms(spaced, &q.field);

  bool all_ascii = !terms.empty(), no_letters = true;
  std::string whole;  // every term's text, for the whole-query identifier
  for (const Term& t : terms) {
    whole += t.text;
    for (char c : t.text) {
      if (c & 0x80) all_ascii = false;
      if (IsAsciiAlnum(c) && !(c >= '0' && c <= '9')) no_letters = false;
    }
  }
  const bool whole_is_identifier = terms.size() > 1 && all_ascii && LooksLikeIdentifier(whole);
  if (whole_is_identifier) AddIdentifierKeys(whole, &q.identifiers);
  for (const Term& t : terms) {
    if (LooksLikeIdentifier(t.text)) {
      AddIdentifierKeys(t.text, &q.identifiers);
      continue;
    }
    if (whole_is_identifier && no_letters) continue;  // "+92 300 1234567": a number, not words
    const size_t before = q.tokens.size();
    tokenize(t.text, &q.tokens);
    for (size_t i = before; i < q.tokens.size(); ++i) q.prefixable.push_back(!t.quoted && CodePoints(q.tokens[i]) >= 2);
  }
  if (q.tokens.size() > kMaxSearchTokens) {
    q.tokens.resize(kMaxSearchTokens);
    q.prefixable.resize(kMaxSearchTokens);
  }
  if (q.tokens.empty() && q.identifiers.empty())
    return Status::InvalidArgument(
        "the search text has no word in it; give part of a name (e.g. muhammad asif) or an identifier "
        "(CNIC, phone, passport, serial or account number)");
  return q;
}

int64_t NameRowsPerPass(size_t limit) { return static_cast<int64_t>(std::clamp<size_t>(4 * limit, 400, 20000)); }

void AddRankedNameHits(std::vector<NameRow> rows, double base, const std::function<void(SearchHit)>& add) {
  std::unordered_map<std::string, size_t> best;  // entity -> index of its best row in `rows`
  std::vector<NameRow> kept;
  for (NameRow& r : rows) {
    auto [it, fresh] = best.try_emplace(r.hit.entity_id, kept.size());
    if (fresh) kept.push_back(std::move(r));
    else if (r.rank < kept[it->second].rank) kept[it->second] = std::move(r);
  }
  std::sort(kept.begin(), kept.end(), [](const NameRow& a, const NameRow& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.hit.entity_id < b.hit.entity_id;
  });
  for (NameRow& r : kept) {
    r.hit.score = base + 1 / (1 + r.rank);
    add(std::move(r.hit));
  }
}

Status ForEachNamePass(
    const SearchQuery& q, bool any_prefix, const std::function<bool()>& full,
    const std::function<Status(bool prefix, const std::string& include, std::string_view exclude, double base)>& run) {
  const std::string_view field_props = FieldProperties(q.field);
  const bool own = q.field == NameField::kAny || q.field == NameField::kName || q.field == NameField::kSurname ||
                   q.field == NameField::kAlias;
  const bool relatives = q.field == NameField::kAny || q.field == NameField::kFather || q.field == NameField::kSpouse;
  struct Pass {
    bool relatives, prefix;
  };
  const Pass passes[] = {{false, false}, {false, true}, {true, false}, {true, true}};
  double base = 4;  // each pass scores below the one before (identifiers: 5)
  for (const Pass& p : passes) {
    base -= 1;
    if (full()) break;
    if ((p.relatives ? !relatives : !own) || (p.prefix && !any_prefix)) continue;
    const std::string include(p.relatives && q.field == NameField::kAny ? kRelativeNameProperties : field_props);
    const std::string_view exclude = p.relatives ? std::string_view("") : kRelativeNameProperties;
    KASHF_RETURN_IF_ERROR(run(p.prefix, include, exclude, base));
  }
  return Status::Ok();
}

}  // namespace kashf
