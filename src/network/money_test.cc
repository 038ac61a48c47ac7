#include "kashf/network/money.h"

#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::network {
namespace {

graph::EdgeList Payments(const std::vector<std::pair<double, std::string>>& amounts) {
  graph::EdgeList el;
  el.num_nodes = 2;
  for (const auto& [amount, currency] : amounts) {
    graph::Edge e;
    e.src = 0;
    e.dst = 1;
    e.day = 19000;
    e.rel = graph::Relation::kPayment;
    e.amount = amount;
    if (!currency.empty()) {
      auto it = std::find(el.currencies.begin(), el.currencies.end(), currency);
      if (it == el.currencies.end()) it = el.currencies.insert(el.currencies.end(), currency);
      e.currency = static_cast<uint16_t>(it - el.currencies.begin());
    }
    el.edges.push_back(e);
  }
  return el;
}

TEST(Money, EachAmountShowsItsOwnCurrency) {
  EXPECT_EQ(FormatMoney(1250, "USD"), "USD 1,250");
  EXPECT_EQ(FormatMoney(1250000, "PKR"), "PKR 1.25M");
  EXPECT_EQ(FormatMoney(-999, "AED"), "AED -999");
  EXPECT_EQ(FormatMoney(48000, ""), "48,000");  // not recorded: no currency is made up
}

TEST(Money, AMixOfCurrenciesCannotBeSummed) {
  EXPECT_EQ(*SingleCurrency(Payments({{100, "PKR"}, {200, "PKR"}, {5, ""}}), "layering"), "PKR");
  EXPECT_EQ(*SingleCurrency(Payments({{100, ""}}), "layering"), "");
  auto mix = SingleCurrency(Payments({{100, "PKR"}, {200, "USD"}}), "layering");
  ASSERT_FALSE(mix.ok());
  EXPECT_NE(mix.status().message().find("2 currencies (PKR, USD), and layering adds"), std::string::npos)
      << mix.status().message();
  EXPECT_NE(mix.status().message().find("--convert-to PKR --rates"), std::string::npos);
}

TEST(Money, ConversionUsesTheRatesFileAndReportsItsSource) {
  const std::string dir = kashf::testing::FreshTempDir("money");
  testing::WriteFile(dir + "/rates.csv",
                     "from,to,rate,source,date\n"
                     "USD,PKR,280,State Bank of Pakistan,2024-03-01\n"
                     "PKR,AED,0.0132,\"Central Bank of the UAE, daily\",2024-03-01\n");
  auto rates = ExchangeRates::LoadCsv(dir + "/rates.csv");
  ASSERT_TRUE(rates.ok()) << rates.status().ToString();
  Conversion used;
  auto pkr = ConvertPayments(Payments({{100, "PKR"}, {10, "USD"}, {1000, "AED"}}), *rates, "pkr", &used);
  ASSERT_TRUE(pkr.ok()) << pkr.status().ToString();
  EXPECT_DOUBLE_EQ(pkr->edges[0].amount, 100);
  EXPECT_DOUBLE_EQ(pkr->edges[1].amount, 2800);
  EXPECT_NEAR(pkr->edges[2].amount, 1000 / 0.0132, 1e-6);  // the inverse of the PKR -> AED line
  EXPECT_EQ(*SingleCurrency(*pkr, "layering"), "PKR");
  EXPECT_EQ(used.to, "PKR");
  ASSERT_EQ(used.used.size(), 2u);
  EXPECT_EQ(used.used[0].source, "State Bank of Pakistan");
  EXPECT_EQ(used.used[0].date, "2024-03-01");
  EXPECT_EQ(used.used[1].source, "Central Bank of the UAE, daily (inverse)");
  // A currency the file does not cover, and a payment without a currency, are named.
  auto eur = ConvertPayments(Payments({{10, "EUR"}}), *rates, "PKR", nullptr);
  ASSERT_FALSE(eur.ok());
  EXPECT_NE(eur.status().message().find("no rate from EUR to PKR"), std::string::npos) << eur.status().message();
  auto bare = ConvertPayments(Payments({{10, ""}}), *rates, "PKR", nullptr);
  ASSERT_FALSE(bare.ok());
  EXPECT_NE(bare.status().message().find("no recorded currency"), std::string::npos);
}

TEST(Money, BadRatesFilesAreNamedWithTheirLine) {
  const std::string dir = kashf::testing::FreshTempDir("money-bad");
  testing::WriteFile(dir + "/a.csv", "from,to,rate\nUSD,PKR,280\n");
  EXPECT_NE(ExchangeRates::LoadCsv(dir + "/a.csv").status().message().find("no 'source' column"), std::string::npos);
  testing::WriteFile(dir + "/b.csv", "from,to,rate,source,date\nUSD,PKR,-3,SBP,2024-03-01\n");
  EXPECT_NE(ExchangeRates::LoadCsv(dir + "/b.csv").status().message().find("line 2: rate must be a positive"),
            std::string::npos);
  testing::WriteFile(dir + "/c.csv", "from,to,rate,source,date\nDOLLAR,PKR,280,SBP,2024-03-01\n");
  EXPECT_NE(ExchangeRates::LoadCsv(dir + "/c.csv").status().message().find("ISO 4217"), std::string::npos);
  testing::WriteFile(dir + "/d.csv", "from,to,rate,source,date\nUSD,PKR,280,,\n");
  EXPECT_NE(ExchangeRates::LoadCsv(dir + "/d.csv").status().message().find("source and date"), std::string::npos);
}

}  // namespace
}  // namespace kashf::network
