// FIRs, payments and journeys of the statement store as events: a small hand-made store whose counts are known.
#include "kashf/warning/store_events.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kashf/model/model.h"
#include "kashf/testing/files.h"
#include "kashf/warning/config.h"
#include "kashf/warning/evaluate.h"
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
    // Journeys. Places carry canonical countries (ISO alpha-2); the transit place of T1 stands for
    // two countries (as the simulator's FIA list maps a route's transit list).
    Put("fia", "Location", "PK", {{"name", "Pakistan"}, {"country", "pk"}});
    Put("fia", "Location", "IR|TR", {{"name", "Iran"}, {"country", "ir"}, {"name", "Turkey"}, {"country", "tr"}});
    Put("fia", "Location", "IR|LY", {{"name", "Iran"}, {"country", "ir"}, {"name", "Libya"}, {"country", "ly"}});
    Put("fia", "Location", "GR", {{"name", "Greece"}, {"country", "gr"}});
    Put("fia", "Location", "AE", {{"name", "Dubai"}, {"country", "ae"}});
    Put("fia", "Location", "IT", {{"name", "Rome"}});  // no country: its name stands in
    Put("fia", "Person", "V1", {{"name", "Test Traveller"}, {"district", "Lahore"}});
    Put("fia", "Travel", "T1",
        {{"date", "2024-01-08"},
         {"traveller", Id("fia", "Person", "V1")},
         {"origin", Id("fia", "Location", "PK")},
         {"transit", Id("fia", "Location", "IR|TR")},
         {"destination", Id("fia", "Location", "GR")}});
    Put("fia", "Travel", "T2",
        {{"startDate", "2024-01-20"},
         {"origin", Id("fia", "Location", "PK")},
         {"destination", Id("fia", "Location", "AE")}});
    Put("fia", "Travel", "T3",
        {{"date", "2024-02-14"},
         {"origin", Id("fia", "Location", "PK")},
         {"transit", Id("fia", "Location", "IR|LY")},
         {"destination", Id("fia", "Location", "IT")}});
    Put("fia", "Travel", "T4", {{"origin", Id("fia", "Location", "PK")}});                               // no date
    Put("fia", "Travel", "T5", {{"date", "2024-02-20"}, {"destination", Id("fia", "Location", "GR")}});  // no origin
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

  // The breakdown cell named `name`, or an empty one (and a failure).
  static const CountSeries& Cell(const SeriesResult& s, const std::string& name) {
    static const CountSeries kNone;
    auto it = std::find_if(s.cells.begin(), s.cells.end(), [&](const CountSeries& c) { return c.cell == name; });
    EXPECT_NE(it, s.cells.end()) << name;
    return it == s.cells.end() ? kNone : *it;
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

TEST_F(StoreEventsTest, JourneysCarryTheirRouteEachLegsCountryAndTheTravellersDistrict) {
  std::vector<std::string> warnings;
  auto trips = TravelEvents(*store_, warnings);
  ASSERT_TRUE(trips.ok()) << trips.status().ToString();
  ASSERT_EQ(trips->size(), 4u);  // T4 has no date
  const Event& t1 = Find(*trips, Id("fia", "Travel", "T1"));
  EXPECT_EQ(t1.source, "travel");
  EXPECT_EQ(FormatDay(t1.day), "2024-01-08");
  EXPECT_EQ(t1.Value("route"), "PAK>IRN>TUR>GRC");  // alpha-3 codes, as victims' routes
  EXPECT_EQ(t1.Value("origin_country"), "PAK");
  EXPECT_EQ(t1.Value("transit_country"), "IRN>TUR");
  EXPECT_EQ(t1.Values("transit_country"), (std::vector<std::string>{"IRN", "TUR"}));
  EXPECT_EQ(t1.Value("destination_country"), "GRC");
  EXPECT_EQ(t1.Value("district"), "Lahore");
  EXPECT_EQ(t1.Value("agency"), "fia");
  const Event& t2 = Find(*trips, Id("fia", "Travel", "T2"));
  EXPECT_EQ(FormatDay(t2.day), "2024-01-20");  // startDate when there is no date
  EXPECT_EQ(t2.Value("route"), "PAK>ARE");
  EXPECT_EQ(t2.Value("transit_country"), "unknown");
  EXPECT_EQ(t2.Value("district"), "unknown");
  EXPECT_EQ(Find(*trips, Id("fia", "Travel", "T3")).Value("route"), "PAK>IRN>LBY>Rome");
  EXPECT_EQ(Find(*trips, Id("fia", "Travel", "T5")).Value("route"), "unknown>GRC");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("1 travel record(s)"), std::string::npos) << warnings[0];
}

