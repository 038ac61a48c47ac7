#include "kashf/ingest/value_template.h"

#include <gtest/gtest.h>

namespace kashf {
namespace {

std::string Render(const std::string& text, const std::vector<std::string_view>& values) {
  auto t = ValueTemplate::Parse(text);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? t->Render(values) : "";
}

TEST(ValueTemplateTest, FillsInTheColumnsInOrder) {
  auto t = ValueTemplate::Parse("{given_name} {surname}");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->columns(), (std::vector<std::string>{"given_name", "surname"}));
  EXPECT_EQ(t->Render({"lachlan", " berry "}), "lachlan berry");
  EXPECT_EQ(Render("{ a }-{b}", {"1", "2"}), "1-2");
  EXPECT_EQ(Render("no. {n}{{x}}", {"7"}), "no. 7{x}");
}

TEST(ValueTemplateTest, EmptyPartsCollapseWithTheirJoiningText) {
  const std::string address = "{street_number} {address_1}, {address_2}, {suburb} {postcode}";
  EXPECT_EQ(Render(address, {"6", "tullaroop street", "willaroo", "st james", "4011"}),
            "6 tullaroop street, willaroo, st james 4011");
  EXPECT_EQ(Render(address, {"6", "tullaroop street", "", "st james", "4011"}), "6 tullaroop street, st james 4011");
  EXPECT_EQ(Render(address, {"", "tullaroop street", " ", "st james", ""}), "tullaroop street, st james");
  EXPECT_EQ(Render(address, {"", "", "", "", "4011"}), "4011");
  EXPECT_EQ(Render("{given_name} {surname}", {"", "waller"}), "waller");
  EXPECT_EQ(Render("{given_name} {surname}", {"", ""}), "");
}

TEST(ValueTemplateTest, OpeningAndClosingTextStayOnlyAroundAValue) {
  EXPECT_EQ(Render("({a}, {b})", {"", "y"}), "(y)");
  EXPECT_EQ(Render("({a}, {b})", {"x", ""}), "(x)");
  EXPECT_EQ(Render("({a}, {b})", {"", ""}), "");
}

TEST(ValueTemplateTest, BadTemplatesAreRefusedWithWhatIsWrong) {
  auto message = [](const std::string& text) { return ValueTemplate::Parse(text).status().message(); };
  EXPECT_NE(message("{given_name").find("never closed"), std::string::npos);
  EXPECT_NE(message("given_name}").find("closes nothing"), std::string::npos);
  EXPECT_NE(message("{} {surname}").find("empty '{}'"), std::string::npos);
  EXPECT_NE(message("plain text").find("names no column"), std::string::npos);
  EXPECT_TRUE(ValueTemplate::LooksLikeTemplate("{a} {b}"));
  EXPECT_FALSE(ValueTemplate::LooksLikeTemplate("given_name"));
}

}  // namespace
}  // namespace kashf
