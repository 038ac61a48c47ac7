// The simulator's text truth agrees with its files: every labelled text is an ad, a chat message or
// a narrative as written, every label is where it says, and the advertisers' truth is consistent.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kashf/sim/simulate.h"
#include "kashf/testing/files.h"
#include "kashf/text/chat_export.h"
#include "kashf/text/evaluation.h"

namespace kashf::sim {
namespace {

struct SimText {
  std::string dir;
  SimulationSummary summary;
  std::vector<text::LabelledText> set;
  std::map<std::string, std::string> by_id;  // labelled text by id
};

const SimText& Simulated() {
  static const SimText* s = [] {
    auto* out = new SimText;
    out->dir = kashf::testing::FreshTempDir("sim_text");
    SimulationOptions o;
    o.records = 2000;
    o.ads = 1500;
    o.out_dir = out->dir;
    auto summary = Simulate(o);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    if (summary.ok()) out->summary = *summary;
    auto set = text::LoadLabelledSet(out->dir + "/text/truth/selectors.txt");
    EXPECT_TRUE(set.ok()) << set.status().ToString();  // every label's text occurs in its text
    if (set.ok()) out->set = std::move(set).value();
    for (const auto& t : out->set) out->by_id[t.id] = t.text;
    return out;
  }();
  return *s;
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(TextLeads, EveryAdIsLabelledAsClusteringReadsItAndHasOneAdvertiser) {
  const SimText& s = Simulated();
  ASSERT_EQ(s.summary.ads, 1500);
  const auto ads = Lines(s.dir + "/text/ads.jsonl");
  const auto truth = Lines(s.dir + "/text/truth/ad-advertisers.csv");
  ASSERT_EQ(ads.size(), 1500u);
  ASSERT_EQ(truth.size(), 1501u);
  std::map<std::string, std::set<std::string>> phones_of;  // advertiser -> phone and wallet values labelled
  std::map<std::string, std::string> advertiser_of_phone;
  for (size_t i = 0; i < ads.size(); ++i) {
    const auto ad = nlohmann::json::parse(ads[i]);
    const std::string id = ad["id"];
    const std::string contact = ad["contact"];
    std::string joined = fmt::format("{}\n{}", ad["title"].get<std::string>(), ad["body"].get<std::string>());
    if (!contact.empty()) joined.append("\n").append(contact);
    ASSERT_TRUE(s.by_id.count(id)) << id;
    EXPECT_EQ(s.by_id.at(id), joined);
    EXPECT_EQ(truth[i + 1].substr(0, truth[i + 1].find(',')), id);
  }
  // A number belongs to one advertiser: the clusters the truth names are the ones numbers can find.
  for (size_t i = 1; i < truth.size(); ++i) {
    const std::string id = truth[i].substr(0, truth[i].find(','));
    std::string advertiser = truth[i].substr(id.size() + 1);
    advertiser = advertiser.substr(0, advertiser.find(','));
    for (const auto& t : s.set) {
      if (t.id != id) continue;
      for (const auto& label : t.labels) {
        if (label.kind != text::SelectorKind::kPhone && label.kind != text::SelectorKind::kWallet) continue;
        phones_of[advertiser].insert(label.value);
        auto [it, inserted] = advertiser_of_phone.emplace(label.value, advertiser);
        EXPECT_EQ(it->second, advertiser) << label.value << " labelled for two advertisers";
      }
    }
  }
  for (const auto& [advertiser, phones] : phones_of) EXPECT_LE(phones.size(), 2u) << advertiser;
  EXPECT_GT(phones_of.size(), 12u);
}

TEST(TextLeads, ChatMessagesAndNarrativesAreLabelledAsWritten) {
  const SimText& s = Simulated();
  ASSERT_GE(s.summary.chats, 10);
  size_t messages = 0;
  for (int64_t c = 0; c < s.summary.chats; ++c) {
    const std::string name = fmt::format("chat-{:04d}.txt", c);
    const auto chat = text::ParseChatExport(kashf::testing::ReadFile(fmt::format("{}/text/chats/{}", s.dir, name)));
    EXPECT_TRUE(chat.problems.empty()) << name;
    for (const auto& m : chat.messages) {
      if (m.system) continue;
      const std::string id = fmt::format("{}:{}", name, m.line);
      ASSERT_TRUE(s.by_id.count(id)) << id;
      EXPECT_EQ(s.by_id.at(id), m.text);
      ++messages;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(messages), s.summary.chat_messages);
  const auto narratives = Lines(s.dir + "/text/fir-narratives.csv");
  EXPECT_EQ(static_cast<int64_t>(narratives.size()) - 1, s.summary.narratives);
  for (size_t i = 1; i < narratives.size(); ++i) {
    const std::string fir = narratives[i].substr(0, narratives[i].find(','));
    ASSERT_TRUE(s.by_id.count(fir)) << fir;
    EXPECT_NE(narratives[i].find(s.by_id.at(fir)), std::string::npos) << fir;
  }
  EXPECT_EQ(static_cast<int64_t>(s.set.size()), s.summary.ads + s.summary.chat_messages + s.summary.narratives);
}

TEST(TextLeads, LabelsCarryTheValuesTheExtractorReads) {
  const SimText& s = Simulated();
  size_t labels = 0;
  for (const auto& t : s.set) labels += t.labels.size();
  EXPECT_EQ(static_cast<int64_t>(labels), s.summary.text_labels);
  auto extractor = text::Extractor::LoadDefault();
  ASSERT_TRUE(extractor.ok());
  auto ev = text::Evaluate(*extractor, s.set);
  ASSERT_TRUE(ev.ok());
  // A wrong label value would show as a miss and a false find of the same kind; the simulated
  // obfuscations are read except the letter O typed for zero (2% of numbers).
  for (auto kind : {text::SelectorKind::kPhone, text::SelectorKind::kWallet, text::SelectorKind::kCnic,
                    text::SelectorKind::kMoney, text::SelectorKind::kEmail, text::SelectorKind::kFirearm}) {
    const auto& score = ev->by_kind[kind];
    EXPECT_GT(score.labelled, 0u) << text::KindName(kind);
    EXPECT_GE(score.precision(), 0.99) << text::KindName(kind);
    EXPECT_GE(score.recall(), 0.95) << text::KindName(kind);
  }
}

TEST(TextLeads, SameSeedSameText) {
  const SimText& s = Simulated();
  const std::string again = kashf::testing::FreshTempDir("sim_text_again");
  SimulationOptions o;
  o.records = 2000;
  o.ads = 1500;
  o.out_dir = again;
  ASSERT_TRUE(Simulate(o).ok());
  for (const char* f :
       {"/text/ads.jsonl", "/text/truth/selectors.txt", "/text/fir-narratives.csv", "/text/chats/chat-0003.txt"})
    EXPECT_EQ(kashf::testing::ReadFile(fmt::format("{}{}", s.dir, f)),
              kashf::testing::ReadFile(fmt::format("{}{}", again, f)))
        << f;
}

}  // namespace
}  // namespace kashf::sim
