#include "kashf/sharing/package.h"

#include <gtest/gtest.h>

#include <set>

#include "kashf/testing/files.h"

namespace kashf::sharing {
namespace {

constexpr int64_t kNow = 1'800'000'000;

// Two synthetic agencies with key files, each in the other's partner directory.
struct TwoAgencies {
  AgencyIdentity police, fia, other;
  PartnerDirectory police_partners, fia_partners;
  TwoAgencies() {
    const std::string dir = kashf::testing::FreshTempDir("package");
    auto make = [&](const std::string& id) {
      EXPECT_TRUE(AgencyIdentity::Generate(dir + "/" + id + ".key", {id, "Agency " + id, "PK", {}, {}}).ok());
      return *AgencyIdentity::FromFile(dir + "/" + id + ".key");
    };
    police = make("punjab-police");
    fia = make("fia-lahore");
    other = make("sindh-police");
    EXPECT_TRUE(police_partners.Add(fia.card(), fia.card().Fingerprint()).ok());
    EXPECT_TRUE(police_partners.Add(other.card(), other.card().Fingerprint()).ok());
    EXPECT_TRUE(fia_partners.Add(police.card(), police.card().Fingerprint()).ok());
  }
};

std::vector<Statement> Person() {
  return {{"pp.Person.1", "Person", "name", "Imran Test", "pp-fir", "fir.csv:2", 1, {"B", "2", "H0"}},
          {"pp.Person.1", "Person", "cnic", "35202-1234567-1", "pp-fir", "fir.csv:2", 1, {"B", "2", "H1"}}};
}

PackageManifest Manifest(const std::vector<std::string>& to, int64_t entities = 1, int64_t statements = 2) {
  PackageManifest m;
  m.package_id = NewPackageId();
  m.recipients = to;
  m.purpose = "investigation";
  m.legal_basis = "test";
  m.created = kNow;
  m.expires = kNow + 3600;
  m.entities = entities;
  m.statements = statements;
  return m;
}

std::string Body() { return EntityLine(Person(), "punjab-police") + "\n"; }

TEST(Package, RoundTripKeepsEveryStatementWithGradingAndProvenance) {
  TwoAgencies a;
  auto file = SealPackage(Manifest({"fia-lahore"}), Body(), a.police, a.police_partners);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->find("Imran"), std::string::npos);  // encrypted
  Refusal r;
  auto opened = OpenPackage(*file, a.fia, a.fia_partners, kNow, kDefaultMaxPackageBytes, &r);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->manifest.sender, "punjab-police");
  auto statements = PackageStatements(*opened, kNow, &r);
  ASSERT_TRUE(statements.ok()) << statements.status().ToString();
  ASSERT_EQ(statements->size(), 2u);
  for (const auto& s : *statements) {
    EXPECT_EQ(s.dataset, "punjab-police/" + opened->manifest.package_id);
    EXPECT_EQ(s.entity_id, "pp.Person.1");
  }
  EXPECT_EQ((*statements)[1].grading.handling, "H1");
}

TEST(Package, LargeBodySpansManyChunks) {
  TwoAgencies a;
  std::string body;
  int64_t n = 0;
  while (body.size() < 3 * kPackageChunk + 17) {
    auto p = Person();
    for (auto& s : p) s.entity_id = "pp.Person." + std::to_string(n);
    body += EntityLine(p, "punjab-police") + "\n";
    ++n;
  }
  auto file = SealPackage(Manifest({"fia-lahore"}, n, 2 * n), body, a.police, a.police_partners);
  ASSERT_TRUE(file.ok());
  Refusal r;
  auto opened = OpenPackage(*file, a.fia, a.fia_partners, kNow, kDefaultMaxPackageBytes, &r);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->body, body);
  EXPECT_EQ(PackageStatements(*opened, kNow, &r)->size(), static_cast<size_t>(2 * n));
}

Refusal RefusalOf(std::string_view file, const AgencyIdentity& me, const PartnerDirectory& dir, int64_t now = kNow,
                  int64_t max = kDefaultMaxPackageBytes) {
  Refusal r = Refusal::kNone;
  auto opened = OpenPackage(file, me, dir, now, max, &r);
  EXPECT_EQ(opened.ok(), r == Refusal::kNone);
  if (opened.ok()) (void)PackageStatements(*opened, now, &r).ok();
  return r;
}

