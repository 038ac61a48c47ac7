// The name index's own tokenizer (FTS5 unicode61, remove_diacritics 2; migrations.cc), called
// directly through the fts5_api of a connection: a search query is split and folded exactly as the
// indexed names were, so every token it sends back to FTS5 is one index term.
#pragma once
#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

class FtsTokenizer {
 public:
  // `db` must outlive the tokenizer. Internal error if the connection has no FTS5.
  static Result<std::unique_ptr<FtsTokenizer>> Open(sqlite3* db);
  ~FtsTokenizer();
  FtsTokenizer(const FtsTokenizer&) = delete;
  FtsTokenizer& operator=(const FtsTokenizer&) = delete;

  // Appends the folded tokens of `text` (valid UTF-8) to *tokens.
  void Tokenize(std::string_view text, std::vector<std::string>* tokens) const;
  // How many tokens `text` has.
  size_t CountTokens(std::string_view text) const;

 private:
  FtsTokenizer(fts5_tokenizer api, Fts5Tokenizer* handle) : api_(api), handle_(handle) {}
  fts5_tokenizer api_;
  Fts5Tokenizer* handle_;
};

}  // namespace kashf
