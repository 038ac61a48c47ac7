#include "kashf/network/entity_network.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kashf/testing/files.h"

namespace kashf::network {
namespace {

// A small store: two agencies' records of Asif (resolved into one cluster) holding a phone that
// calls Bilal's phone; Asif pays Bilal's account; a case with Asif, Bilal and a victim.
class BuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = Model::LoadDefault();
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    model_ = std::move(*m);
    auto s = OpenSqliteStore(kashf::testing::FreshTempDir("network-builder") + "/k.db", model_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Begin().ok());
    Put("fir", "Person", "asif1", {{"name", "Muhammad Asif"}, {"phone", "+923001234567"}});
    Put("fia", "Person", "asif2", {{"name", "Mohd Asif"}});
    Put("fir", "Person", "bilal", {{"name", "Bilal Khan"}});
    Put("fia", "Person", "victim1", {{"name", "Private Name"}});
    Put("cdr", "Phone", "p1", {{"number", "+923001234567"}});
    Put("cdr", "Phone", "p2", {{"number", "+923339876543"}});
    Put("bank", "Person", "acc-bilal", {{"name", "BILAL KHAN"}, {"idNumber", "12345678901234"}});
    Put("cdr", "Call", "c1",
        {{"caller", Id("cdr", "Phone", "p1")}, {"receiver", Id("cdr", "Phone", "p2")}, {"date", "2024-03-01"}});
    Put("cdr", "Call", "c2",
        {{"caller", Id("cdr", "Phone", "p2")}, {"receiver", Id("cdr", "Phone", "p1")}, {"date", "2024-05-01"}});
    Put("bank", "Payment", "t1",
        {{"payer", Id("fir", "Person", "asif1")},
         {"beneficiary", Id("bank", "Person", "acc-bilal")},
         {"amount", "250000"},
         {"channel", "hawala"},
         {"date", "2024-03-02"}});
    Put("fia", "Case", "k1", {{"caseNumber", "FIA/1"}, {"openedDate", "2024-01-10"}});
    Put("fia", "Involvement", "i1",
        {{"party", Id("fia", "Person", "asif2")}, {"case", Id("fia", "Case", "k1")}, {"role", "agent"}});
    Put("fia", "Involvement", "i2",
        {{"party", Id("fir", "Person", "bilal")}, {"case", Id("fia", "Case", "k1")}, {"role", "driver"}});
    Put("fia", "Involvement", "i3",
        {{"party", Id("fia", "Person", "victim1")}, {"case", Id("fia", "Case", "k1")}, {"role", "victim"}});
    // Resolution: Asif's two records and his phone are one person; Bilal's account and phone too.
    ASSERT_TRUE(store_
                    ->PutClusters({{Id("fir", "Person", "asif1"), "E-asif"},
                                   {Id("fia", "Person", "asif2"), "E-asif"},
                                   {Id("cdr", "Phone", "p1"), "E-asif"},
                                   {Id("fir", "Person", "bilal"), "E-bilal"},
                                   {Id("bank", "Person", "acc-bilal"), "E-bilal"},
                                   {Id("cdr", "Phone", "p2"), "E-bilal"}})
                    .ok());
    ASSERT_TRUE(store_->Commit().ok());
  }
  static std::string Id(const std::string& ds, const std::string& schema, const std::string& key) {
    return MakeEntityId(ds, schema, key);
  }
  void Put(const std::string& ds, const std::string& schema, const std::string& key,
           const std::vector<std::pair<std::string, std::string>>& props) {
    std::vector<Statement> batch;
    for (const auto& [p, v] : props) batch.push_back({Id(ds, schema, key), schema, p, v, ds, ds + ":" + key, 1000});
    ASSERT_TRUE(store_->PutStatements(batch).ok());
  }
  size_t Count(const EntityNetwork& net, graph::Relation rel) {
    size_t n = 0;
    for (const auto& e : net.edges().edges) n += e.rel == rel;
    return n;
  }
  Model model_;
  std::unique_ptr<Store> store_;
};

