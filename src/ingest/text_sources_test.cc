// Text as a source (issue 19): text columns in mappings, chat exports and ad snapshots, with the
// selectors found in their text linked into the store as Mentions whose spans point at the bytes.
#include <gtest/gtest.h>

#include <map>

#include "kashf/ingest/chat_mapper.h"
#include "kashf/ingest/importer.h"
#include "kashf/ingest/text_links.h"
#include "kashf/testing/files.h"

namespace kashf {
namespace {

// An FIR register whose narrative is a text column.
const char* kNarrativeMapping = R"(dataset: fir-text
entities:
  case:
    schema: Case
    keys: [fir_no]
    properties:
      caseNumber: fir_no
      notes: {column: narrative, text: true}
)";

// Ad snapshots as JSON lines or CSV: title, body and contact are text.
const char* kAdsMapping = R"(dataset: ads
required: [ad_id]
entities:
  ad:
    schema: Advertisement
    keys: [platform, ad_id]
    properties:
      title: {column: title, text: true}
      bodyText: {column: body, text: true}
      price: price
      postedDate: {column: posted, invalid: skip}
      place: place
      contact: {column: contact, text: true}
      url: url
      platform: platform
)";

class TextSourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = std::move(*Model::LoadDefault());
    dir_ = testing::FreshTempDir("text-sources");
    store_ = std::move(*OpenSqliteStore(dir_ + "/k.db", model_));
  }
  Mapping Parse(const std::string& yaml) {
    auto m = ParseMapping(yaml, "m.yaml", model_);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? std::move(*m) : Mapping();
  }
  Result<ImportReport> Import(const Mapping& mapping, const std::string& name, const std::string& body,
                              size_t max_cell_bytes = InputLimits{}.max_cell_bytes) {
    testing::WriteFile(dir_ + "/" + name, body);
    ImportOptions o;
    o.file = dir_ + "/" + name;
    o.import_time = 1000;
    o.limits.max_cell_bytes = max_cell_bytes;
    return ImportFile(*store_, mapping, o);
  }
  // The value of `prop` of entity `id` (first), "" when none.
  std::string Value(const std::string& id, const std::string& prop) {
    auto e = store_->GetEntity(id);
    if (!e.ok()) return "";
    for (const auto& s : e->statements)
      if (s.prop == prop) return s.value;
    return "";
  }
  std::vector<TextMention> Mentions(const std::string& id, const std::string& dataset) {
    auto m = MentionsOf(*store_, id, dataset);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? *m : std::vector<TextMention>();
  }
  Model model_;
  std::string dir_;
  std::unique_ptr<Store> store_;
};

// The bytes of `text` a mention's span covers.
std::string Span(const std::string& text, const TextMention& m) { return text.substr(m.begin, m.end - m.begin); }

