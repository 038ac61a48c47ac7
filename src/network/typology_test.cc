// Each typology on small hand-made transfer sets whose answer is known, with near-misses that
// must not be flagged; parameter and currency errors; the CSV reader.
#include "kashf/network/typology.h"

#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::network {
namespace {

std::string N(const char* prefix, int i) { return fmt::format("{}{}", prefix, i); }

constexpr int64_t kHour = 3600, kDay = 86400, kStart = 19000 * kDay;

struct Builder {
  TransferSet ts;
  Builder& Pay(const std::string& from, const std::string& to, double amount, int64_t time,
               const std::string& currency = "PKR") {
    ts.Add({ts.Account(from), ts.Account(to), kStart + time, amount, ts.Currency(currency), graph::Channel::kBank});
    return *this;
  }
};

// account -> typologies flagged, running only `t` with the given options.
std::map<std::string, std::set<std::string>> Flags(TransferSet& ts, const TypologyOptions& o = {}) {
  ts.Finish();
  std::map<std::string, std::set<std::string>> out;
  Status st = DetectTypologies(ts, o, [&](TypologyHit&& h) {
    EXPECT_FALSE(h.evidence.empty());
    EXPECT_GE(h.score, 0);
    EXPECT_LE(h.score, 1);
    out[ts.accounts()[h.account]].insert(TypologyName(h.typology));
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TypologyOptions Only(Typology t) {
  TypologyOptions o;
  o.only = {t};
  return o;
}

// Eight deposits of about 49,500 from six payers every two days (+- 3 hours) into "sink".
Builder Smurfing(double spread = 0.02, int64_t gap = 2 * kDay) {
  Builder b;
  for (int i = 0; i < 8; ++i)
    b.Pay(N("smurf", i % 6), "sink", 49000 * (1 + spread * (i % 3) / 2), i * gap + (i % 2) * 3 * kHour);
  return b;
}

TEST(FanTypology, NearIdenticalAmountsAtASteadyRhythmFromDistinctPayersAreFanIn) {
  Builder b = Smurfing();
  auto f = Flags(b.ts, Only(Typology::kFanIn));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["sink"], std::set<std::string>{"fan-in"});
}

TEST(FanTypology, VariedAmountsBurstsAndAmountsOverTheThresholdAreNot) {
  Builder varied = Smurfing(/*spread=*/0.6);  // 49,000 .. 63,700: outside a 10% band
  EXPECT_TRUE(Flags(varied.ts, Only(Typology::kFanIn)).empty());
  Builder burst = Smurfing(0.02, /*gap=*/10 * 60);  // every 10 minutes: a batch, not a rhythm
  EXPECT_TRUE(Flags(burst.ts, Only(Typology::kFanIn)).empty());
  Builder irregular;  // the same amounts, but bunched: gaps of 1 hour and 12 days
  for (int i = 0; i < 8; ++i) irregular.Pay(N("p", i), "sink", 49000, (i / 4) * 12 * kDay + i * kHour);
  EXPECT_TRUE(Flags(irregular.ts, Only(Typology::kFanIn)).empty());
  Builder above = Smurfing();
  TypologyOptions o = Only(Typology::kFanIn);
  o.fan.threshold = 45000;  // structuring stays below a reporting threshold
  EXPECT_TRUE(Flags(above.ts, o).empty());
  Builder two_payers;  // one payer's standing order is not smurfing
  for (int i = 0; i < 8; ++i) two_payers.Pay(i % 2 ? "a" : "b", "sink", 49000, i * 2 * kDay);
  EXPECT_TRUE(Flags(two_payers.ts, Only(Typology::kFanIn)).empty());
}

TEST(FanTypology, RentsAndAShopsTakingsAreNot) {
  Builder rents;  // six tenants pay like rents early each month, one a day: standing orders
  for (int m = 0; m < 4; ++m)
    for (int i = 0; i < 6; ++i) rents.Pay(N("tenant", i), "landlord", 30000 + 500 * i, m * 30 * kDay + i * kDay);
  EXPECT_TRUE(Flags(rents.ts, Only(Typology::kFanIn)).empty());
  Builder once = Smurfing();  // the same tenants' first month alone would pass: the rule is what rejects it
  for (int m = 0; m < 4; ++m) once.Pay("tenant", "landlord", 30000, m * 30 * kDay);
  EXPECT_EQ(Flags(once.ts, Only(Typology::kFanIn)).count("sink"), 1u);
  Builder shop = Smurfing();  // the eight like deposits are lost among many varied payments
  for (int i = 0; i < 20; ++i) shop.Pay(N("buyer", i), "sink", 1000 + 3000 * i, i * 18 * kHour);
  EXPECT_TRUE(Flags(shop.ts, Only(Typology::kFanIn)).empty());
}

TEST(FanTypology, FanOutIsTheMirrorImage) {
  Builder b;
  for (int i = 0; i < 7; ++i) b.Pay("source", N("r", i), 9800 + 50 * (i % 3), i * 3 * kDay);
  b.Pay("x", "source", 70000, 0);
  auto f = Flags(b.ts, Only(Typology::kFanOut));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["source"], std::set<std::string>{"fan-out"});
  Builder payroll;  // the same salary to seven people at one moment
  for (int i = 0; i < 7; ++i) payroll.Pay("employer", N("e", i), 45000, 0);
  EXPECT_TRUE(Flags(payroll.ts, Only(Typology::kFanOut)).empty());
}

TEST(CycleTypology, ATimeOrderedDecayingRoundTripFlagsEveryAccountOnIt) {
  Builder b;
  b.Pay("a", "b", 100000, 0).Pay("b", "c", 96000, kDay).Pay("c", "d", 93000, 2 * kDay).Pay("d", "a", 90000, 3 * kDay);
  b.Pay("x", "a", 500, 0);
  auto f = Flags(b.ts, Only(Typology::kCycle));
  EXPECT_EQ(f.size(), 4u);
  for (const char* v : {"a", "b", "c", "d"}) EXPECT_EQ(f[v], std::set<std::string>{"cycle"}) << v;
}

TEST(CycleTypology, OutOfOrderGrowingSlowOrShortLoopsAreNot) {
  Builder order;  // d pays a before c paid d: not time-respecting
  order.Pay("a", "b", 100000, 0)
      .Pay("b", "c", 96000, 2 * kDay)
      .Pay("c", "d", 93000, 3 * kDay)
      .Pay("d", "a", 90000, kDay);
  EXPECT_TRUE(Flags(order.ts, Only(Typology::kCycle)).empty());
  Builder grows;  // the last hop pays back more than it got
  grows.Pay("a", "b", 100000, 0).Pay("b", "c", 96000, kDay).Pay("c", "a", 150000, 2 * kDay);
  EXPECT_TRUE(Flags(grows.ts, Only(Typology::kCycle)).empty());
  Builder slow;  // back after 40 days: outside the 30-day window
  slow.Pay("a", "b", 100000, 0).Pay("b", "c", 96000, 20 * kDay).Pay("c", "a", 93000, 40 * kDay);
  EXPECT_TRUE(Flags(slow.ts, Only(Typology::kCycle)).empty());
  Builder loan;  // a loan paid back: two hops, below the default min_hops of 3
  loan.Pay("a", "b", 100000, 0).Pay("b", "a", 98000, 5 * kDay);
  EXPECT_TRUE(Flags(loan.ts, Only(Typology::kCycle)).empty());
  TypologyOptions two = Only(Typology::kCycle);
  two.cycle.min_hops = 2;
  Builder loan2;
  loan2.Pay("a", "b", 100000, 0).Pay("b", "a", 98000, 5 * kDay);
  EXPECT_EQ(Flags(loan2.ts, two).size(), 2u);
}

TEST(ScatterGatherTypology, SplitOverIntermediariesAndGatheredAtOneSink) {
  Builder b;
  const double part[] = {120000, 80000, 150000, 95000};
  for (int i = 0; i < 4; ++i) {
    const std::string m = N("m", i);
    b.Pay("src", m, part[i], i * kHour).Pay(m, "sink", part[i] * 0.97, kDay + i * 5 * kHour);
  }
  auto f = Flags(b.ts, Only(Typology::kScatterGather));
  EXPECT_EQ(f.size(), 6u);
  for (const char* v : {"src", "sink", "m0", "m1", "m2", "m3"}) EXPECT_EQ(f[v].count("scatter-gather"), 1u) << v;
}

TEST(ScatterGatherTypology, TooFewBranchesEarlierLegsOrGrowingLegsAreNot) {
  Builder two;
  for (int i = 0; i < 2; ++i) two.Pay("src", N("m", i), 1000, 0).Pay(N("m", i), "t", 990, kDay);
  EXPECT_TRUE(Flags(two.ts, Only(Typology::kScatterGather)).empty());
  Builder early;  // the intermediaries paid the sink before they were paid
  for (int i = 0; i < 4; ++i) early.Pay(N("m", i), "t", 990, 0).Pay("src", N("m", i), 1000, kDay);
  EXPECT_TRUE(Flags(early.ts, Only(Typology::kScatterGather)).empty());
  Builder more;  // each intermediary passes on more than it got: not the source's money
  for (int i = 0; i < 4; ++i) more.Pay("src", N("m", i), 1000, 0).Pay(N("m", i), "t", 5000, kDay);
  EXPECT_TRUE(Flags(more.ts, Only(Typology::kScatterGather)).empty());
}

TEST(PassThroughTypology, AMuleSendsOnNearlyEverythingWithinHours) {
  Builder b;
  for (int i = 0; i < 4; ++i) {
    b.Pay(N("origin", i), "mule", 200000, i * 7 * kDay);
    b.Pay("mule", "next", 120000, i * 7 * kDay + 3 * kHour).Pay("mule", "other", 74000, i * 7 * kDay + 5 * kHour);
  }
  auto f = Flags(b.ts, Only(Typology::kPassThrough));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f["mule"], std::set<std::string>{"pass-through"});
  TypologyOptions known = Only(Typology::kPassThrough);
  known.exclude = {"mule", "not-in-the-data"};  // e.g. a licensed money-service agent
  EXPECT_TRUE(Flags(b.ts, known).empty());
}

TEST(PassThroughTypology, MoneyReceivedInPartsIsOneReceipt) {
  Builder b;
  for (int i = 0; i < 3; ++i)
    b.Pay("o", "mule", 120000, i * 5 * kDay)
        .Pay("o", "mule", 80000, i * 5 * kDay + 600)
        .Pay("mule", "n", 196000, i * 5 * kDay + 2 * kHour);
  EXPECT_EQ(Flags(b.ts, Only(Typology::kPassThrough))["mule"], std::set<std::string>{"pass-through"});
  TypologyOptions o = Only(Typology::kPassThrough);
  o.pass_through.merge_hours = 0;  // parts not merged: 196,000 exceeds each part
  Builder c;
  for (int i = 0; i < 3; ++i)
    c.Pay("o", "mule", 120000, i * 5 * kDay)
        .Pay("o", "mule", 80000, i * 5 * kDay + 600)
        .Pay("mule", "n", 196000, i * 5 * kDay + 2 * kHour);
  EXPECT_TRUE(Flags(c.ts, o).empty());
}

TEST(PassThroughTypology, HoldingTheMoneyKeepingMuchOrPayingBackAreNot) {
  Builder slow;  // sends it on after five days
  for (int i = 0; i < 4; ++i)
    slow.Pay("o", "acc", 200000, i * 10 * kDay).Pay("acc", "n", 195000, i * 10 * kDay + 5 * kDay);
  EXPECT_TRUE(Flags(slow.ts, Only(Typology::kPassThrough)).empty());
  Builder keeps;  // keeps half
  for (int i = 0; i < 4; ++i) keeps.Pay("o", "acc", 200000, i * kDay).Pay("acc", "n", 100000, i * kDay + kHour);
  EXPECT_TRUE(Flags(keeps.ts, Only(Typology::kPassThrough)).empty());
  Builder back;  // returns it to the payer (a refund)
  for (int i = 0; i < 4; ++i) back.Pay("o", "acc", 200000, i * kDay).Pay("acc", "o", 199000, i * kDay + kHour);
  EXPECT_TRUE(Flags(back.ts, Only(Typology::kPassThrough)).empty());
  Builder once;  // once is not a habit (min_events 3)
  once.Pay("o", "acc", 200000, 0).Pay("acc", "n", 199000, kHour);
  EXPECT_TRUE(Flags(once.ts, Only(Typology::kPassThrough)).empty());
}

// Dealer "d1" collects six customers' payments a week and settles them with "d2" less 2%.
Builder Hawala(int weeks, double kept = 0.98) {
  Builder b;
  for (int w = 0; w < weeks; ++w) {
    double sum = 0;
    for (int i = 0; i < 6; ++i) {
      const double amount = 20000 + 7000 * i + 1000 * w;
      b.Pay(N("customer", w * 6 + i), "d1", amount, w * 7 * kDay + i * 20 * 3600);
      sum += amount;
    }
    b.Pay("d1", "d2", sum * kept, w * 7 * kDay + 6 * kDay);
  }
  return b;
}

TEST(HawalaTypology, CollectedPaymentsSettledInLumpsWithOneCounterpart) {
  Builder b = Hawala(3);
  b.Pay("friend", "d1", 5000, 30 * kDay);  // ordinary payments around it change nothing
  auto f = Flags(b.ts, Only(Typology::kHawalaSettlement));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f["d1"], std::set<std::string>{"hawala-settlement"});
  EXPECT_EQ(f["d2"], std::set<std::string>{"hawala-settlement"});
}

