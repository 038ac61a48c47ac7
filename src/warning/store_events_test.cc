// FIRs and payments of the statement store as events: a small hand-made store whose counts are known.
#include "kashf/warning/store_events.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kashf/model/model.h"
#include "kashf/testing/files.h"
#include "kashf/warning/event_sources.h"
#include "kashf/warning/series.h"

namespace kashf::warning {
namespace {

using Props = std::vector<std::pair<std::string, std::string>>;

class StoreEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto model = Model::LoadDefault();
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    auto store = OpenSqliteStore(kashf::testing::FreshTempDir("store_events") + "/k.db", *model);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    // FIR A has two rows (two accused) with different dates: the earliest counts.
    Put("punjab-fir", "Case", "A",
        {{"openedDate", "2024-01-09"},
         {"district", "Lahore"},
         {"offence", "Trafficking in persons"},
         {"agency", "Punjab Police"}});
    Put("punjab-fir", "Case", "A", {{"openedDate", "2024-01-02"}});
    Put("punjab-fir", "Case", "B",
        {{"openedDate", "2024-01-10"}, {"district", "Lahore"}, {"offence", "Theft"}, {"agency", "Punjab Police"}});
    Put("sindh-register", "Case", "C", {{"openedDate", "2024-02-05"}, {"district", "Karachi"}, {"offence", "Theft"}});
    Put("sindh-register", "Case", "D", {{"openedDate", "2024-03"}, {"offence", "Theft"}});  // month only
    Put("bank", "Person", "X", {{"name", "Test Payer"}, {"district", "Quetta"}});
    Put("bank", "Person", "Y", {{"name", "Other Payer"}});
    Put("bank", "Payment", "P1", {{"date", "2024-01-03"}, {"channel", "bank"}, {"payer", Id("bank", "Person", "X")}});
    Put("bank", "Payment", "P2", {{"date", "2024-01-04"}, {"channel", "Wallet"}, {"payer", Id("bank", "Person", "Y")}});
    Put("hawala-ledger", "Payment", "P3", {{"startDate", "2024-02-01"}, {"channel", "hawala"}});
    Put("hawala-ledger", "Payment", "P4", {{"channel", "hawala"}});  // no date
  }

  static std::string Id(const std::string& dataset, const std::string& schema, const std::string& key) {
    return MakeEntityId(dataset, schema, key);
  }

  void Put(const std::string& dataset, const std::string& schema, const std::string& key, const Props& props) {
    std::vector<Statement> batch;
    for (const auto& [prop, value] : props)
      batch.push_back({Id(dataset, schema, key), schema, prop, value, dataset, key + ":" + value, 1700000000});
    ASSERT_TRUE(store_->Begin().ok());
    ASSERT_TRUE(store_->PutStatements(batch).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }

  // The event of `record`, or an empty one (and a failure) when there is none.
  static const Event& Find(const std::vector<Event>& events, const std::string& record) {
    static const Event kNone;
    auto it = std::find_if(events.begin(), events.end(), [&](const Event& e) { return e.record == record; });
    EXPECT_NE(it, events.end()) << record;
    return it == events.end() ? kNone : *it;
  }

  std::unique_ptr<Store> store_;
};

TEST_F(StoreEventsTest, FirsAreCasesDatedByTheirEarliestOpeningWithDistrictOffenceAndAgency) {
  std::vector<std::string> warnings;
  auto firs = FirEvents(*store_, warnings);
  ASSERT_TRUE(firs.ok()) << firs.status().ToString();
  ASSERT_EQ(firs->size(), 3u);  // D has no full date
  const Event& a = Find(*firs, Id("punjab-fir", "Case", "A"));
  EXPECT_EQ(a.source, "fir");
  EXPECT_EQ(FormatDay(a.day), "2024-01-02");
  EXPECT_EQ(a.Value("offence"), "Trafficking in persons");
  EXPECT_EQ(a.Value("agency"), "Punjab Police");
  const Event& c = Find(*firs, Id("sindh-register", "Case", "C"));
  EXPECT_EQ(c.Value("agency"), "sindh-register");  // no agency property: the dataset that recorded it
  EXPECT_EQ(c.Value("district"), "Karachi");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("1 FIR/case record(s) without a full date"), std::string::npos) << warnings[0];
}

TEST_F(StoreEventsTest, PaymentsCarryTheirChannelTheRecordingDatasetAndThePayersDistrict) {
  std::vector<std::string> warnings;
  auto pays = PaymentEvents(*store_, warnings);
  ASSERT_TRUE(pays.ok()) << pays.status().ToString();
  ASSERT_EQ(pays->size(), 3u);  // P4 has no date
  const Event& p1 = Find(*pays, Id("bank", "Payment", "P1"));
  EXPECT_EQ(p1.source, "payment");
  EXPECT_EQ(p1.Value("payment_channel"), "bank");
  EXPECT_EQ(p1.Value("district"), "Quetta");
  EXPECT_EQ(p1.Value("agency"), "bank");
  const Event& p2 = Find(*pays, Id("bank", "Payment", "P2"));
  EXPECT_EQ(p2.Value("payment_channel"), "wallet");  // lower case: "Wallet" and "wallet" are one channel
  EXPECT_EQ(p2.Value("district"), "unknown");
  const Event& p3 = Find(*pays, Id("hawala-ledger", "Payment", "P3"));
  EXPECT_EQ(FormatDay(p3.day), "2024-02-01");  // startDate when there is no date
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("1 payment record(s)"), std::string::npos) << warnings[0];
}

TEST_F(StoreEventsTest, SeriesByOffenceChannelAndProvinceCountTheStore) {
  EventRegisters from;
  from.firs = store_.get();
  from.payments = store_.get();
  std::vector<std::string> warnings;
  auto events = CollectEvents(from, warnings);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(events->size(), 6u);

  SeriesQuery q;
  q.period = Period::kMonth;
  q.today = "2024-02-29";
  q.filter = {{"source", "fir"}};
  q.breakdown = "offence";
  auto s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{2, 1}));  // January: A, B; February: C
  ASSERT_EQ(s->cells.size(), 2u);
  EXPECT_EQ(s->cells[0].cell, "Theft");
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{1, 1}));

  q.breakdown = "province";  // derived from the district: Lahore is in Punjab; "Karachi" is not a district
  s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->cells.empty());
  EXPECT_EQ(s->cells[0].cell, "Punjab");
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{2, 0}));
  EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
    return w.find("unknown district 'Karachi'") != std::string::npos;
  }));

  q.filter = {{"source", "payment"}};
  q.breakdown = "payment_channel";
  s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{2, 1}));
  ASSERT_EQ(s->cells.size(), 3u);
  for (const auto& cell : s->cells) EXPECT_EQ(cell.total, 1) << cell.cell;
}

}  // namespace
}  // namespace kashf::warning
