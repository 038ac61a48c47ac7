#include "kashf/core/input_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace kashf {
namespace {

std::string Nested(size_t depth, char open, char close) { return std::string(depth, open) + std::string(depth, close); }

TEST(JsonNesting, CountsObjectsAndArraysUpToTheLimit) {
  EXPECT_TRUE(CheckJsonNesting("{}", 1).ok());
  EXPECT_TRUE(CheckJsonNesting(Nested(64, '[', ']'), 64).ok());
  Status deep = CheckJsonNesting(Nested(65, '[', ']'), 64);
  EXPECT_EQ(deep.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(deep.message().find("64 levels"), std::string::npos) << deep.message();
  EXPECT_FALSE(CheckJsonNesting(R"({"a":{"b":[{"c":1}]}})", 3).ok());
  EXPECT_TRUE(CheckJsonNesting(R"({"a":{"b":[{"c":1}]}})", 4).ok());
  // Siblings do not add up; closing brackets free the level again.
  EXPECT_TRUE(CheckJsonNesting("[[],[],[],[[]]]", 3).ok());
}

TEST(JsonNesting, IgnoresBracketsInsideStrings) {
  EXPECT_TRUE(CheckJsonNesting(R"({"a":"[[[[{{{{"})", 1).ok());
  EXPECT_TRUE(CheckJsonNesting(R"({"a":"\"[[[["})", 1).ok());
  EXPECT_FALSE(CheckJsonNesting(R"({"a":"\\",[[[1]]]})", 3).ok());  // the string ends after the escaped backslash
}

TEST(JsonNesting, HandlesMillionsOfLevelsWithoutRecursion) {
  EXPECT_FALSE(CheckJsonNesting(Nested(5'000'000, '{', '}'), 64).ok());
}

TEST(YamlNesting, CountsBlockIndentationFlowAndCompactSequences) {
  EXPECT_TRUE(CheckYamlNesting("dataset: x\nentities:\n  person:\n    schema: Person\n", 3).ok());
  EXPECT_FALSE(CheckYamlNesting("dataset: x\nentities:\n  person:\n    schema: Person\n", 2).ok());
  EXPECT_TRUE(CheckYamlNesting("a: [1, [2, {b: 3}]]\n", 4).ok());
  EXPECT_FALSE(CheckYamlNesting("a: [1, [2, {b: 3}]]\n", 3).ok());
  EXPECT_FALSE(CheckYamlNesting("- - - - - x\n", 4).ok());
  EXPECT_FALSE(CheckYamlNesting("a: " + Nested(100000, '[', ']') + "\n", 64).ok());
  // Brackets in quotes and comments, and apostrophes inside words, are text.
  EXPECT_TRUE(CheckYamlNesting("a: '[[[['\nb: \"{{{{\"  # [[[[\nc: O'Brien [x\n", 2).ok());
}

}  // namespace
}  // namespace kashf
