#include "fts_tokenizer.h"

#include "kashf/store/sqlite_db.h"

namespace kashf {

Result<std::unique_ptr<FtsTokenizer>> FtsTokenizer::Open(sqlite3* db) {
  // The documented way to reach fts5_api: SELECT fts5(?1) with a pointer bound to ?1.
  fts5_api* api = nullptr;
  sqlite::Stmt s;
  KASHF_RETURN_IF_ERROR(s.Prepare(db, "SELECT fts5(?1)"));
  sqlite3_bind_pointer(s.get(), 1, &api, "fts5_api_ptr", nullptr);
  s.Step();
  if (!api) return Status::Internal("this SQLite has no full-text search (FTS5)");
  void* context = nullptr;
  fts5_tokenizer tokenizer{};
  if (api->xFindTokenizer(api, "unicode61", &context, &tokenizer) != SQLITE_OK)
    return Status::Internal("the FTS5 tokenizer unicode61 is missing");
  const char* args[] = {"remove_diacritics", "2"};
  Fts5Tokenizer* handle = nullptr;
  if (tokenizer.xCreate(context, args, 2, &handle) != SQLITE_OK)
    return Status::Internal("the FTS5 tokenizer unicode61 could not be created");
  return std::unique_ptr<FtsTokenizer>(new FtsTokenizer(tokenizer, handle));
}

FtsTokenizer::~FtsTokenizer() { api_.xDelete(handle_); }

void FtsTokenizer::Tokenize(std::string_view text, std::vector<std::string>* tokens) const {
  auto add = [](void* ctx, int, const char* token, int n, int, int) -> int {
    static_cast<std::vector<std::string>*>(ctx)->emplace_back(token, static_cast<size_t>(n));
    return SQLITE_OK;
  };
  api_.xTokenize(handle_, tokens, FTS5_TOKENIZE_QUERY, text.data(), static_cast<int>(text.size()), add);
}

size_t FtsTokenizer::CountTokens(std::string_view text) const {
  size_t n = 0;
  auto count = [](void* ctx, int, const char*, int, int, int) -> int {
    ++*static_cast<size_t*>(ctx);
    return SQLITE_OK;
  };
  api_.xTokenize(handle_, &n, FTS5_TOKENIZE_QUERY, text.data(), static_cast<int>(text.size()), count);
  return n;
}

}  // namespace kashf