TEST_F(BuilderTest, PersonsViewFoldsResolvedRecordsPhonesAndAccounts) {
  auto net = BuildNetwork(*store_, model_);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  // Asif, Bilal, the victim (the case is not a node).
  ASSERT_EQ(net->num_nodes(), 3u);
  auto asif = net->Find("E-asif"), bilal = net->Find(Id("bank", "Person", "acc-bilal")),
       victim = net->Find(Id("fia", "Person", "victim1"));
  ASSERT_TRUE(asif.ok() && bilal.ok() && victim.ok());
  EXPECT_EQ(*net->Find("muhammad asif"), *asif);  // by caption, case-insensitive
  const Node& a = net->nodes()[*asif];
  EXPECT_EQ(a.records, 3u);
  EXPECT_EQ(a.kind, NodeKind::kPerson);
  EXPECT_EQ(a.datasets, (std::vector<std::string>{"cdr", "fia", "fir"}));
  EXPECT_EQ(a.cases, 1u);
  EXPECT_EQ(a.recorded_roles.at("agent"), 1u);
  // Victims are never shown or found by name.
  EXPECT_TRUE(net->nodes()[*victim].victim);
  EXPECT_EQ(net->nodes()[*victim].caption, "[victim]");
  EXPECT_FALSE(net->Find("Private Name").ok());
  // Calls between the two phones are edges between the two persons.
  EXPECT_EQ(Count(*net, graph::Relation::kCall), 2u);
  for (const auto& e : net->edges().edges)
    if (e.rel == graph::Relation::kCall) {
      EXPECT_TRUE((e.src == *asif && e.dst == *bilal) || (e.src == *bilal && e.dst == *asif));
    }
  // The payment keeps amount, channel, day and agency.
  ASSERT_EQ(Count(*net, graph::Relation::kPayment), 1u);
  for (const auto& e : net->edges().edges)
    if (e.rel == graph::Relation::kPayment) {
      EXPECT_EQ(e.src, *asif);
      EXPECT_EQ(e.dst, *bilal);
      EXPECT_DOUBLE_EQ(e.amount, 250000);
      EXPECT_EQ(e.channel, graph::Channel::kHawala);
      EXPECT_EQ(graph::IsoFromDay(e.day), "2024-03-02");
      EXPECT_EQ(net->edges().agencies[e.agency], "bank");
    }
  // Co-involvement: 3 parties -> 3 pairs, both directions.
  EXPECT_EQ(Count(*net, graph::Relation::kInvolvement), 6u);
}

TEST_F(BuilderTest, IdentifierViewKeepsPhonesAndAccountsWithHolderEdges) {
  BuildOptions o;
  o.view = View::kIdentifiers;
  auto net = BuildNetwork(*store_, model_, o);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  // Asif (holder, 2 records), his phone, his FIR record is a payer -> own node as well;
  // Bilal (holder, FIR record), his phone, his account; the victim.
  auto p1 = net->Find(Id("cdr", "Phone", "p1")), acc = net->Find(Id("bank", "Person", "acc-bilal"));
  ASSERT_TRUE(p1.ok() && acc.ok());
  EXPECT_EQ(net->nodes()[*p1].kind, NodeKind::kPhone);
  EXPECT_EQ(net->nodes()[*acc].kind, NodeKind::kAccount);
  auto holder = net->Find("E-bilal");
  ASSERT_TRUE(holder.ok());
  EXPECT_EQ(net->nodes()[*acc].holder, *holder);
  EXPECT_EQ(net->nodes()[*holder].records, 1u);             // the FIR record; phone and account are apart
  EXPECT_EQ(Count(*net, graph::Relation::kOwnership), 4u);  // two phones, one account, Asif's paying record
  EXPECT_EQ(net->num_nodes(), 7u);
}

TEST_F(BuilderTest, FiltersByDateRelationAndAgency) {
  BuildOptions o;
  o.from_day = *graph::DayFromIso("2024-04-01");
  auto late = BuildNetwork(*store_, model_, o);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(Count(*late, graph::Relation::kCall), 1u);
  EXPECT_EQ(Count(*late, graph::Relation::kPayment), 0u);
  EXPECT_EQ(Count(*late, graph::Relation::kInvolvement), 0u);
  BuildOptions r;
  r.relations = 1u << static_cast<unsigned>(graph::Relation::kPayment);
  auto pay = BuildNetwork(*store_, model_, r);
  ASSERT_TRUE(pay.ok());
  EXPECT_EQ(pay->edges().edges.size(), 1u);
  BuildOptions a;
  a.agencies = {"cdr"};
  auto cdr = BuildNetwork(*store_, model_, a);
  ASSERT_TRUE(cdr.ok());
  EXPECT_EQ(cdr->edges().edges.size(), 2u);
  a.agencies = {"interpol"};
  auto bad = BuildNetwork(*store_, model_, a);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().ToString().find("loaded: bank, cdr, fia, fir"), std::string::npos);
}

