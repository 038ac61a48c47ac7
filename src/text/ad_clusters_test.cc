#include "kashf/text/ad_clusters.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "text_test_util.h"

namespace kashf::text {
namespace {

using testing::DefaultExtractor;
using ::testing::ElementsAre;

// Hand-made ads whose advertisers are known (all numbers invented).
std::vector<Ad> HandMadeAds() {
  return {
      // 0, 1: one recruiter's job ad, reworded, the second without a number.
      {"x1",
       "Saudi Arabia mein heavy driver ki naukri. Tankhwa 80 hazar mahana, visa aur ticket company ka. "
       "Rabta: 0300-1112233",
       {}},
      {"x2",
       "SAUDI ARABIA mein heavy driver ki naukriyan! Tankhwah 80 hazar mahana, visa aur ticket company "
       "ka. Jaldi rabta karein",
       {}},
      // 2, 3: unrelated texts sharing one phone, written two ways.
      {"y1", "Glock 19 for sale, original piece, call 0321-5556677", {}},
      {"y2", "Nurses needed in Dubai hospital, contact zero three two one five five five six six seven seven", {}},
      // 4, 5: unrelated texts sharing a picture (its hash written in two cases).
      {"z1", "Pistol 30 bore available in Peshawar, delivery everywhere", {"9f86d081884c7d65"}},
      {"z2", "Kalakov new piece, price on inbox only", {"9F86D081884C7D65"}},
      // 6, 7: unrelated ads on the same topics, other numbers.
      {"u1", "Factory workers wanted for Malaysia, free food and stay, call 0333-4445566", {"0000aaaa"}},
      {"u2", "Repeater 12 bore for sale in Lahore, whatsapp 0345-7778899", {}},
  };
}

std::vector<std::vector<std::string>> ClusterIds(const AdClustering& c) {
  std::vector<std::vector<std::string>> out;
  for (const auto& cluster : c.clusters) {
    std::vector<std::string> ids;
    for (uint32_t ad : cluster.ads) ids.push_back(c.ids[ad]);
    out.push_back(ids);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AdClusters, HandMadeAdsFormTheirAdvertisersWithEvidence) {
  const auto ads = HandMadeAds();
  // The reworded pair is similar and the topical neighbours are not (the test would be empty otherwise).
  EXPECT_GT(Jaccard(Shingles(ads[0].text), Shingles(ads[1].text)), 0.6);
  EXPECT_LT(Jaccard(Shingles(ads[2].text), Shingles(ads[7].text)), 0.2);
  AdClusterer clusterer(DefaultExtractor(), {});
  ASSERT_TRUE(clusterer.Add(ads).ok());
  const AdClustering c = clusterer.Cluster();
  EXPECT_THAT(ClusterIds(c), ElementsAre(ElementsAre("x1", "x2"), ElementsAre("y1", "y2"), ElementsAre("z1", "z2")));
  EXPECT_EQ(c.cluster_of[6], -1);
  EXPECT_EQ(c.cluster_of[7], -1);
  ASSERT_EQ(c.links.size(), 3u);
  EXPECT_EQ(c.links[0].evidence, AdEvidence::kText);
  EXPECT_EQ(std::make_pair(c.links[0].a, c.links[0].b), std::make_pair(0u, 1u));
  EXPECT_GT(c.links[0].similarity, 0.5);
  EXPECT_EQ(c.links[1], (AdLink{2, 3, AdEvidence::kSelector, 1.0, "phone", "+923215556677"}));
  EXPECT_EQ(c.links[2], (AdLink{4, 5, AdEvidence::kImage, 1.0, "image", "9f86d081884c7d65"}));
  // Each cluster lists the links that hold it together.
  for (const auto& cluster : c.clusters) ASSERT_EQ(cluster.links.size(), 1u);
}

TEST(AdClusters, AWalletNumberLinksAsThePhoneItIs) {
  const std::vector<Ad> ads = {{"a", "Advance fee easypaisa 0312 3456789 par bhejein", {}},
                               {"b", "Visa ke liye rabta 0312-3456789", {}}};
  auto c = ExactAdClusters(DefaultExtractor(), ads, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->links.size(), 1u);
  EXPECT_EQ(c->links[0].kind, "phone");
  EXPECT_EQ(c->links[0].value, "+923123456789");
}

TEST(AdClusters, ASelectorInTooManyAdsLinksNone) {
  std::vector<Ad> ads;
  for (int i = 0; i < 4; ++i)
    ads.push_back({fmt::format("{}", i),
                   fmt::format("help line 0300-1234567 item {}", std::string(40, static_cast<char>('k' + i))),
                   {}});
  AdClusterOptions options;
  options.use_text = false;
  options.max_selector_ads = 3;
  auto c = ExactAdClusters(DefaultExtractor(), ads, options);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->clusters.empty());
  EXPECT_EQ(c->skipped_selectors, 1u);
  options.max_selector_ads = 4;
  c = ExactAdClusters(DefaultExtractor(), ads, options);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->clusters.size(), 1u);
  EXPECT_EQ(c->links.size(), 3u);  // a star from the first ad, not all six pairs
}

// Families of reworded ads: `families` base texts of 30 random words, each copied `copies` times
// with `edits` words replaced, in shuffled order.
std::vector<Ad> RewordedFamilies(int families, int copies, int edits, uint32_t seed) {
  static const std::vector<std::string> words = {
      "naukri", "visa",    "ticket", "dubai",    "saudi",   "driver",   "salary", "hazar",    "mahana",    "company",
      "rabta",  "jaldi",   "kafeel", "labour",   "factory", "nurse",    "hotel",  "kitchen",  "waiter",    "mason",
      "pistol", "bore",    "piece",  "delivery", "price",   "inbox",    "new",    "original", "china",     "turkey",
      "lahore", "karachi", "free",   "food",     "stay",    "overtime", "agent",  "office",   "interview", "passport"};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> word(0, words.size() - 1);
  std::vector<Ad> ads;
  for (int f = 0; f < families; ++f) {
    std::vector<std::string> base;
    for (int w = 0; w < 30; ++w) base.push_back(words[word(rng)]);
    for (int c = 0; c < copies; ++c) {
      auto copy = base;
      for (int e = 0; e < edits; ++e)
        copy[std::uniform_int_distribution<size_t>(0, copy.size() - 1)(rng)] = words[word(rng)];
      std::string text;
      for (const auto& w : copy) text.append(w).append(" ");
      ads.push_back({fmt::format("f{}c{}", f, c), text, {}});
    }
  }
  std::shuffle(ads.begin(), ads.end(), rng);
  return ads;
}

TEST(AdClusters, LshFindsTheClustersOfTheExactReference) {
  const auto ads = RewordedFamilies(25, 8, 2, 7);
  AdClusterOptions options;
  options.use_selectors = false;
  auto exact = ExactAdClusters(DefaultExtractor(), ads, options);
  ASSERT_TRUE(exact.ok());
  ASSERT_EQ(exact->clusters.size(), 25u);  // the reference itself recovers every family
  AdClusterer lsh(DefaultExtractor(), options);
  ASSERT_TRUE(lsh.Add(ads).ok());
  const AdClustering found = lsh.Cluster();
  EXPECT_EQ(ClusterIds(found), ClusterIds(*exact));
  // Every LSH link is an exact link, with its similarity estimated within 0.15.
  size_t e = 0;
  for (const auto& link : found.links) {
    while (e < exact->links.size() && std::tie(exact->links[e].a, exact->links[e].b) < std::tie(link.a, link.b)) ++e;
    ASSERT_LT(e, exact->links.size());
    EXPECT_EQ(std::tie(exact->links[e].a, exact->links[e].b), std::tie(link.a, link.b));
    EXPECT_NEAR(exact->links[e].similarity, link.similarity, 0.15);
  }
  // Most exact pairs are found directly (the rest are joined through a third ad).
  EXPECT_GT(static_cast<double>(found.links.size()), 0.9 * static_cast<double>(exact->links.size()));
}

TEST(AdClusters, ThreadsGiveTheSerialResult) {
  auto ads = RewordedFamilies(40, 6, 4, 11);
  ads.push_back({"p1", "call 0300-9998877", {"cafe"}});
  ads.push_back({"p2", "zero three zero zero nine nine nine eight eight seven seven", {}});
  ads.push_back({"p3", "something else entirely", {"CAFE"}});
  AdClusterOptions options;
  options.max_bucket = 3;  // forces the star path of crowded buckets too
  AdClusterer serial(DefaultExtractor(), options);
  options.threads = 3;
  AdClusterer parallel(DefaultExtractor(), options);
  ASSERT_TRUE(serial.Add(ads).ok());
  ASSERT_TRUE(parallel.Add(std::span(ads).first(100)).ok());
  ASSERT_TRUE(parallel.Add(std::span(ads).subspan(100)).ok());
  const AdClustering s = serial.Cluster(), p = parallel.Cluster();
  EXPECT_GT(s.oversized_buckets, 0u);
  EXPECT_EQ(s.links, p.links);
  EXPECT_EQ(s.cluster_of, p.cluster_of);
  EXPECT_EQ(s.text_candidates, p.text_candidates);
  EXPECT_EQ(s.ids, p.ids);
}

}  // namespace
}  // namespace kashf::text
