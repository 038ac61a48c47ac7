// Search as a query language: any user text becomes a safe query over the name index and the
// identifier index, never FTS5 syntax (no operator, quote, column filter or phrase reaches SQLite).
//
// Grammar (everything else is text):
//   query   := term*          terms are separated by white space
//   term    := [field ":"] ( word | '"' words '"' )
//   field   := name | alias | father | spouse | husband   (case-insensitive; other "x:" is text)
// Words are split into tokens exactly as the name index's tokenizer (FTS5 unicode61,
// remove_diacritics 2) splits names, so "Abdul-Rahman" is abdul AND rahman and "M.Asif" is m AND
// asif. All tokens must match (AND). A quoted phrase is matched as its tokens (the index keeps no
// positions, see migration 3), never as a prefix; bare words of 2+ characters may also match as
// prefixes (the store tries them word for word first). A term that looks like an identifier (CNIC,
// phone, passport, serial, account or IBAN: ASCII letters and digits with at least 3 digits, in any
// formatting) is looked up exactly in the identifier index instead of the names; the whole query is
// also tried as one identifier ("PK36 SCBL 0000 0011 2345 6702", "+92 300 1234567"), and a query
// of digits and punctuation alone is only an identifier (never words).
// Control characters, NUL and invalid UTF-8 are separators. The first field prefix applies to the
// whole query (one field at a time).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/store/store.h"

namespace kashf {

enum class NameField { kAny, kName, kSurname, kAlias, kFather, kSpouse };

struct SearchQuery {
  NameField field = NameField::kAny;
  std::vector<std::string> tokens;       // folded index tokens; every one must match
  std::vector<bool> prefixable;          // per token: typed bare (not quoted), 2+ characters
  std::vector<std::string> identifiers;  // IdentifierKey() values to look up exactly, most likely first
  // Per token, set by the store: the index words a prefixable token starts, matched as alternatives
  // (read lazily, unlike FTS5's own prefix match). Empty: FTS5's prefix match ("tok"*).
  std::vector<std::vector<std::string>> expansions;

  bool AnyPrefix() const;
  // The FTS5 MATCH expression: every token quoted; with `prefix`, each prefixable one as its
  // expansions ("(\"a\" OR \"b\")") or, without, with '*'.
  std::string FtsMatch(bool prefix) const;
};

// Splits `text` into the name index's tokens (appending to *tokens), as FTS5 would.
using TokenizeFn = std::function<void(std::string_view text, std::vector<std::string>* tokens)>;

// At most this many tokens are kept (later words are ignored): bounds the cost of one query.
inline constexpr size_t kMaxSearchTokens = 16;

// Parses user text. InvalidArgument only when the text holds neither a word nor an identifier.
Result<SearchQuery> ParseSearchQuery(std::string_view text, const TokenizeFn& tokenize);

// The normalised form of an identifier value, used as the key of the identifier index: ASCII
// letters (upper-cased) and digits only, so "12987-4558663-7", "12987 4558663 7" and
// "1298745586637" are one key. Empty if the value has fewer than 4 such characters.
std::string IdentifierKey(std::string_view value);

// Name properties of relatives (father's, husband's name), as "|a|b|": matched only after a
// person's own names, and reported as such.
inline constexpr std::string_view kRelativeNameProperties = "|fatherName|spouseName|";
bool IsRelativeNameProperty(std::string_view prop);

// The name properties a field prefix selects, as "|a|b|" (empty for kAny: every name property).
std::string_view FieldProperties(NameField field);

// Name-index search, shared by the store backends. At most this many name rows one search pass
// reads: enough to fill `limit` entities with room for several names per entity, bounded so a
// common name costs the same as a rare one.
int64_t NameRowsPerPass(size_t limit);

// One name row a search pass matched: `rank` = words in the matched name (lower is better), `hit`
// without its score.
struct NameRow {
  double rank;
  SearchHit hit;
};
// Keeps each entity's best-ranked row, best first (ties by entity id), scores them base + 1/(1+rank)
// (in (base, base + 0.5] for names of 1+ words) and hands them to `add`. Every word of the query
// matched, so this is the order BM25 gives within one query (same terms, same IDF).
void AddRankedNameHits(std::vector<NameRow> rows, double base, const std::function<void(SearchHit)>& add);

// The name passes of a search, best first: a person's own names as typed, then as prefixes (only
// if `any_prefix`), then relatives' names the same two ways, as the query's field allows. Calls
// run(prefix, include, exclude, base) per pass (include/exclude: name properties as "|a|b|",
// include "" = all; hits scored in [base, base + 1), base 3, 2, 1, 0) until `full()` or a pass fails.
Status ForEachNamePass(
    const SearchQuery& q, bool any_prefix, const std::function<bool()>& full,
    const std::function<Status(bool prefix, const std::string& include, std::string_view exclude, double base)>& run);

}  // namespace kashf
