// The links of an ad clustering as an edge list for the network (docs/text-leads.md, "Ads that belong
// together"): one ad–ad edge per line, with the cluster (advertiser) it belongs to and its evidence.
//   source,target,cluster,evidence,kind,value,similarity
//   ad-17,ad-203,C4,text,text,,0.812
//   ad-17,ad-95,C4,selector,phone,+923001234567,1.000
//   ad-40,ad-41,C9,image,image,9f86d081884c7d65,1.000
// CSV as RFC 4180 (a field with , " CR or LF is quoted). Cluster ids: "C<k>", k = 1 for the largest.
#pragma once
#include <ostream>
#include <string>

#include "kashf/text/ad_clusters.h"

namespace kashf::text {

// "C<k>" of the ad's cluster, or "ad:<id>" for an ad in no cluster.
std::string AdClusterLabel(const AdClustering& clustering, size_t ad);

void WriteAdLinksCsv(const AdClustering& clustering, std::ostream& out);

}  // namespace kashf::text
