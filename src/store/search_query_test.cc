#include "search_query.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <random>

#include "fts_tokenizer.h"

namespace kashf {
namespace {

using Tokens = std::vector<std::string>;

class SearchQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    auto t = FtsTokenizer::Open(db_);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    tokenizer_ = std::move(*t);
    // A real index with the store's options: every query the parser makes must be valid on it.
    ASSERT_EQ(sqlite3_exec(db_,
                           "CREATE VIRTUAL TABLE names USING fts5(name, tokenize = 'unicode61 remove_diacritics 2', "
                           "detail = none, columnsize = 0);"
                           "INSERT INTO names VALUES ('Abdul-Rahman Khan'), ('M. Asif'), ('Seán O''Brien');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  void TearDown() override {
    tokenizer_.reset();
    sqlite3_close(db_);
  }
  Result<SearchQuery> Parse(std::string_view text) {
    return ParseSearchQuery(text, [this](std::string_view t, Tokens* out) { tokenizer_->Tokenize(t, out); });
  }
  // Runs the query's MATCH expressions on the index; -1 on an FTS error.
  int Matches(const SearchQuery& q, bool prefix) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM names WHERE names MATCH ?", -1, &s, nullptr) != SQLITE_OK)
      return -1;
    const std::string m = q.FtsMatch(prefix);
    sqlite3_bind_text(s, 1, m.data(), static_cast<int>(m.size()), SQLITE_TRANSIENT);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
  }
  sqlite3* db_ = nullptr;
  std::unique_ptr<FtsTokenizer> tokenizer_;
};

TEST_F(SearchQueryTest, PunctuatedNamesAreTheirTokens) {
  auto q = Parse("Abdul-Rahman");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->tokens, (Tokens{"abdul", "rahman"}));
  EXPECT_EQ(q->prefixable, (std::vector<bool>{true, true}));
  EXPECT_EQ(Matches(*q, false), 1);

  q = Parse("M.Asif");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens, (Tokens{"m", "asif"}));
  EXPECT_EQ(Matches(*q, true), 1);

  q = Parse("O'Brien");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens, (Tokens{"o", "brien"}));
  EXPECT_EQ(Matches(*q, false), 1);

  q = Parse("SEAN");  // diacritics folded as in the index
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens, (Tokens{"sean"}));
  EXPECT_EQ(Matches(*q, false), 1);
}

TEST_F(SearchQueryTest, FieldPrefixes) {
  auto q = Parse("name:muhammad");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->field, NameField::kName);
  EXPECT_EQ(q->tokens, (Tokens{"muhammad"}));
  q = Parse("Father:Ali khan");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->field, NameField::kFather);
  EXPECT_EQ(q->tokens, (Tokens{"ali", "khan"}));
  q = Parse("alias:\"Abdul Rahman\"");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->field, NameField::kAlias);
  EXPECT_EQ(q->tokens, (Tokens{"abdul", "rahman"}));
  EXPECT_FALSE(q->AnyPrefix());  // a quoted phrase is matched word for word
  q = Parse("http:ali");         // not a field: text
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->field, NameField::kAny);
  EXPECT_EQ(q->tokens, (Tokens{"http", "ali"}));
  EXPECT_EQ(FieldProperties(NameField::kFather), "|fatherName|");
  q = Parse("surname:Campbell");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->field, NameField::kSurname);
  EXPECT_EQ(FieldProperties(NameField::kSurname), "|lastName|");
  EXPECT_NE(FieldProperties(NameField::kName).find("|lastName|"), std::string_view::npos);
  EXPECT_TRUE(IsRelativeNameProperty("fatherName"));
  EXPECT_FALSE(IsRelativeNameProperty("alias"));
}

TEST_F(SearchQueryTest, IdentifiersInAnyFormattingAreOneKey) {
  for (const char* cnic :
       {"12987-4558663-7", "1298745586637", "12987 4558663 7", "12987-45586637", " 12987.4558663.7 "}) {
    auto q = Parse(cnic);
    ASSERT_TRUE(q.ok()) << cnic;
    ASSERT_FALSE(q->identifiers.empty()) << cnic;
    EXPECT_EQ(q->identifiers[0], "1298745586637") << cnic;
    EXPECT_TRUE(q->tokens.empty()) << cnic;  // not sent to the name index
  }
  auto q = Parse("0300-1234567");
  ASSERT_TRUE(q.ok());
  EXPECT_NE(std::find(q->identifiers.begin(), q->identifiers.end(), "923001234567"), q->identifiers.end());
  q = Parse("+92 300 1234567");  // a phone typed in groups is tried as one number
  ASSERT_TRUE(q.ok());
  EXPECT_NE(std::find(q->identifiers.begin(), q->identifiers.end(), "923001234567"), q->identifiers.end());
  q = Parse("PK36 SCBL 0000 0011 2345 6702");
  ASSERT_TRUE(q.ok());
  EXPECT_NE(std::find(q->identifiers.begin(), q->identifiers.end(), "PK36SCBL0000001123456702"), q->identifiers.end());
  q = Parse("ab1234567 ali");
  ASSERT_TRUE(q.ok());
  EXPECT_NE(std::find(q->identifiers.begin(), q->identifiers.end(), "AB1234567"), q->identifiers.end());
  EXPECT_EQ(q->tokens, (Tokens{"ali"}));
  EXPECT_EQ(IdentifierKey("a-1"), "");  // too short to be a key
}

