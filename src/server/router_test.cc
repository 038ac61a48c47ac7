#include "router.h"

#include <gtest/gtest.h>

namespace kashf::server {
namespace {

Result<Reply> Nothing(Call&) { return Reply{}; }

TEST(RouterTest, LiteralSegmentsBeatParameters) {
  Router r;
  r.Add({"GET", "/api/v1/firearms/{id}", std::nullopt, false, Nothing, ""});
  r.Add({"GET", "/api/v1/firearms/search", std::nullopt, false, Nothing, ""});
  r.Add({"POST", "/api/v1/firearms/{id}/events", std::nullopt, true, Nothing, ""});
  r.Add({"POST", "/api/v1/cases/search", std::nullopt, true, Nothing, ""});
  r.Add({"GET", "/api/v1/cases/{case_id}", std::nullopt, false, Nothing, ""});
  auto m = r.Find("GET", "/api/v1/firearms/search");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/firearms/search");
  m = r.Find("GET", "/api/v1/firearms/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.Find("POST", "/api/v1/firearms/42/events/");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.Find("GET", "/api/v1/cases/search");  // the literal exists, only for POST
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"POST"});
  m = r.Find("DELETE", "/api/v1/firearms/42");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"GET"});
  m = r.Find("GET", "/api/v1/firearms");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed_methods.empty());
  EXPECT_EQ(PathSegments("//a//b/"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace kashf::server