TEST(HawalaTypology, OneLumpALumpOverTheSumOrABigCommissionAreNot) {
  Builder once = Hawala(1);  // a single settlement (min_settlements 2)
  EXPECT_TRUE(Flags(once.ts, Only(Typology::kHawalaSettlement)).empty());
  Builder more = Hawala(3, 1.2);  // pays on more than it collected
  EXPECT_TRUE(Flags(more.ts, Only(Typology::kHawalaSettlement)).empty());
  Builder fee = Hawala(3, 0.8);  // keeps 20%: not a settlement
  EXPECT_TRUE(Flags(fee.ts, Only(Typology::kHawalaSettlement)).empty());
  Builder few;  // two customers only
  for (int w = 0; w < 3; ++w)
    few.Pay("c1", "d1", 50000, w * 7 * kDay)
        .Pay("c2", "d1", 50000, w * 7 * kDay + kDay)
        .Pay("d1", "d2", 99000, w * 7 * kDay + 2 * kDay);
  EXPECT_TRUE(Flags(few.ts, Only(Typology::kHawalaSettlement)).empty());
}

TEST(TypologyOptions, OutOfRangeParametersAreClearErrors) {
  TypologyOptions o;
  o.fan.amount_band = 1.5;
  Status s = Validate(o);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("fan amount-band must be between 0 and 1 (got 1.5)"), std::string::npos) << s.message();
  o = {};
  o.cycle.max_hops = 2;  // below min_hops 3
  EXPECT_NE(Validate(o).message().find("cycle max-hops"), std::string::npos);
  o = {};
  o.pass_through.min_events = 0;
  EXPECT_NE(Validate(o).message().find("pass-through min-events"), std::string::npos);
  EXPECT_TRUE(Validate(TypologyOptions{}).ok());
  Builder b = Smurfing();
  b.ts.Finish();
  o = {};
  o.scatter_gather.window_days = 0;
  bool called = false;
  EXPECT_FALSE(DetectTypologies(b.ts, o, [&](TypologyHit&&) { return called = true; }).ok());
  EXPECT_FALSE(called);
  EXPECT_EQ(ParseTypology("Fan-In").value(), Typology::kFanIn);
  EXPECT_NE(ParseTypology("smurf").status().message().find("scatter-gather"), std::string::npos);
}

