#include "clusters_out.h"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

namespace kashf::cli {

Result<ClusterExportSummary> WriteClusters(Store& store, const StatementFilter& filter, const std::string& path,
                                           const std::string& format) {
  const bool to_stdout = path.empty() || path == "-";
  ClusterExportFormat f = ClusterExportFormat::kCsv;
  if (!format.empty()) {
    KASHF_ASSIGN_OR_RETURN(f, ParseClusterExportFormat(format));
  } else if (!to_stdout) {
    KASHF_ASSIGN_OR_RETURN(f, ClusterExportFormatFromPath(path));
  }
  if (to_stdout) return ExportClusters(store, filter, f, std::cout);
  std::ofstream file(path, std::ios::binary);
  if (!file) return Status::IoError(fmt::format("cannot write '{}'", path));
  return ExportClusters(store, filter, f, file);
}

}  // namespace kashf::cli