// Evidence as it comes (hand-made, known answers): meetings of four people, one of them known
// only by the id the surveillance log names; a call record that stands for 40 calls; a call to a
// phone another dataset (the telco's register) describes; a payment in US dollars.
class EvidenceTest : public BuilderTest {
 protected:
  void SetUp() override {
    BuilderTest::SetUp();
    ASSERT_TRUE(store_->Begin().ok());
    for (const char* p : {"a", "b", "c"}) Put("surv", "Person", p, {{"name", std::string("Person ") + p}});
    Meeting("m1", "2024-01-05", {"a", "b", "c"});
    Meeting("m2", "2024-02-01", {"a", "b"});
    Meeting("m3", "2024-03-01", {"a", "d"});  // d: reference-only, no statement of its own
    Put("telco", "Phone", "t1", {{"number", "+923001112223"}});
    Put("cdr", "Call", "c40",
        {{"caller", Id("cdr", "Phone", "p1")},
         {"receiver", Id("telco", "Phone", "t1")},
         {"date", "2024-03-03"},
         {"count", "40"},
         {"durationSeconds", "3600"}});
    Put("cdr", "Call", "mixed",
        {{"caller", Id("surv", "Person", "a")},
         {"receiver", Id("surv", "Person", "b")},
         {"date", "2024-01-06"},
         {"count", "3"},
         {"messages", "5"}});
    Put("cdr", "Call", "texts",
        {{"caller", Id("surv", "Person", "b")},
         {"receiver", Id("surv", "Person", "c")},
         {"date", "2024-01-06"},
         {"messages", "4"}});
    Put("bank", "Payment", "usd1",
        {{"payer", Id("fir", "Person", "asif1")},
         {"beneficiary", Id("fir", "Person", "bilal")},
         {"amount", "900"},
         {"currency", "usd"},
         {"date", "2024-03-04"}});
    ASSERT_TRUE(store_->Commit().ok());
  }
  void Meeting(const std::string& key, const std::string& date, const std::vector<std::string>& who) {
    std::vector<std::pair<std::string, std::string>> props = {{"date", date}, {"place", "Hotel " + key}};
    for (const auto& p : who) props.emplace_back("attendee", Id("surv", "Person", p));
    Put("surv", "Meeting", key, props);
  }
  static float UndirectedWeight(const graph::Graph& g, NodeId a, NodeId b) {
    auto nbr = g.undirected().Neighbours(a);
    for (size_t i = 0; i < nbr.size(); ++i)
      if (nbr[i] == b) return g.undirected().Weights(a)[i];
    return 0;
  }
};

TEST_F(EvidenceTest, CoAttendanceIsWeightedByEventsSharedWithTheEventsAsEvidence) {
  auto net = BuildNetwork(*store_, model_);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  NodeId a = *net->Find(Id("surv", "Person", "a")), b = *net->Find(Id("surv", "Person", "b")),
         c = *net->Find(Id("surv", "Person", "c"));
  auto d = net->Find(Id("surv", "Person", "d"));
  ASSERT_TRUE(d.ok()) << "a reference-only attendee is a node";
  EXPECT_EQ(net->nodes()[*d].kind, NodeKind::kPerson);  // the schema its id carries
  graph::Graph g = graph::Graph::Build(net->edges(), 1);
  EXPECT_FLOAT_EQ(UndirectedWeight(g, a, b), 2 + 3 + 5);  // m1 and m2; 3 calls and 5 messages
  EXPECT_FLOAT_EQ(UndirectedWeight(g, a, c), 1);
  EXPECT_FLOAT_EQ(UndirectedWeight(g, b, c), 1 + 4);  // m1; 4 messages
  EXPECT_FLOAT_EQ(UndirectedWeight(g, a, *d), 1);
  EXPECT_FLOAT_EQ(UndirectedWeight(g, c, *d), 0);
  EXPECT_EQ(Count(*net, graph::Relation::kMeeting), 2u * 5);  // 5 pairs-events, both directions
  EXPECT_EQ(net->nodes()[a].events, 3u);
  ASSERT_EQ(net->events().size(), 3u);
  std::vector<uint32_t> ab = net->SharedEvents(a, b);
  ASSERT_EQ(ab.size(), 2u);
  EXPECT_EQ(net->events()[ab[0]].id, Id("surv", "Meeting", "m1"));  // earliest first
  EXPECT_EQ(net->events()[ab[0]].place, "Hotel m1");
  EXPECT_EQ(net->events()[ab[0]].attendees, 3u);
  EXPECT_EQ(net->events()[ab[1]].id, Id("surv", "Meeting", "m2"));
  EXPECT_TRUE(net->SharedEvents(c, *d).empty());
}