TEST_F(TextSourcesTest, NarrativeColumnIsKeptAsWrittenAndItsSelectorsLinkedWithSpans) {
  const Mapping mapping = Parse(kNarrativeMapping);
  // A right-to-left mark and a zero-width space inside the phone number, Urdu digits in the CNIC,
  // two spaces and a line break the stored text keeps.
  const std::string narrative =
      "Accused said  rabta 0300-\xE2\x80\x8F"
      "123\xE2\x80\x8B"
      "4567 pe karo.\nCNIC \xDB\xB3\xDB\xB5"
      "202-1234567-1, "
      "easypaisa 0345 5550777, mail ali.k@example.com";
  auto r = Import(mapping, "fir.csv", "fir_no,narrative\nFIR-9,\"" + narrative + "\"\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->run.rows_loaded, 1);
  const std::string case_id = MakeEntityId("fir-text", "Case", "FIR-9");
  const std::string stored = Value(case_id, "notes");
  EXPECT_EQ(stored, narrative) << "a text column is stored exactly as written";
  const std::vector<TextMention> mentions = Mentions(case_id, "fir-text");
  std::map<std::string, const TextMention*> by_kind;
  for (const auto& m : mentions) by_kind[m.kind] = &m;
  ASSERT_EQ(by_kind.size(), 4u) << "phone, cnic, wallet, email";
  const TextMention& phone = *by_kind["phone"];
  EXPECT_EQ(phone.value, "+923001234567");
  EXPECT_EQ(Span(stored, phone),
            "0300-\xE2\x80\x8F"
            "123\xE2\x80\x8B"
            "4567");
  EXPECT_EQ(phone.field, "notes");
  EXPECT_EQ(phone.record_id, "fir.csv:2");
  EXPECT_EQ(phone.extractor, "kashf-text/phone");
  EXPECT_EQ(phone.selector, MakeEntityId("fir-text", "Phone", "+923001234567"));
  EXPECT_EQ(Value(phone.selector, "number"), "+923001234567") << "the selector is an entity of its own";
  EXPECT_EQ(Span(stored, *by_kind["cnic"]),
            "\xDB\xB3\xDB\xB5"
            "202-1234567-1");
  EXPECT_EQ(Value(by_kind["cnic"]->selector, "cnic"), "35202-1234567-1");
  EXPECT_EQ(Value(by_kind["wallet"]->selector, "walletNumber"), "+923455550777");
  EXPECT_EQ(Span(stored, *by_kind["email"]), "ali.k@example.com");
  // The phone's entity lists the text that names it.
  const auto named = Mentions(phone.selector, "fir-text");
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].document, case_id);
  EXPECT_EQ(BracketSpans(stored, {by_kind["email"]}).substr(stored.size() - 17), "[ali.k@example.com]");
}

TEST_F(TextSourcesTest, ReimportAddsNothing) {
  const Mapping mapping = Parse(kNarrativeMapping);
  const std::string body = "fir_no,narrative\nFIR-1,call 0300 1234567\nFIR-2,jazzcash 03451234567 pe bhejo\n";
  auto first = Import(mapping, "fir.csv", body);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->run.statements_new, 10);
  auto again = Import(mapping, "fir.csv", body);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->run.statements_new, 0);
}

TEST_F(TextSourcesTest, TextOnlyOnTextPropertiesReadFromColumns) {
  auto date = ParseMapping(
      "dataset: d\nentities:\n  c:\n    schema: Case\n    keys: [id]\n    properties:\n"
      "      openedDate: {column: d, text: true}\n",
      "bad.yaml", model_);
  ASSERT_FALSE(date.ok());
  EXPECT_NE(date.status().message().find("text: true needs a text or string property"), std::string::npos)
      << date.status().message();
  auto literal = ParseMapping(
      "dataset: d\nentities:\n  c:\n    schema: Case\n    keys: [id]\n    properties:\n"
      "      notes: {literal: x, text: true}\n",
      "bad.yaml", model_);
  ASSERT_FALSE(literal.ok());
  EXPECT_NE(literal.status().message().find("values read from columns"), std::string::npos);
  auto chat = ParseMapping("dataset: d\nformat: chat\nentities: {}\n", "bad.yaml", model_);
  ASSERT_FALSE(chat.ok());
  EXPECT_NE(chat.status().message().find("does not apply to `format: chat`"), std::string::npos);
}

