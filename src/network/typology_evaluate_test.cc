// Evaluation of the typology detectors: the truth file's checks, the scores, and each baseline on
// a small set whose answer is known.
#include "kashf/network/typology_evaluate.h"

#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::network {
namespace {

constexpr int64_t kDay = 86400, kStart = 19000 * kDay;

std::string N(const char* prefix, int i) { return fmt::format("{}{}", prefix, i); }

// A cycle a -> b -> c -> a (time-ordered, decaying); a static 2-cycle x <-> y out of time order
// and far apart; a merchant paid by eight buyers of varied amounts; and a sink smurfed eight
// times by six payers every two days.
TransferSet World() {
  TransferSet ts;
  auto pay = [&](const std::string& from, const std::string& to, double amount, int64_t t) {
    ts.Add({ts.Account(from), ts.Account(to), kStart + t, amount, ts.Currency("PKR"), graph::Channel::kBank});
  };
  pay("a", "b", 100000, 0);
  pay("b", "c", 95000, kDay);
  pay("c", "a", 91000, 2 * kDay);
  pay("x", "y", 5000, 0);
  pay("y", "x", 70000, 90 * kDay);
  for (int i = 0; i < 8; ++i) pay(N("buyer", i), "shop", 1000 + 7000 * i, i * kDay);
  for (int i = 0; i < 8; ++i) pay(N("smurf", i % 6), "sink", 49000 + 100 * (i % 3), i * 2 * kDay);
  ts.Finish();
  return ts;
}

std::string WriteTruth(const std::string& body) {
  std::string path = testing::FreshTempDir("typology-truth") + "/truth.csv";
  std::ofstream(path) << body;
  return path;
}

const MethodScore& Method(const TypologyScores& row, const std::string& prefix) {
  for (const auto& m : row.methods)
    if (m.method.rfind(prefix, 0) == 0) return m;
  ADD_FAILURE() << "no method " << prefix;
  return row.methods.front();
}

TEST(TypologyEvaluation, ScoresKashfAndTheBaselinesAgainstTheTruth) {
  TransferSet ts = World();
  auto truth = ReadTypologyTruth(WriteTruth("account,typology,role\n"
                                            "a,cycle,member\nb,cycle,member\nc,cycle,member\n"
                                            "sink,fan-in,sink\nsmurf0,fan-in,smurf\n"),
                                 ts);
  ASSERT_TRUE(truth.ok()) << truth.status().message();
  EXPECT_EQ(truth->rows, 4u) << "the smurf row is periphery, not counted";
  TypologyOptions o;
  o.only = {Typology::kFanIn, Typology::kCycle};
  auto ev = EvaluateTypologies(ts, *truth, o);
  ASSERT_TRUE(ev.ok()) << ev.status().message();
  ASSERT_EQ(ev->rows.size(), 3u);
  const TypologyScores& fan = ev->rows[0];
  EXPECT_EQ(fan.typology, "fan-in");
  EXPECT_EQ(fan.positives, 1u);
  EXPECT_EQ(Method(fan, "kashf").c.tp, 1u);
  EXPECT_EQ(Method(fan, "kashf").c.fp, 0u);
  // Eight distinct payers: the shop passes the count baseline (>= 6) as well as the sink; six
  // distinct smurfs pass it too.
  const Confusion& count = Method(fan, "distinct payers in window >= 6").c;
  EXPECT_EQ(count.tp, 1u);
  EXPECT_EQ(count.fp, 1u);
  EXPECT_DOUBLE_EQ(count.Precision(), 0.5);
  const TypologyScores& cyc = ev->rows[1];
  EXPECT_EQ(cyc.positives, 3u);
  EXPECT_EQ(Method(cyc, "kashf").c.tp, 3u);
  EXPECT_EQ(Method(cyc, "kashf").c.fp, 0u);
  // The static baseline also takes x and y, whose payments are 90 days apart and grow 14-fold.
  const Confusion& stat = Method(cyc, "on a directed cycle").c;
  EXPECT_EQ(stat.tp, 3u);
  EXPECT_EQ(stat.fp, 2u);
  EXPECT_NEAR(stat.F1(), 2 * 0.6 / 1.6, 1e-12);
  const TypologyScores& any = ev->rows[2];
  EXPECT_EQ(any.typology, "laundering (chosen typologies)");
  EXPECT_EQ(any.positives, 4u);
  EXPECT_EQ(Method(any, "kashf").c.F1(), 1.0);
}

TEST(TypologyEvaluation, ATruthFileNamingUnknownAccountsOrTypologiesIsAClearError) {
  TransferSet ts = World();
  auto unknown = ReadTypologyTruth(WriteTruth("account,typology\na,cycle\nAC999,cycle\n"), ts);
  EXPECT_NE(unknown.status().message().find(":3: account 'AC999' does not occur in the transfers"), std::string::npos)
      << unknown.status().message();
  auto typ = ReadTypologyTruth(WriteTruth("account,typology\na,smurfing\n"), ts);
  EXPECT_NE(typ.status().message().find(":2: unknown typology 'smurfing'"), std::string::npos)
      << typ.status().message();
  auto header = ReadTypologyTruth(WriteTruth("id,label\na,cycle\n"), ts);
  EXPECT_NE(header.status().message().find("expected the header account,typology"), std::string::npos);
  EXPECT_EQ(ReadTypologyTruth("/no/such/truth.csv", ts).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace kashf::network