TEST_F(EvidenceTest, PeriodFilterKeepsOnlyTheEventsInIt) {
  BuildOptions o;
  o.to_day = *graph::DayFromIso("2024-01-31");
  auto net = BuildNetwork(*store_, model_, o);
  ASSERT_TRUE(net.ok());
  NodeId a = *net->Find(Id("surv", "Person", "a")), b = *net->Find(Id("surv", "Person", "b"));
  graph::Graph g = graph::Graph::Build(net->edges(), 1);
  EXPECT_FLOAT_EQ(UndirectedWeight(g, a, b), 1 + 3 + 5);
  ASSERT_EQ(net->events().size(), 1u);
  EXPECT_EQ(net->SharedEvents(a, b).size(), 1u);
  EXPECT_EQ(net->nodes()[a].events, 1u);
}

TEST_F(EvidenceTest, CallCountsWeighAndPaymentsKeepTheirCurrency) {
  auto net = BuildNetwork(*store_, model_);
  ASSERT_TRUE(net.ok());
  NodeId asif = *net->Find("E-asif");
  auto telco = net->Find(Id("telco", "Phone", "t1"));
  ASSERT_TRUE(telco.ok()) << "a call to another dataset's phone keeps its edge";
  const graph::Edge* call = nullptr;
  const graph::Edge* usd = nullptr;
  for (const auto& e : net->edges().edges) {
    if (e.rel == graph::Relation::kCall && e.dst == *telco) call = &e;
    if (e.rel == graph::Relation::kPayment && e.amount == 900) usd = &e;
  }
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->src, asif);
  EXPECT_EQ(call->count, 40u);
  EXPECT_FLOAT_EQ(call->weight, 40);
  EXPECT_FLOAT_EQ(call->seconds, 3600);
  ASSERT_NE(usd, nullptr);
  EXPECT_EQ(net->edges().currencies[usd->currency], "USD");
  for (const auto& e : net->edges().edges) {  // the older payment has no currency recorded
    if (e.rel == graph::Relation::kPayment && e.amount == 250000) {
      EXPECT_EQ(e.currency, 0);
    }
  }
  graph::Graph g = graph::Graph::Build(net->edges(), 1);
  EXPECT_FLOAT_EQ(UndirectedWeight(g, asif, *telco), 40);
}

TEST_F(EvidenceTest, MessagesAreCountedApartFromCalls) {
  auto net = BuildNetwork(*store_, model_);
  ASSERT_TRUE(net.ok());
  NodeId a = *net->Find(Id("surv", "Person", "a")), b = *net->Find(Id("surv", "Person", "b")),
         c = *net->Find(Id("surv", "Person", "c"));
  const graph::Edge* mixed = nullptr;
  const graph::Edge* texts = nullptr;
  for (const auto& e : net->edges().edges) {
    if (e.rel == graph::Relation::kCall && e.src == a && e.dst == b) mixed = &e;
    if (e.rel == graph::Relation::kCall && e.src == b && e.dst == c) texts = &e;
  }
  ASSERT_NE(mixed, nullptr);
  EXPECT_EQ(mixed->count, 3u);  // calls only: the messages are not added in
  EXPECT_EQ(mixed->messages, 5u);
  EXPECT_FLOAT_EQ(mixed->weight, 8);  // the tie's strength is every contact
  ASSERT_NE(texts, nullptr);
  EXPECT_EQ(texts->count, 0u);  // a record of messages only is no call
  EXPECT_EQ(texts->messages, 4u);
  EXPECT_FLOAT_EQ(texts->weight, 4);
}

