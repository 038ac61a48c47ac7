#include "kashf/firearms/registry_generator.h"

#include <gtest/gtest.h>

#include <set>

#include "firearms_test_util.h"
#include "kashf/firearms/chain_of_custody.h"

namespace kashf::firearms {
namespace {

const LifecycleRules& Rules() {
  static LifecycleRules r = std::move(LifecycleRules::LoadDefault()).value();
  return r;
}

SyntheticRegistry Make(size_t count, uint64_t seed) {
  GeneratorOptions o;
  o.count = count;
  o.seed = seed;
  auto gen = RegistryGenerator::Create(o, Rules());
  EXPECT_TRUE(gen.ok()) << gen.status().ToString();
  return std::move(gen->Generate()).value();
}

TEST(RegistryGenerator, DeterministicBySeed) {
  SyntheticRegistry a = Make(500, 3), b = Make(500, 3), c = Make(500, 4);
  ASSERT_EQ(a.firearms.size(), 500u);
  size_t differ = 0;  // serials that change with the seed
  for (size_t i = 0; i < a.firearms.size(); ++i) {
    EXPECT_EQ(a.firearms[i].firearm.serial, b.firearms[i].firearm.serial);
    EXPECT_EQ(a.firearms[i].events.size(), b.firearms[i].events.size());
    differ += a.firearms[i].firearm.serial != c.firearms[i].firearm.serial;
  }
  EXPECT_GT(differ, 450u);
  EXPECT_EQ(a.trace_requests.size(), b.trace_requests.size());
}

TEST(RegistryGenerator, HistoriesFollowTheLifecycleRulesAndCoverEveryEventKind) {
  SyntheticRegistry r = Make(4000, 9);
  std::set<std::string> kinds;
  size_t obliterated = 0;
  for (const auto& sf : r.firearms) {
    std::string state = "none";
    LifecycleEvent last;
    for (const auto& e : sf.events) {
      Status st = Rules().Check(state, last, e, sf.firearm.serial);
      ASSERT_TRUE(st.ok()) << sf.firearm.serial << ": " << st.ToString();
      state = Rules().NextState(e.kind);
      last = e;
      kinds.insert(e.kind);
    }
    EXPECT_EQ(state, sf.firearm.state);
    obliterated += sf.firearm.serial.find('?') != std::string::npos;
  }
  for (const auto& k : Rules().EventKinds()) EXPECT_TRUE(kinds.count(k)) << "no '" << k << "' event generated";
  EXPECT_GT(obliterated, 10u);
  EXPECT_GT(r.trace_requests.size(), 50u);
  EXPECT_GT(r.trace_answers.size(), 20u);
  for (const auto& t : r.trace_requests) EXPECT_TRUE(ValidateTraceRequest(t).ok());
}

TEST(RegistryGenerator, SerialsOnlyModeDrawsTheSameIdentities) {
  GeneratorOptions o;
  o.count = 300;
  o.seed = 5;
  auto gen = std::move(RegistryGenerator::Create(o, Rules())).value();
  auto serials = gen.GenerateSerials();
  SyntheticRegistry full = gen.Generate().value();
  ASSERT_EQ(serials.size(), 300u);
  // The first firearm of the full registry is drawn from the same stream as serial 1.
  EXPECT_EQ(serials[0].serial, full.firearms[0].firearm.serial);
  EXPECT_EQ(serials[0].make, full.firearms[0].firearm.make);
}

TEST(RegistryGenerator, SimulateIntoRegistryStoresEverythingThroughTheRules) {
  auto reg = FreshRegistry("gen");
  GeneratorOptions o;
  o.count = 800;
  o.seed = 2;
  auto sum = SimulateIntoRegistry(*reg, o);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->firearms, 800);
  EXPECT_EQ(*reg->CountFirearms(), 800);
  int64_t events = 0;
  ASSERT_TRUE(reg->ForEachEvent([&](const LifecycleEvent&) { return ++events > 0; }).ok());
  EXPECT_EQ(events, sum->events);
  EXPECT_EQ(static_cast<int64_t>(reg->TraceRequests(std::nullopt)->size()), sum->trace_requests);
  EXPECT_FALSE(reg->FirearmsWithEstablishedOrigin()->empty());
}

TEST(RegistryGenerator, BadConfigIsReported) {
  std::string dir = testing::FreshTempDir("gen");
  testing::WriteFile(dir + "/g.yaml", "makes: []\n");
  GeneratorOptions o;
  o.config_path = dir + "/g.yaml";
  auto gen = RegistryGenerator::Create(o, Rules());
  ASSERT_FALSE(gen.ok());
  EXPECT_NE(gen.status().message().find("g.yaml"), std::string::npos);
}

}  // namespace
}  // namespace kashf::firearms
