#include "kashf/store/cluster_export.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/text.h"
#include "kashf/store/recorded_victims.h"

namespace kashf {
namespace {

struct RecordRow {
  std::string entity_id, dataset, schema;
  std::set<std::string> records;
};

void WriteRow(const RecordRow& r, const std::string& cluster, ClusterExportFormat format, bool first,
              std::ostream& out) {
  if (format == ClusterExportFormat::kCsv) {
    out << CsvCell(r.entity_id) << ',' << CsvCell(r.dataset) << ','
        << CsvCell(Join(std::vector<std::string>(r.records.begin(), r.records.end()), ";")) << ',' << r.schema << ','
        << CsvCell(cluster) << '\n';
    return;
  }
  const nlohmann::ordered_json j = {{"entity_id", r.entity_id},
                                    {"dataset", r.dataset},
                                    {"records", r.records},
                                    {"schema", r.schema},
                                    {"cluster_id", cluster}};
  if (format == ClusterExportFormat::kJson) out << (first ? "[\n" : ",\n") << j.dump();
  else out << j.dump() << '\n';
}

}  // namespace

Result<ClusterExportFormat> ParseClusterExportFormat(const std::string& name) {
  const std::string n = ToLowerAscii(name);
  if (n == "csv") return ClusterExportFormat::kCsv;
  if (n == "json") return ClusterExportFormat::kJson;
  if (n == "jsonl" || n == "ndjson") return ClusterExportFormat::kJsonLines;
  return Status::InvalidArgument(fmt::format("unknown clusters format '{}'; use csv, json or jsonl", name));
}

Result<ClusterExportFormat> ClusterExportFormatFromPath(const std::string& path) {
  std::string ext = ToLowerAscii(std::filesystem::path(path).extension().string());
  if (!ext.empty()) ext.erase(0, 1);
  if (ext.empty())
    return Status::InvalidArgument(
        fmt::format("'{}' has no extension to tell the format; name it .csv, .json or .jsonl", path));
  Result<ClusterExportFormat> f = ParseClusterExportFormat(ext);
  if (!f.ok())
    return Status::InvalidArgument(
        fmt::format("cannot tell the format of '{}' from its extension; name it .csv, .json or .jsonl", path));
  return f;
}

Result<ClusterExportSummary> ExportClusters(Store& store, const StatementFilter& filter, ClusterExportFormat format,
                                            std::ostream& out) {
  KASHF_ASSIGN_OR_RETURN(const std::unordered_set<std::string> withheld, RecordedVictims(store, true));
  std::unordered_map<std::string, std::string> cluster_of;
  KASHF_RETURN_IF_ERROR(store.ScanClusters([&](const std::string& entity, const std::string& cluster) {
    cluster_of.emplace(entity, cluster);
    return true;
  }));
  // The rows, in entity order; which schemas resolution covers is known once all are read.
  std::vector<RecordRow> rows;
  std::unordered_set<std::string> resolved_schemas;
  KASHF_RETURN_IF_ERROR(store.ScanStatements(filter, [&](const Statement& s) {
    if (rows.empty() || rows.back().entity_id != s.entity_id) rows.push_back({s.entity_id, s.dataset, s.schema, {}});
    rows.back().records.insert(s.record_id);
    if (cluster_of.count(s.entity_id)) resolved_schemas.insert(s.schema);
    return true;
  }));
  std::sort(rows.begin(), rows.end(), [](const RecordRow& x, const RecordRow& y) { return x.entity_id < y.entity_id; });
  ClusterExportSummary sum;
  std::unordered_set<std::string> clusters;
  if (format == ClusterExportFormat::kCsv) out << "entity_id,dataset,record_id,schema,cluster_id\n";
  for (const RecordRow& r : rows) {
    if (!resolved_schemas.count(r.schema)) continue;
    if (withheld.count(r.entity_id)) {
      ++sum.withheld_victims;
      continue;
    }
    auto c = cluster_of.find(r.entity_id);
    const std::string& cluster = c == cluster_of.end() ? r.entity_id : c->second;
    WriteRow(r, cluster, format, sum.records == 0, out);
    clusters.insert(cluster);
    ++sum.records;
  }
  if (format == ClusterExportFormat::kJson) out << (sum.records == 0 ? "[]\n" : "\n]\n");
  sum.clusters = static_cast<int64_t>(clusters.size());
  if (!out) return Status::IoError("writing the clusters failed (disk full?)");
  return sum;
}

}  // namespace kashf