TEST_F(TextSourcesTest, AdsAsJsonLinesRejectBadLinesAndKeepTheRest) {
  const Mapping mapping = Parse(kAdsMapping);
  const std::string lines =
      R"({"ad_id": "A1", "platform": "olx", "title": "Kalakov for sale", "body": "asli maal, 2 lakh, rabta zero three zero zero five five five one two three four", "price": "200000", "posted": "2024-03-12", "place": "Kohat", "contact": "WhatsApp +92 333 5550441", "url": "https://olx.com.pk/item/1"})"
      "\n"
      "{\"ad_id\": \"A2\", \"body\": \"not closed\n"
      R"({"ad_id": "A3", "platform": "fb", "body": "Dubai jobs \u200f0345\u200b5550777 salary 1500 AED", "posted": "someday"})"
      "\n"
      "{\"ad_id\": \"A4\", \"platform\": \"fb\", \"body\": \"caf\xE9 latin-1\"}\n"
      R"({"platform": "fb", "body": "no id 0300 1112223"})"
      "\n";
  auto r = Import(mapping, "ads.jsonl", lines);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_read, 5);
  EXPECT_EQ(r->run.rows_loaded, 2);
  ASSERT_EQ(r->rejects.size(), 3u);
  EXPECT_EQ(r->rejects[0].line, 2);  // not JSON
  EXPECT_EQ(r->rejects[1].line, 4);  // not UTF-8
  EXPECT_NE(r->rejects[1].reason.find("UTF-8"), std::string::npos) << r->rejects[1].reason;
  EXPECT_EQ(r->rejects[2].line, 5);  // no ad_id
  EXPECT_EQ(r->warnings, 1);         // the date that is none, skipped
  const std::string a1 = MakeEntityId("ads", "Advertisement", "olx|A1");
  std::map<std::string, std::string> values;  // field/kind -> value
  for (const auto& m : Mentions(a1, "ads")) values[m.field + "/" + m.kind] = m.value;
  EXPECT_EQ(values["bodyText/phone"], "+923005551234") << "a number spelt out to evade filters";
  EXPECT_EQ(values["contact/phone"], "+923335550441");
  EXPECT_EQ(Value(a1, "place"), "Kohat");
  const std::string a3 = MakeEntityId("ads", "Advertisement", "fb|A3");
  const auto a3_mentions = Mentions(a3, "ads");
  ASSERT_EQ(a3_mentions.size(), 1u);
  EXPECT_EQ(a3_mentions[0].value, "+923455550777");
  EXPECT_EQ(Span(Value(a3, "bodyText"), a3_mentions[0]), "0345\u200b5550777");
}

TEST_F(TextSourcesTest, AdsAsCsvWithTheSameMapping) {
  const Mapping mapping = Parse(kAdsMapping);
  auto r = Import(mapping, "ads.csv",
                  "ad_id,platform,title,body,price,posted,place,contact,url\n"
                  "B1,olx,Pistol 30 bore,\"TT pistol, jazz cash 0301-5550123\",55000,12/03/2024,Peshawar,,\n"
                  "B2,olx,,,,,,,\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_loaded, 2);
  const auto mentions = Mentions(MakeEntityId("ads", "Advertisement", "olx|B1"), "ads");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].kind, "wallet");
  EXPECT_EQ(Value(mentions[0].selector, "walletNumber"), "+923015550123");
}