TEST(TypologyOptions, ACurrencyMixNeedsAChoiceAndTheChoiceKeepsOnlyThatCurrency) {
  Builder b = Smurfing();
  for (int i = 0; i < 8; ++i) b.Pay(N("u", i), "usd-sink", 900, i * 2 * kDay, "usd");
  b.ts.Finish();
  Status s = DetectTypologies(b.ts, {}, [](TypologyHit&&) { return true; });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("mix 2 currencies (PKR, USD)"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("--currency"), std::string::npos);
  TypologyOptions o = Only(Typology::kFanIn);
  o.currency = "usd";
  std::set<std::string> flagged;
  ASSERT_TRUE(DetectTypologies(b.ts, o, [&](TypologyHit&& h) {
                return flagged.insert(b.ts.accounts()[h.account]).second;
              }).ok());
  EXPECT_EQ(flagged, std::set<std::string>{"usd-sink"});
  o.currency = "EUR";
  EXPECT_NE(DetectTypologies(b.ts, o, [](TypologyHit&&) { return true; }).message().find("no transfers in currency"),
            std::string::npos);
}

TEST(TypologyOptions, TheSinkCanStopTheSearch) {
  Builder b;
  for (int k = 0; k < 5; ++k) {
    b.Pay(N("a", k), N("b", k), 1000, 0).Pay(N("b", k), N("c", k), 990, kDay).Pay(N("c", k), N("a", k), 980, 2 * kDay);
  }
  b.ts.Finish();
  int hits = 0;
  ASSERT_TRUE(DetectTypologies(b.ts, Only(Typology::kCycle), [&](TypologyHit&&) { return ++hits < 4; }).ok());
  EXPECT_EQ(hits, 4);
}

