#include "kashf/sharing/hit_selector.h"

#include <gtest/gtest.h>

namespace kashf::sharing {
namespace {

std::string Canonical(std::string_view text) {
  auto s = NormaliseHitSelector(text);
  EXPECT_TRUE(s.ok()) << text << ": " << s.status().ToString();
  return s.ok() ? *s : "";
}

TEST(HitSelector, OneSelectorHowEverItIsWritten) {
  EXPECT_EQ(Canonical("cnic:3520212345671"), Canonical("cnic:35202-1234567-1"));
  EXPECT_EQ(Canonical("cnic: 35202 1234567 1"), Canonical("cnic:35202-1234567-1"));
  EXPECT_EQ(Canonical("phone:0300-1234567"), "phone:+923001234567");
  EXPECT_EQ(Canonical("phone:0092 300 1234567"), "phone:+923001234567");
  EXPECT_EQ(Canonical("wallet:03001234567"), "wallet:+923001234567");
  EXPECT_EQ(Canonical("vehicle:lea-123 4"), "vehicle:LEA1234");
  EXPECT_EQ(Canonical("iban:pk36 scbl 0000 0011 2345 6702"), "iban:PK36SCBL0000001123456702");
  EXPECT_EQ(Canonical("serial:ab-12345"), "serial:AB12345");
  EXPECT_EQ(Canonical("passport:ab 1234567"), "passport:AB1234567");
  EXPECT_EQ(Canonical("account:0012-3456-7890"), "account:001234567890");
}

TEST(HitSelector, TheKindIsPartOfTheSelector) {
  EXPECT_NE(Canonical("passport:3520212345671"), Canonical("account:3520212345671"));
  EXPECT_NE(Canonical("phone:03001234567"), Canonical("wallet:03001234567"));
}

TEST(HitSelector, InvalidSelectorsAreRefusedWithoutEchoingThem) {
  for (const char* bad : {"cnic:35202-123", "phone:12", "vehicle:--", "35202-1234567-1", "email:a@b.pk"}) {
    auto s = NormaliseHitSelector(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    const std::string value = std::string(bad).substr(std::string(bad).find(':') + 1);
    EXPECT_EQ(s.status().message().find(value), std::string::npos) << s.status().message();
  }
}

TEST(HitSelector, KindOfStoredProperty) {
  EXPECT_EQ(HitKindOfProperty("Person", "cnic"), HitKind::kCnic);
  EXPECT_EQ(HitKindOfProperty("Person", "passportNumber"), HitKind::kPassport);
  EXPECT_EQ(HitKindOfProperty("Phone", "number"), HitKind::kPhone);
  EXPECT_EQ(HitKindOfProperty("Person", "phone"), HitKind::kPhone);
  EXPECT_EQ(HitKindOfProperty("Wallet", "walletNumber"), HitKind::kWallet);
  EXPECT_EQ(HitKindOfProperty("BankAccount", "iban"), HitKind::kIban);
  EXPECT_EQ(HitKindOfProperty("BankAccount", "accountNumber"), HitKind::kAccount);
  EXPECT_EQ(HitKindOfProperty("Vehicle", "registrationNumber"), HitKind::kVehicle);
  EXPECT_EQ(HitKindOfProperty("Firearm", "serialNumber"), HitKind::kSerial);
  EXPECT_EQ(HitKindOfProperty("Organization", "registrationNumber"), std::nullopt);
  EXPECT_EQ(HitKindOfProperty("Person", "name"), std::nullopt);
  for (HitKind k : kAllHitKinds) EXPECT_EQ(ParseHitKind(HitKindName(k)), k);
}

}  // namespace
}  // namespace kashf::sharing
