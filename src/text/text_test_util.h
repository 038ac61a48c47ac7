// Test helpers of src/text: the default extractor, loaded once, and its selectors as
// (kind, written text, value) triples that read well in EXPECT_THAT; the matchers they use.
#pragma once
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/text/extractor.h"

namespace kashf::text::testing {

struct Found {
  std::string kind;
  std::string written;  // the original bytes of the span
  std::string value;
  bool operator==(const Found&) const = default;
};

inline void PrintTo(const Found& f, std::ostream* os) { *os << f.kind << " '" << f.written << "' -> " << f.value; }

inline const Extractor& DefaultExtractor() {
  static const Extractor* extractor = [] {
    auto e = Extractor::LoadDefault();
    if (!e.ok()) ADD_FAILURE() << e.status().ToString();
    return new Extractor(std::move(e).value());
  }();
  return *extractor;
}

inline std::vector<Found> FindAll(std::string_view text) {
  auto found = DefaultExtractor().Extract(text);
  EXPECT_TRUE(found.ok()) << found.status().ToString();
  std::vector<Found> out;
  if (!found.ok()) return out;
  for (const auto& s : *found)
    out.push_back({std::string(KindName(s.kind)), std::string(text.substr(s.begin, s.end - s.begin)), s.value});
  return out;
}

// Only the selectors of `kind`.
inline std::vector<Found> Find(std::string_view text, std::string_view kind) {
  std::vector<Found> out;
  for (auto& f : FindAll(text))
    if (f.kind == kind) out.push_back(std::move(f));
  return out;
}

}  // namespace kashf::text::testing

// What every test of src/text uses, declared once.
namespace kashf::text {
using ::testing::ElementsAre;
using testing::Find;
using testing::FindAll;
using testing::Found;
using ::testing::IsEmpty;
}  // namespace kashf::text
