#include "kashf/text/ad_link_table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kashf::text {
namespace {

TEST(AdLinkTable, OneEdgePerLinkWithClusterAndEvidence) {
  AdClustering c;
  c.ids = {"ad-1", "ad,2", "ad-3", "ad-4"};
  c.links = {{0, 1, AdEvidence::kText, 0.8125, "text", ""},
             {0, 2, AdEvidence::kSelector, 1.0, "phone", "+923001234567"}};
  c.clusters = {{{0, 1, 2}, {0, 1}}};
  c.cluster_of = {0, 0, 0, -1};
  std::ostringstream out;
  WriteAdLinksCsv(c, out);
  EXPECT_EQ(out.str(),
            "source,target,cluster,evidence,kind,value,similarity\n"
            "ad-1,\"ad,2\",C1,text,text,,0.812\n"
            "ad-1,ad-3,C1,selector,phone,+923001234567,1.000\n");
  EXPECT_EQ(AdClusterLabel(c, 3), "ad:ad-4");
}

}  // namespace
}  // namespace kashf::text
