// URLs, e-mail addresses (web_addresses.cc), handles (handles.cc), IBANs (iban.cc), passports.
#include "scan.h"
#include "text_test_util.h"

namespace kashf::text {
namespace {

TEST(Urls, SchemeWwwAndBareDomainsWithTrailingPunctuation) {
  EXPECT_THAT(FindAll("see https://www.Facebook.com/GulfJobs.PK/."),
              ElementsAre(Found{"url", "https://www.Facebook.com/GulfJobs.PK/", "facebook.com/GulfJobs.PK"}));
  EXPECT_THAT(FindAll("(www.example.org/a?b=1)"),
              ElementsAre(Found{"url", "www.example.org/a?b=1", "example.org/a?b=1"}));
  EXPECT_THAT(FindAll("olx.com.pk/item/55"), ElementsAre(Found{"url", "olx.com.pk/item/55", "olx.com.pk/item/55"}));
  EXPECT_THAT(FindAll("t.me/gulfjobs"), ElementsAre(Found{"url", "t.me/gulfjobs", "t.me/gulfjobs"}));
  // Not addresses: decimals, "Rs.500", a two-letter TLD without a path in a sentence.
  EXPECT_THAT(Find("2.5 lakh, Rs.500, no.me", "url"), IsEmpty());
}

TEST(Urls, WhatsAppLinkAlsoGivesThePhone) {
  EXPECT_THAT(FindAll("https://wa.me/923005550321"),
              ElementsAre(Found{"url", "https://wa.me/923005550321", "wa.me/923005550321"},
                          Found{"phone", "923005550321", "+923005550321"}));
}

TEST(Emails, PlainAndSpeltToEvadeFilters) {
  EXPECT_THAT(FindAll("mail Gulf.Jobs22@Gmail.com."),
              ElementsAre(Found{"email", "Gulf.Jobs22@Gmail.com", "gulf.jobs22@gmail.com"}));
  EXPECT_THAT(FindAll("recruit.gulf [at] yahoo [dot] com"),
              ElementsAre(Found{"email", "recruit.gulf [at] yahoo [dot] com", "recruit.gulf@yahoo.com"}));
  EXPECT_THAT(FindAll("sana.k at outlook dot com"),
              ElementsAre(Found{"email", "sana.k at outlook dot com", "sana.k@outlook.com"}));
  EXPECT_THAT(FindAll("meet me at the station"), IsEmpty());
  EXPECT_THAT(FindAll("a@b"), IsEmpty());
}

TEST(Handles, AtNamesAndPlatformCues) {
  EXPECT_THAT(FindAll("follow @gulf_visas_official."),
              ElementsAre(Found{"handle", "@gulf_visas_official", "@gulf_visas_official"}));
  EXPECT_THAT(FindAll("insta: Ali.Guns_786"), ElementsAre(Found{"handle", "Ali.Guns_786", "@ali.guns_786"}));
  EXPECT_THAT(FindAll("fb id ali.khan.77"), ElementsAre(Found{"handle", "ali.khan.77", "@ali.khan.77"}));
  auto found = testing::DefaultExtractor().Extract("telegram @pk_arms");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().attributes.at("platform"), "telegram");
  // An e-mail's tail is no handle; a platform named in passing types nothing.
  EXPECT_THAT(Find("ali@gmail.com", "handle"), IsEmpty());
  EXPECT_THAT(Find("facebook par rabta karein", "handle"), IsEmpty());
}

TEST(Iban, GroupedOrCompactAndChecked) {
  EXPECT_THAT(FindAll("IBAN PK36 SCBL 0000 0011 2345 6702."),
              ElementsAre(Found{"iban", "PK36 SCBL 0000 0011 2345 6702", "PK36SCBL0000001123456702"}));
  EXPECT_THAT(FindAll("pk36scbl0000001123456702"),
              ElementsAre(Found{"iban", "pk36scbl0000001123456702", "PK36SCBL0000001123456702"}));
  EXPECT_THAT(FindAll("AE81 0260 0010 1555 0123 401"),
              ElementsAre(Found{"iban", "AE81 0260 0010 1555 0123 401", "AE810260001015550123401"}));
  EXPECT_THAT(Find("PK37SCBL0000001123456702", "iban"), IsEmpty());  // wrong check digits
  EXPECT_TRUE(IbanChecksumOk("GB29NWBK60161331926819"));             // ISO 13616 example
  EXPECT_FALSE(IbanChecksumOk("GB29NWBK60161331926818"));
}

TEST(Passports, PakistaniFormOrAfterACue) {
  EXPECT_THAT(FindAll("BK5550981"), ElementsAre(Found{"passport", "BK5550981", "BK5550981"}));
  EXPECT_THAT(FindAll("ppt # AZ 5550442"), ElementsAre(Found{"passport", "AZ 5550442", "AZ5550442"}));
  EXPECT_THAT(FindAll("پاسپورٹ نمبر c5550773"), ElementsAre(Found{"passport", "c5550773", "C5550773"}));
  // Without a cue, lower case or one letter is no passport; a vehicle number neither.
  EXPECT_THAT(FindAll("bk5550981 C5550773 LEA 1234"), IsEmpty());
}

}  // namespace
}  // namespace kashf::text
