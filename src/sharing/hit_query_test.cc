#include "kashf/sharing/hit_query.h"

#include <gtest/gtest.h>

#include "hit_test_util.h"
#include "kashf/sharing/hit_selector.h"

namespace kashf::sharing {
namespace {

constexpr int64_t kNow = 1'800'000'000;

// The police's index of what it holds (as the store writes it), made for the FIA, parsed by the FIA.
struct Exchange {
  testing::TwoAgencies agencies;
  OprfScalar key = NewOprfKey();
  HitIndex index;
};

Exchange MakeExchange(const std::string& name) {
  Exchange x{testing::MakeTwoAgencies(name), NewOprfKey(), {}};
  std::vector<std::string> held;
  for (const char* s : {"cnic:35202-1234567-1", "phone:+923001234567", "vehicle:LEA1234", "serial:AB12345"})
    held.push_back(*NormaliseHitSelector(s));
  const HitIndexInfo info{"punjab-police", "fia-ahtc", "criminal-intelligence", "AHTC desk", kNow, kNow + 86400, {}};
  const std::string file = HitIndex::Build(x.key, held, info).Serialise(x.agencies.police);
  auto parsed = HitIndex::Parse(file, x.agencies.fia_partners, "fia-ahtc", kNow);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  if (parsed.ok()) x.index = *parsed;
  return x;
}

// The whole exchange through the signed files: ask, answer, check.
Result<std::vector<HitAnswer>> AskAndAnswer(const Exchange& x, const std::vector<std::string>& selectors) {
  KASHF_ASSIGN_OR_RETURN(auto pending,
                         PrepareHitQuery(selectors, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow));
  const std::string request_file = SignHitRequest(pending.request, x.agencies.fia);
  KASHF_ASSIGN_OR_RETURN(auto request,
                         ParseHitRequest(request_file, x.agencies.police_partners, "punjab-police", kNow + 60));
  KASHF_ASSIGN_OR_RETURN(auto response, AnswerHitRequest(request, x.key, kNow + 60));
  const std::string response_file = SignHitResponse(response, x.agencies.police);
  KASHF_ASSIGN_OR_RETURN(auto pending_back, ParsePendingHitQuery(PendingHitQueryJson(pending)));
  KASHF_ASSIGN_OR_RETURN(auto received,
                         ParseHitResponse(response_file, x.agencies.fia_partners, pending_back, "fia-ahtc"));
  return FinishHitQuery(pending_back, received, x.index);
}

TEST(HitQuery, HitForASelectorWrittenDifferentlyNoHitForAnAbsentOne) {
  const Exchange x = MakeExchange("hit-query-basic");
  auto answers = AskAndAnswer(x, {"cnic:3520212345671", "phone:0300-1234567", "cnic:61101-7654321-2",
                                  "vehicle:lea 1234", "passport:AB1234567"});
  ASSERT_TRUE(answers.ok()) << answers.status().ToString();
  ASSERT_EQ(answers->size(), 5u);
  const bool expected[] = {true, true, false, true, false};
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ((*answers)[i].hit, expected[i]) << (*answers)[i].selector;
  EXPECT_EQ((*answers)[0].selector, "cnic:35202-1234567-1");
  EXPECT_EQ((*answers)[0].reference.rfind("punjab-police:", 0), 0u);
  EXPECT_TRUE((*answers)[2].reference.empty());
}

TEST(HitQuery, TheRequestCarriesNoSelectorAndTwoBlindingsDiffer) {
  const Exchange x = MakeExchange("hit-query-unlinkable");
  auto a = PrepareHitQuery({"cnic:35202-1234567-1"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow);
  auto b = PrepareHitQuery({"cnic:3520212345671"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->request.blinded[0], b->request.blinded[0]);
  EXPECT_NE(a->request.request_id, b->request.request_id);
  const std::string file = SignHitRequest(a->request, x.agencies.fia);
  for (const char* part : {"35202", "1234567", "cnic"}) EXPECT_EQ(file.find(part), std::string::npos) << part;
}

TEST(HitQuery, AResponseUnderAnotherKeyGivesNoHit) {
  const Exchange x = MakeExchange("hit-query-wrong-key");
  auto pending = PrepareHitQuery({"cnic:35202-1234567-1"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow);
  ASSERT_TRUE(pending.ok());
  const OprfScalar other = NewOprfKey();
  HitRequest as_if_other = pending->request;
  as_if_other.oprf_key = OprfPublicKey(other);
  auto response = AnswerHitRequest(as_if_other, other, kNow);
  ASSERT_TRUE(response.ok());
  auto answers = FinishHitQuery(*pending, *response, x.index);
  ASSERT_TRUE(answers.ok()) << answers.status().ToString();
  EXPECT_FALSE((*answers)[0].hit);
  // The honest answerer refuses a request made for another key instead of answering wrongly.
  EXPECT_EQ(AnswerHitRequest(as_if_other, x.key, kNow).status().code(), StatusCode::kFailedPrecondition);
}

TEST(HitQuery, MalformedElementsAreRefusedWhole) {
  const Exchange x = MakeExchange("hit-query-malformed");
  auto pending = PrepareHitQuery({"cnic:35202-1234567-1", "serial:AB12345"}, "fia-ahtc", "criminal-intelligence",
                                 x.index.info(), kNow);
  ASSERT_TRUE(pending.ok());
  HitRequest bad = pending->request;
  bad.blinded[1].fill(0);  // the identity element
  EXPECT_EQ(AnswerHitRequest(bad, x.key, kNow).status().code(), StatusCode::kInvalidArgument);
  bad.blinded[1].fill(0xff);  // not a canonical encoding
  EXPECT_EQ(AnswerHitRequest(bad, x.key, kNow).status().code(), StatusCode::kInvalidArgument);
  // A response element that is not a point is refused by the asker, not taken as no-hit.
  auto response = AnswerHitRequest(pending->request, x.key, kNow);
  ASSERT_TRUE(response.ok());
  response->evaluated[0].fill(0);
  EXPECT_EQ(FinishHitQuery(*pending, *response, x.index).status().code(), StatusCode::kInvalidArgument);
}

TEST(HitQuery, AlteredStrangeMisaddressedOrStaleRequestsAreRefused) {
  const Exchange x = MakeExchange("hit-query-refused");
  auto pending = PrepareHitQuery({"cnic:35202-1234567-1"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow);
  ASSERT_TRUE(pending.ok());
  const std::string file = SignHitRequest(pending->request, x.agencies.fia);
  ASSERT_TRUE(ParseHitRequest(file, x.agencies.police_partners, "punjab-police", kNow).ok());
  std::string altered = file;
  const size_t at = altered.find("\"purpose\":\"") + 11;
  altered[at] = 'X';
  EXPECT_EQ(ParseHitRequest(altered, x.agencies.police_partners, "punjab-police", kNow).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ParseHitRequest(file, PartnerDirectory(), "punjab-police", kNow).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ParseHitRequest(file, x.agencies.police_partners, "sindh-police", kNow).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(ParseHitRequest(file, x.agencies.police_partners, "punjab-police", kNow + 15 * 86400).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(ParseHitRequest("{}", x.agencies.police_partners, "punjab-police", kNow).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(HitQuery, AResponseToAnotherRequestIsRefused) {
  const Exchange x = MakeExchange("hit-query-other-response");
  auto first = PrepareHitQuery({"cnic:35202-1234567-1"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow);
  auto second = PrepareHitQuery({"cnic:35202-1234567-1"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow);
  ASSERT_TRUE(first.ok() && second.ok());
  auto response = AnswerHitRequest(first->request, x.key, kNow);
  ASSERT_TRUE(response.ok());
  const std::string file = SignHitResponse(*response, x.agencies.police);
  EXPECT_TRUE(ParseHitResponse(file, x.agencies.fia_partners, *first, "fia-ahtc").ok());
  EXPECT_EQ(ParseHitResponse(file, x.agencies.fia_partners, *second, "fia-ahtc").status().code(),
            StatusCode::kPermissionDenied);
}

TEST(HitQuery, TooManyOrNoSelectorsAreRefused) {
  const Exchange x = MakeExchange("hit-query-size");
  std::vector<std::string> many;
  for (size_t i = 0; i <= kMaxHitSelectorsPerRequest; ++i) many.push_back("account:" + std::to_string(100000 + i));
  EXPECT_EQ(PrepareHitQuery(many, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(PrepareHitQuery({}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow).ok());
  EXPECT_FALSE(PrepareHitQuery({"cnic:1"}, "fia-ahtc", "criminal-intelligence", x.index.info(), kNow).ok());
}

}  // namespace
}  // namespace kashf::sharing
