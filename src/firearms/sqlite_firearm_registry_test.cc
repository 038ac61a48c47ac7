#include <gtest/gtest.h>

#include "firearms_test_util.h"

namespace kashf::firearms {
namespace {

TEST(SqliteFirearmRegistry, AddsAFirearmWithBoreClassFromReferenceData) {
  auto reg = FreshRegistry("reg");
  Firearm f = Pistol("abc-123");
  f.calibre = "7.62x39mm";
  f.type = "rifle";
  auto id = reg->AddFirearm(f);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto got = reg->GetFirearm(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->bore_class, "prohibited");
  EXPECT_EQ(got->state, "none");
  EXPECT_EQ(got->serial, "abc-123");
  auto by_serial = reg->FindBySerial("ABC 123");
  ASSERT_TRUE(by_serial.ok());
  ASSERT_EQ(by_serial->size(), 1u);
  EXPECT_EQ((*by_serial)[0].id, *id);
  EXPECT_EQ(reg->GetFirearm(999).status().code(), StatusCode::kNotFound);
}

TEST(SqliteFirearmRegistry, RefusesUnknownTypeAndMissingSerial) {
  auto reg = FreshRegistry("reg");
  Firearm f = Pistol("X1");
  f.type = "bazooka";
  auto bad = reg->AddFirearm(f);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown firearm type 'bazooka'"), std::string::npos);
  auto none = reg->AddFirearm(Pistol("--"));
  EXPECT_NE(none.status().message().find("needs its serial number"), std::string::npos);
  Firearm craft = Pistol("");
  craft.type = "craft_made";
  EXPECT_TRUE(reg->AddFirearm(craft).ok());  // craft-made weapons often carry no serial
}

TEST(SqliteFirearmRegistry, ImportLicenceLostSeizedHistoryUpdatesRecord) {
  auto reg = FreshRegistry("reg");
  int64_t id = *reg->AddFirearm(Pistol("GL1234"));
  LifecycleEvent imp = Event(id, "import", "2016-03-04");
  imp.licence_number = "IMP-1";
  imp.export_country = "at";
  imp.import_country = "pk";
  ASSERT_TRUE(reg->RecordEvent(imp).ok());
  LifecycleEvent lic = Event(id, "licence_issue", "2016-05-01");
  lic.licence_number = "LIC-77";
  lic.holder = "Holder A";
  ASSERT_TRUE(reg->RecordEvent(lic).ok());
  auto f = *reg->GetFirearm(id);
  EXPECT_EQ(f.state, "licensed");
  EXPECT_EQ(f.licence_number, "LIC-77");
  EXPECT_EQ(f.import_country, "pk");  // import mark, Art. 8.1(b)
  EXPECT_EQ(f.import_year, 2016);
  ASSERT_TRUE(reg->RecordEvent(Event(id, "lost", "2019-01-01")).ok());
  LifecycleEvent seize = Event(id, "seized", "2021-07-07");
  seize.seizure_context = "border crossing";
  ASSERT_TRUE(reg->RecordEvent(seize).ok());
  auto events = *reg->Events(id);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].retain_until, "2036-03-04");  // import: 20 years (ITI para. 12)
  EXPECT_EQ(events[3].kind, "seized");
  EXPECT_EQ(reg->GetFirearm(id)->state, "seized");
}