// The lean build interns entity ids as the rows stream by, so ids are first met in any order (a
// payment scanned before the accounts it names). The network must not depend on that: against a
// serial reference read from the same scan, nodes are the described entities in scan order, then
// the ids only payments name (in payment order: payer, beneficiary, intermediary), and there is
// one edge per payment in scan order (two through a hawala intermediary).
TEST(LeanBuildTest, NodesAndEdgesMatchASerialReferenceWhateverOrderIdsAreMetIn) {
  auto m = Model::LoadDefault();
  ASSERT_TRUE(m.ok());
  auto s = OpenSqliteStore(kashf::testing::FreshTempDir("network-lean") + "/k.db", *m);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Store& store = **s;
  auto id = [](const std::string& schema, const std::string& key) { return MakeEntityId("bank", schema, key); };
  auto put = [&](const std::string& schema, const std::string& key,
                 const std::vector<std::pair<std::string, std::string>>& props) {
    std::vector<Statement> batch;
    for (const auto& [p, v] : props) batch.push_back({id(schema, key), schema, p, v, "bank", "bank:" + key, 1000});
    ASSERT_TRUE(store.PutStatements(batch).ok());
  };
  ASSERT_TRUE(store.Begin().ok());
  // 30 accounts, 5 "ghost" accounts no statement describes, 60 payments among them (every 10th
  // through an intermediary). The scan goes in hash order, so ids are met in a mixed order:
  // often a payment before the accounts it names.
  auto account = [](int k) { return k < 30 ? fmt::format("a{}", k) : fmt::format("ghost{}", k - 30); };
  for (int t = 0; t < 60; ++t) {
    std::vector<std::pair<std::string, std::string>> props = {{"payer", id("BankAccount", account(t * 7 % 35))},
                                                              {"beneficiary", id("BankAccount", account(t * 11 % 35))},
                                                              {"amount", std::to_string(100 + t)},
                                                              {"date", "2024-01-02"}};
    if (t % 10 == 3) props.emplace_back("intermediary", id("BankAccount", account(t * 13 % 35)));
    put("Payment", fmt::format("t{}", t), props);
  }
  for (int k = 0; k < 30; ++k) put("BankAccount", account(k), {{"accountNumber", account(k) + "-no"}});
  ASSERT_TRUE(store.Commit().ok());

  // Serial reference from the scan itself: entities grouped as they stream by.
  std::vector<std::string> described;                            // accounts, in scan order
  std::vector<std::map<std::string, std::string>> payment_rows;  // payments' properties, in scan order
  std::string current;
  ASSERT_TRUE(store
                  .ScanStatements({},
                                  [&](const Statement& st) {
                                    const bool fresh = st.entity_id != current;
                                    current = st.entity_id;
                                    if (st.schema == "BankAccount") {
                                      if (fresh) described.push_back(st.entity_id);
                                    } else {
                                      if (fresh) payment_rows.emplace_back();
                                      payment_rows.back()[st.prop] = st.value;
                                    }
                                    return true;
                                  })
                  .ok());
  ASSERT_EQ(payment_rows.size(), 60u);
  std::vector<std::string> nodes = described;
  auto place = [&](const std::string& entity) {
    if (!entity.empty() && std::find(nodes.begin(), nodes.end(), entity) == nodes.end()) nodes.push_back(entity);
  };
  for (auto& row : payment_rows)
    for (const char* prop : {"payer", "beneficiary", "intermediary"}) place(row[prop]);
  std::vector<std::tuple<std::string, std::string, double>> edges;
  auto edge = [&](const std::string& from, const std::string& to, double amount) {
    if (from != to) edges.emplace_back(from, to, amount);  // no loops
  };
  for (auto& row : payment_rows) {
    const double amount = std::stod(row["amount"]);
    if (row["intermediary"].empty()) {
      edge(row["payer"], row["beneficiary"], amount);
    } else {
      edge(row["payer"], row["intermediary"], amount);
      edge(row["intermediary"], row["beneficiary"], amount);
    }
  }

  auto net = BuildNetwork(store, *m);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  std::vector<std::string> got_nodes;
  for (const Node& n : net->nodes()) got_nodes.push_back(n.id);
  EXPECT_EQ(got_nodes, nodes);
  std::vector<std::tuple<std::string, std::string, double>> got_edges;
  for (const graph::Edge& e : net->edges().edges)
    got_edges.emplace_back(net->nodes()[e.src].id, net->nodes()[e.dst].id, e.amount);
  EXPECT_EQ(got_edges, edges);
  EXPECT_EQ(net->nodes()[*net->Find(id("BankAccount", "ghost0"))].kind,
            NodeKind::kAccount);  // the schema its id carries
}

}  // namespace
}  // namespace kashf::network