TEST_F(TextSourcesTest, ChatExportMessagesAreEntitiesLinkedToSendersChatAndSelectors) {
  const Mapping mapping = Parse("dataset: seized-phone\nformat: chat\n");
  ASSERT_TRUE(mapping.ReadsText());
  const std::string huge(300, 'x');
  const std::string chat =
      "12/03/2024, 14:05 - Messages and calls are end-to-end encrypted.\n"
      "12/03/2024, 14:06 - Recruiter Bilal: Dubai job pakki hai\n"
      "fee 2 lakh, easypaisa 0345-5550777\n"
      "12/03/2024, 14:07 - \xE2\x80\xAA+92 300 5551234\xE2\x80\xAC: IMG-20240312-WA0007.jpg (file attached)\n"
      "12/03/2024, 14:08 - Recruiter Bilal: \x89PNG\xFF\xD8\x10 binary\n"
      "12/03/2024, 14:09 - Recruiter Bilal: " +
      huge +
      "\n"
      "12/03/2024, 14:10 - Recruiter Bilal: call me on 0300 555 1234\n";
  auto r = Import(mapping, "WhatsApp Chat.txt", chat, 200);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_read, 6);
  EXPECT_EQ(r->run.rows_loaded, 4);
  ASSERT_EQ(r->rejects.size(), 2u);
  EXPECT_EQ(r->rejects[0].line, 5);  // binary bytes
  EXPECT_NE(r->rejects[0].reason.find("UTF-8"), std::string::npos);
  EXPECT_EQ(r->rejects[1].line, 6);  // larger than the limit
  EXPECT_NE(r->rejects[1].reason.find("longer than 200 bytes"), std::string::npos);

  const std::string message = MakeEntityId("seized-phone", "Message", "WhatsApp Chat.txt:2");
  EXPECT_EQ(Value(message, "bodyText"), "Dubai job pakki hai\nfee 2 lakh, easypaisa 0345-5550777");
  EXPECT_EQ(Value(message, "time"), "2024-03-12T14:06");
  EXPECT_EQ(Value(message, "date"), "2024-03-12");
  const std::string bilal = MakeEntityId("seized-phone", "Person", "Recruiter Bilal");
  EXPECT_EQ(Value(message, "author"), bilal);
  EXPECT_EQ(Value(bilal, "name"), "Recruiter Bilal");
  const std::string chat_id = MakeEntityId("seized-phone", "Chat", "WhatsApp Chat.txt");
  EXPECT_EQ(Value(message, "chat"), chat_id);
  const auto mentions = Mentions(message, "seized-phone");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].kind, "wallet");
  EXPECT_EQ(Span(Value(message, "bodyText"), mentions[0]), "0345-5550777");
  EXPECT_EQ(mentions[0].record_id, "WhatsApp Chat.txt:2");

  // An unsaved contact's number (wrapped in bidi marks) is the author: the same Phone entity a
  // text naming that number links to.
  const std::string photo = MakeEntityId("seized-phone", "Message", "WhatsApp Chat.txt:4");
  const std::string phone = MakeEntityId("seized-phone", "Phone", "+923005551234");
  EXPECT_EQ(Value(photo, "author"), phone);
  EXPECT_EQ(Value(photo, "attachment"), "IMG-20240312-WA0007.jpg");
  const auto last = Mentions(MakeEntityId("seized-phone", "Message", "WhatsApp Chat.txt:7"), "seized-phone");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].selector, phone);
  // Participants of the chat.
  auto c = store_->GetEntity(chat_id);
  ASSERT_TRUE(c.ok());
  std::set<std::string> participants;
  for (const auto& s : c->statements)
    if (s.prop == "participant") participants.insert(s.value);
  EXPECT_EQ(participants, (std::set<std::string>{bilal, phone}));

  auto again = Import(mapping, "WhatsApp Chat.txt", chat, 200);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->run.statements_new, 0) << "re-import is idempotent";
}

TEST_F(TextSourcesTest, ChatExportProblemsAreWarningsAndBadFilesAreRefused) {
  const Mapping mapping = Parse("dataset: chats\nformat: chat\n");
  auto r = Import(mapping, "c.txt",
                  "orphan line before any message\n"
                  "12/03/2024, 14:06 - Ali: salam\n"
                  "31/02/2024, 10:00 - Ali: impossible date\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->run.rows_rejected, 0) << "nothing is lost";
  EXPECT_GE(r->warnings, 2);
  auto empty = Import(mapping, "e.txt", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("is empty"), std::string::npos);
  auto utf16 = Import(mapping, "u.txt", std::string("\xFF\xFE\x31\x00", 4));
  ASSERT_FALSE(utf16.ok());
  EXPECT_NE(utf16.status().message().find("UTF-16"), std::string::npos);
}

TEST_F(TextSourcesTest, ChatMonthFirstFromTheMapping) {
  const Mapping mapping = Parse("dataset: us-chat\nformat: chat\nchat: {month_first: true}\n");
  auto r = Import(mapping, "us.txt", "03/12/2024, 14:05 - Ali: salam\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Value(MakeEntityId("us-chat", "Message", "us.txt:1"), "date"), "2024-03-12");
}

// Spans that do not fit the text, or overlap an earlier one, are left unmarked; the text is whole.
TEST(BracketSpans, MarksOnlySpansThatFit) {
  TextMention a, b, c;
  a.begin = 5, a.end = 9;
  b.begin = 7, b.end = 12;   // overlaps a
  c.begin = 20, c.end = 40;  // past the end
  EXPECT_EQ(BracketSpans("call 0300 now, ok", {&a, &b, &c}), "call [0300] now, ok");
  EXPECT_EQ(BracketSpans("", {&a}), "");
}

}  // namespace
}  // namespace kashf