TEST_F(StoreEventsTest, SeriesByRouteAndTransitCountryCountTheJourneys) {
  EventRegisters from;
  UseStatementStore(
      store_.get(), [](std::string_view s) { return s == "travel"; }, from);
  EXPECT_EQ(from.firs, nullptr);
  std::vector<std::string> warnings;
  auto events = CollectEvents(from, warnings);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 4u);

  SeriesQuery q;
  q.period = Period::kMonth;
  q.today = "2024-02-29";
  q.filter = {{"source", "travel"}, {"origin_country", "PAK"}};
  q.breakdown = "route";
  auto s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{2, 1}));  // January: T1, T2; February: T3 (T5 has no origin)
  ASSERT_EQ(s->cells.size(), 3u);
  for (const auto& cell : s->cells) EXPECT_EQ(cell.total, 1) << cell.cell;
  EXPECT_EQ(Cell(*s, "PAK>IRN>TUR>GRC").records[0], (std::vector<std::string>{Id("fia", "Travel", "T1")}));

  q.filter = {{"source", "travel"}};
  q.breakdown = "destination_country";  // T5 too
  s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok());
  ASSERT_FALSE(s->cells.empty());
  EXPECT_EQ(s->cells[0].cell, "GRC");
  EXPECT_EQ(s->cells[0].counts, (std::vector<int64_t>{1, 1}));  // T1 in January, T5 in February

  q.breakdown = "province";  // from the traveller's district
  s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Cell(*s, "Punjab").counts, (std::vector<int64_t>{1, 0}));  // T1's traveller is from Lahore

  // Aggregate-only roles: counts of 1..k-1 withheld, small cells folded, no record ids.
  q.filter = {{"source", "travel"}, {"origin_country", "PAK"}};
  q.breakdown = "route";
  q.small_cell_k = 2;
  s = BuildSeries(*events, q);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total.counts, (std::vector<int64_t>{2, -1}));
  for (const auto& cell : s->cells)
    for (const auto& period : cell.records) EXPECT_TRUE(period.empty()) << cell.cell;
  for (const auto& period : s->total.records) EXPECT_TRUE(period.empty());
}

TEST_F(StoreEventsTest, FirstTravellerThroughANewTransitCountryAlerts) {
  EventRegisters from;
  from.travel = store_.get();
  std::vector<std::string> warnings;
  auto events = CollectEvents(from, warnings);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  auto config = ParseWarningConfig(
      "new_category: [{name: first-travel-transit-country, source: travel, dimension: transit_country, within: \"\"}]");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  // T3 (2024-02-14) passes Iran, known from T1, and Libya, new; T5 (2024-02-20) is in the future.
  auto rep = EvaluateAlerts(*events, *config, "2024-02-16");
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  ASSERT_EQ(rep->alerts.size(), 1u);
  const Alert& a = rep->alerts[0];
  EXPECT_EQ(a.kind, "new_category");
  EXPECT_EQ(a.cell, "transit_country=LBY");
  EXPECT_EQ(a.observed, 1);
  EXPECT_EQ(a.records, (std::vector<std::string>{Id("fia", "Travel", "T3")}));
  EXPECT_NE(a.explanation.find("first travel with transit_country 'LBY'"), std::string::npos) << a.explanation;
}

}  // namespace
}  // namespace kashf::warning
