#include "kashf/firearms/lifecycle_event.h"

#include <gtest/gtest.h>

namespace kashf::firearms {
namespace {

TEST(LifecycleEvent, FieldsByYamlName) {
  LifecycleEvent e;
  e.licence_number.append("L1");
  e.campaign.append("C");
  ASSERT_NE(e.Field("licence_number"), nullptr);
  EXPECT_EQ(*e.Field("licence_number"), "L1");
  EXPECT_EQ(*e.Field("campaign"), "C");
  EXPECT_EQ(e.Field("colour"), nullptr);
}

}  // namespace
}  // namespace kashf::firearms