TEST(Package, EveryBadInputIsRefusedWithItsOwnReason) {
  TwoAgencies a;
  const std::string good = *SealPackage(Manifest({"fia-lahore"}), Body(), a.police, a.police_partners);
  ASSERT_EQ(RefusalOf(good, a.fia, a.fia_partners), Refusal::kNone);
  // One byte changed: in the encrypted body, in the manifest, in the signature.
  for (size_t at : {good.size() - 80, size_t{40}, good.find("content_hash") + 20, good.size() - 3}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    EXPECT_EQ(RefusalOf(bad, a.fia, a.fia_partners), Refusal::kBadSignature) << at;
  }
  // Unknown (or removed) sender.
  PartnerDirectory empty;
  EXPECT_EQ(RefusalOf(good, a.fia, empty), Refusal::kUnknownSender);
  PartnerDirectory removed = a.fia_partners;
  ASSERT_TRUE(removed.Remove("punjab-police").ok());
  EXPECT_EQ(RefusalOf(good, a.fia, removed), Refusal::kUnknownSender);
  // Addressed to another agency.
  PartnerDirectory sindh;
  ASSERT_TRUE(sindh.Add(a.police.card(), a.police.card().Fingerprint()).ok());
  EXPECT_EQ(RefusalOf(good, a.other, sindh), Refusal::kNotAddressed);
  // Expired.
  EXPECT_EQ(RefusalOf(good, a.fia, a.fia_partners, kNow + 3600), Refusal::kExpired);
  // Oversized.
  EXPECT_EQ(RefusalOf(good, a.fia, a.fia_partners, kNow, static_cast<int64_t>(good.size()) - 1), Refusal::kOversized);
  // Not a package; cut short.
  EXPECT_EQ(RefusalOf("hello\n", a.fia, a.fia_partners), Refusal::kMalformed);
  EXPECT_EQ(RefusalOf(good.substr(0, good.find('\n', 20) + 3), a.fia, a.fia_partners), Refusal::kMalformed);
  // A manifest whose counts do not match its content (signed by the sender, so only the counts are wrong).
  const std::string lying = *SealPackage(Manifest({"fia-lahore"}, 1, 5), Body(), a.police, a.police_partners);
  EXPECT_EQ(RefusalOf(lying, a.fia, a.fia_partners), Refusal::kContentMismatch);
  // Signed with another agency's key under the police's name.
  PackageManifest m = Manifest({"fia-lahore"});
  PartnerDirectory sindh_dir;
  ASSERT_TRUE(sindh_dir.Add(a.fia.card(), a.fia.card().Fingerprint()).ok());
  std::string forged = *SealPackage(m, Body(), a.other, sindh_dir);
  for (const std::string from : {"\"sender\":\"sindh-police\"", " sindh-police\n"}) {
    std::string to = from;
    to.replace(to.find("sindh"), 5, "punjab");
    forged.replace(forged.find(from), from.size(), to);
  }
  EXPECT_EQ(RefusalOf(forged, a.fia, a.fia_partners), Refusal::kBadSignature);
}

TEST(Package, RefusalsHaveDistinctExitCodes) {
  std::set<int> codes;
  for (int r = 1; r <= static_cast<int>(Refusal::kContentMismatch); ++r) {
    const int code = RefusalExitCode(static_cast<Refusal>(r));
    EXPECT_GE(code, 20);
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), static_cast<size_t>(Refusal::kContentMismatch));
  EXPECT_EQ(RefusalExitCode(Refusal::kNone), 0);
}

TEST(Retraction, VerifiesOnlyTheSendersSignature) {
  TwoAgencies a;
  const std::string text = SealRetraction({"pkg-1", "", "sent in error", kNow}, a.police);
  Refusal r;
  auto ok = OpenRetraction(text, a.fia_partners, &r);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->sender, "punjab-police");
  EXPECT_EQ(ok->package_id, "pkg-1");
  std::string changed = text;
  changed.replace(changed.find("pkg-1"), 5, "pkg-2");
  EXPECT_FALSE(OpenRetraction(changed, a.fia_partners, &r).ok());
  EXPECT_EQ(r, Refusal::kBadSignature);
  EXPECT_FALSE(OpenRetraction(text, PartnerDirectory(), &r).ok());
  EXPECT_EQ(r, Refusal::kUnknownSender);
}

}  // namespace
}  // namespace kashf::sharing