TEST(SqliteFirearmRegistry, DestroyedWeaponLaterSoldIsRefusedAndNothingChanges) {
  auto reg = FreshRegistry("reg");
  int64_t id = *reg->AddFirearm(Pistol("AB12345"));
  LifecycleEvent seize = Event(id, "seized", "2023-01-10");
  seize.seizure_context = "raid on premises";
  ASSERT_TRUE(reg->RecordEvent(seize).ok());
  LifecycleEvent destroy = Event(id, "destroyed", "2024-03-01");
  destroy.document = "certificate D-17";
  ASSERT_TRUE(reg->RecordEvent(destroy).ok());
  LifecycleEvent sale = Event(id, "licence_transfer", "2024-05-01");
  sale.licence_number = "LIC-9";
  sale.holder = "Buyer";
  auto refused = reg->RecordEvent(sale);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("firearm AB12345 was destroyed on 2024-03-01 (certificate D-17)"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(reg->Events(id)->size(), 2u);
  EXPECT_EQ(reg->GetFirearm(id)->state, "destroyed");
  EXPECT_EQ(reg->RecordEvent(Event(999, "lost", "2024-01-01")).status().code(), StatusCode::kNotFound);
}

TEST(SqliteFirearmRegistry, TraceRequestNeedsItiContentAndAnswersMarkItAnswered) {
  std::string path;
  auto reg = FreshRegistry("reg", &path);
  int64_t id = *reg->AddFirearm(Pistol("GL9?1?"));
  TraceRequest r;
  r.firearm_id = id;
  r.date = "2024-02-02";
  r.requesting_agency = "FIA";
  r.requested_party = "INTERPOL iARMS";
  r.illicit_reason = "seized at a border crossing with an obliterated serial";
  auto missing = reg->CreateTraceRequest(r);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("the legal basis"), std::string::npos);
  EXPECT_NE(missing.status().message().find("intended use"), std::string::npos);
  r.legal_basis = "Arms Ordinance 1965 s.13";
  r.intended_use = "prosecution";
  auto rid = reg->CreateTraceRequest(r);
  ASSERT_TRUE(rid.ok()) << rid.status().ToString();
  EXPECT_EQ(*rid, "TR-2024-000001");
  auto stored = (*reg->TraceRequests(id))[0];
  EXPECT_EQ(stored.markings, "serial GL9?1?; make Glock; made in at (Deutsch-Wagram); model 17");
  EXPECT_EQ(stored.type, "pistol");
  EXPECT_EQ(stored.status, "open");

  TraceAnswer a;
  a.request_id = *rid;
  a.date = "2024-01-01";
  a.responder = "Manufacturer";
  a.outcome = "origin_established";
  EXPECT_NE(reg->RecordTraceAnswer(a).status().message().find("before the request date"), std::string::npos);
  a.date = "2024-03-01";
  a.outcome = "maybe";
  EXPECT_NE(reg->RecordTraceAnswer(a).status().message().find("trace outcome 'maybe' is unknown"), std::string::npos);
  a.outcome = "origin_established";
  ASSERT_TRUE(reg->RecordTraceAnswer(a).ok());
  a.request_id = "TR-none";
  EXPECT_EQ(reg->RecordTraceAnswer(a).status().code(), StatusCode::kNotFound);
  reg.reset();

  // Everything persists in the store file.
  auto again = OpenSqliteFirearmRegistry(path, std::move(FirearmReference::LoadDefault()).value(),
                                         std::move(LifecycleRules::LoadDefault()).value());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*(*again)->TraceRequests(std::nullopt))[0].status, "answered");
  EXPECT_EQ((*again)->TraceAnswers(*rid)->size(), 1u);
  EXPECT_EQ(*(*again)->FirearmsWithEstablishedOrigin(), std::vector<int64_t>{id});
}

TEST(SqliteFirearmRegistry, RollbackDiscardsABatch) {
  auto reg = FreshRegistry("reg");
  ASSERT_TRUE(reg->Begin().ok());
  ASSERT_TRUE(reg->AddFirearm(Pistol("A1")).ok());
  ASSERT_TRUE(reg->Rollback().ok());
  EXPECT_EQ(*reg->CountFirearms(), 0);
}

TEST(NormaliseSerial, KeepsLettersDigitsAndWildcards) { EXPECT_EQ(NormaliseSerial(" ab-12/3?*x "), "AB123?*X"); }

// Two long-lived connections on one file, as in the server: a read on one must not pin an old
// snapshot, so it sees the other's later write, and the other's write is not blocked by it.
TEST(SqliteFirearmRegistry, AReadDoesNotPinAnOldSnapshotOrBlockAnotherWriter) {
  std::string path;
  auto reader = FreshRegistry("reg_two_connections", &path);
  int64_t id = *reader->AddFirearm(Pistol("GL5555"));
  auto writer = OpenSqliteFirearmRegistry(path, std::move(FirearmReference::LoadDefault("PK")).value(),
                                          std::move(LifecycleRules::LoadDefault()).value());
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_EQ(reader->GetFirearm(id)->state, "none");
  LifecycleEvent made = Event(id, "manufacture", "2020-01-01");
  auto recorded = (*writer)->RecordEvent(made);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  auto events = reader->Events(id);  // another statement than GetFirearm's, on the same connection
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(events->size(), 1u);
  EXPECT_EQ(reader->GetFirearm(id)->state, "in_trade");
  auto lost = reader->RecordEvent(Event(id, "lost", "2021-01-01"));
  ASSERT_TRUE(lost.ok()) << lost.status().ToString();
  EXPECT_EQ((*writer)->GetFirearm(id)->state, "lost");
}

}  // namespace
}  // namespace kashf::firearms