TEST_F(SearchQueryTest, EmptyOrWordlessTextIsAClearError) {
  for (std::string_view text : {std::string_view(""), std::string_view("   "), std::string_view("\t"),
                                std::string_view("\0", 1), std::string_view("!!! -- ..."), std::string_view("\"\""),
                                std::string_view("name:"), std::string_view("\xff\xfe")}) {
    auto q = Parse(text);
    ASSERT_FALSE(q.ok());
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(q.status().message().find("no word"), std::string::npos);
  }
}

TEST_F(SearchQueryTest, ControlsAndInvalidUtf8AreSeparators) {
  auto q = Parse(std::string_view("ali\0khan", 8));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens, (Tokens{"ali", "khan"}));
  q = Parse("ali\tkhan\x01\x7f\xc3(x");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens, (Tokens{"ali", "khan", "x"}));
  q = Parse("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf");  // Urdu script
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens.size(), 1u);
}

TEST_F(SearchQueryTest, PrefixesOnlyOnBareWordsOfTwoOrMoreCharacters) {
  auto q = Parse("asif m \"khan\"");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->FtsMatch(false), "\"asif\" AND \"m\" AND \"khan\"");
  EXPECT_EQ(q->FtsMatch(true), "\"asif\"* AND \"m\" AND \"khan\"");
  q = Parse("m");
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->AnyPrefix());
  q = Parse("asif qur");
  ASSERT_TRUE(q.ok());
  q->expansions = {{}, {"qureshi", "qurban"}};
  EXPECT_EQ(q->FtsMatch(true), "\"asif\"* AND (\"qureshi\" OR \"qurban\")");
  EXPECT_GE(Matches(*q, true), 0);
  std::string many;
  for (int i = 0; i < 40; ++i) many += fmt::format("w{}x ", i);
  q = Parse(many);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->tokens.size(), kMaxSearchTokens);
}

// FTS5 syntax typed by a user is text: no operator, column filter, NEAR or quote gets through.
TEST_F(SearchQueryTest, AdversarialTextNeverReachesFtsAsSyntax) {
  const char* cases[] = {
      "ali OR khan",
      "NOT ali",
      "ali AND",
      "NEAR(ali khan)",
      "name : ali",
      "{name}: ali",
      "^ali",
      "ali*",
      "*",
      "\"ali",
      "ali\"\"khan",
      "(ali",
      "ali)",
      "a+b-c",
      "-ali",
      "ali\\",
      "%_%",
      "'; DROP TABLE names; --",
      "\u2028ali",  // U+2028 LINE SEPARATOR, then "ali"
      "ali:khan:",
      "ALI:",
      ":ali",
      "rank:1",
      "ekey:1",
      "name:name:ali",
      "\"\"\"ali\"\"\"",
  };
  for (const char* text : cases) {
    auto q = Parse(text);
    if (!q.ok()) {
      EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument) << text;
      continue;
    }
    if (q->tokens.empty()) continue;
    EXPECT_GE(Matches(*q, false), 0) << text << " -> " << q->FtsMatch(false);
    EXPECT_GE(Matches(*q, true), 0) << text << " -> " << q->FtsMatch(true);
  }
  // Random bytes: never an FTS error, and an error only when there is no word.
  std::mt19937 rng(12);
  for (int i = 0; i < 3000; ++i) {
    std::string text(rng() % 24, '\0');
    for (char& c : text) c = static_cast<char>(rng() % 256);
    auto q = Parse(text);
    if (!q.ok()) {
      EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument);
      continue;
    }
    if (q->tokens.empty()) continue;
    ASSERT_GE(Matches(*q, false), 0) << q->FtsMatch(false);
    ASSERT_GE(Matches(*q, true), 0) << q->FtsMatch(true);
  }
}

}  // namespace
}  // namespace kashf