TEST(TransfersCsv, ReadsTimesAmountsAndCurrenciesAndNamesTheBadLine) {
  const std::string path = testing::FreshTempDir("transfers-csv") + "/t.csv";
  std::ofstream(path) << "id,time,from,to,amount,currency,channel\n"
                         "1,2024-03-01T10:30:00,A,B,1500.5,pkr,wallet\n"
                         "2,2024-03-02,B,C,1400,PKR,bank\n"
                         "3,1709300000,C,A,1300,PKR,hawala\n";
  auto ts = ReadTransfersCsv(path);
  ASSERT_TRUE(ts.ok()) << ts.status().message();
  ASSERT_EQ(ts->transfers().size(), 3u);
  EXPECT_EQ(ts->transfers()[0].time, 1709289000);  // 2024-03-01T10:30:00Z
  EXPECT_EQ(ts->transfers()[1].time, 1709337600);
  EXPECT_EQ(ts->currencies()[ts->transfers()[0].currency], "PKR");
  EXPECT_EQ(ts->transfers()[2].channel, graph::Channel::kHawala);
  EXPECT_EQ(ts->Out(ts->Account("B")).size(), 1u);
  std::ofstream(path) << "time,from,to,amount\n2024-03-01,A,B,12O0\n";
  EXPECT_NE(ReadTransfersCsv(path).status().message().find(":2: amount '12O0' is not a positive number"),
            std::string::npos);
  std::ofstream(path) << "when,from,to,amount\n";
  EXPECT_NE(ReadTransfersCsv(path).status().message().find("time, from, to and amount"), std::string::npos);
}

}  // namespace
}  // namespace kashf::network
