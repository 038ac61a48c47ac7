#include "kashf/text/ad_link_table.h"

#include <fmt/format.h>

namespace kashf::text {
namespace {

void Field(std::ostream& out, std::string_view field, char after) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
  } else {
    out << '"';
    for (char c : field) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  }
  out << after;
}

}  // namespace

std::string AdClusterLabel(const AdClustering& clustering, size_t ad) {
  const int64_t k = clustering.cluster_of[ad];
  return k < 0 ? "ad:" + clustering.ids[ad] : fmt::format("C{}", k + 1);
}

void WriteAdLinksCsv(const AdClustering& clustering, std::ostream& out) {
  out << "source,target,cluster,evidence,kind,value,similarity\n";
  for (const auto& link : clustering.links) {
    Field(out, clustering.ids[link.a], ',');
    Field(out, clustering.ids[link.b], ',');
    Field(out, AdClusterLabel(clustering, link.a), ',');
    Field(out, EvidenceName(link.evidence), ',');
    Field(out, link.kind, ',');
    Field(out, link.value, ',');
    out << fmt::format("{:.3f}\n", link.similarity);
  }
}

}  // namespace kashf::text
