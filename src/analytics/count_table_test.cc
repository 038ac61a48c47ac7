#include "kashf/analytics/count_table.h"

#include <gtest/gtest.h>

namespace kashf::analytics {
namespace {

CtdcRecord R(const std::string& gender, const std::string& age) {
  CtdcRecord r;
  r.values[static_cast<size_t>(CtdcVariable::kGender)] = gender;
  r.values[static_cast<size_t>(CtdcVariable::kAgeBroad)] = age;
  return r;
}

TEST(CountTable, CountsEachRecordOnceSorted) {
  std::vector<CtdcRecord> rs = {R("male", "18--20"), R("female", "9--17"), R("male", "18--20"), R("female", "48+")};
  CountTable t = Tabulate(rs, {CtdcVariable::kGender, CtdcVariable::kAgeBroad});
  ASSERT_EQ(t.cells.size(), 3u);
  EXPECT_EQ(t.total, 4);
  EXPECT_EQ(t.cells[0].values, (std::vector<std::string>{"female", "48+"}));
  EXPECT_EQ(t.cells[2].values, (std::vector<std::string>{"male", "18--20"}));
  EXPECT_EQ(t.cells[2].count, 2);
  CountTable by_gender = Tabulate(rs, {CtdcVariable::kGender});
  ASSERT_EQ(by_gender.cells.size(), 2u);
  EXPECT_EQ(by_gender.cells[0].count + by_gender.cells[1].count, 4);
}

}  // namespace
}  // namespace kashf::analytics
