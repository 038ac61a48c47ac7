// Export of the entity resolution: which cluster (resolved entity) each record belongs to.
// One row per record entity of a resolved schema (a schema with at least one entity that has a
// cluster assignment): entity_id, dataset, record_id (the source rows it came from, `;`-joined
// when several), schema, cluster_id (the entity's own id when resolution left it alone, e.g. a
// person with nothing to compare on). Rows are ordered by entity id.
// Contract: persons recorded as victims, and every record resolution put in a cluster with one of
// them, are never exported (RecordedVictims(store, true)); how many were withheld is returned.
#pragma once
#include <cstdint>
#include <ostream>
#include <string>

#include "kashf/core/result.h"
#include "kashf/store/store.h"

namespace kashf {

enum class ClusterExportFormat {
  kCsv,        // header entity_id,dataset,record_id,schema,cluster_id; RFC 4180 quoting
  kJson,       // one JSON array of {"entity_id","dataset","records":[...],"schema","cluster_id"}
  kJsonLines,  // the same objects, one per line
};

// "csv" | "json" | "jsonl" (also "ndjson"); the error lists the choices.
Result<ClusterExportFormat> ParseClusterExportFormat(const std::string& name);
// From a file name: .csv, .json, .jsonl / .ndjson; InvalidArgument naming the choices otherwise.
Result<ClusterExportFormat> ClusterExportFormatFromPath(const std::string& path);

struct ClusterExportSummary {
  int64_t records = 0, clusters = 0, withheld_victims = 0;
};

Result<ClusterExportSummary> ExportClusters(Store& store, const StatementFilter& filter, ClusterExportFormat format,
                                            std::ostream& out);

}  // namespace kashf
