// The record -> cluster table written by `kashf resolve --out` and `kashf export --format clusters`.
#pragma once
#include <string>

#include "kashf/core/result.h"
#include "kashf/store/cluster_export.h"

namespace kashf::cli {

// Writes ExportClusters' table to `path` ("" or "-": standard output) in `format` ("csv", "json",
// "jsonl"; "" = from the file's extension, CSV on standard output).
Result<ClusterExportSummary> WriteClusters(Store& store, const StatementFilter& filter, const std::string& path,
                                           const std::string& format);

}  // namespace kashf::cli
