#include "kashf/store/export.h"

#include <map>
#include <set>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "kashf/core/text.h"
#include "kashf/store/recorded_victims.h"

namespace kashf {
Result<ExportSummary> ExportStore(Store& store, const StatementFilter& filter, ExportFormat format, std::ostream& out) {
  // Pass 1: who is a victim? (the parties of Involvements with a victim role)
  KASHF_ASSIGN_OR_RETURN(const std::unordered_set<std::string> victims, RecordedVictims(store, false));
  ExportSummary sum;
  if (format == ExportFormat::kStatements) out << "entity_id,schema,prop,value,dataset,record_id,first_seen\n";
  std::string cur, schema;
  std::map<std::string, std::vector<std::string>> props;
  std::set<std::string> datasets;
  std::unordered_set<std::string> withheld;
  auto flush = [&] {
    if (cur.empty()) return;
    if (format == ExportFormat::kFtmEntities && !props.empty()) {
      nlohmann::json j = {{"id", cur}, {"schema", schema}, {"properties", props}, {"datasets", datasets}};
      out << j.dump() << '\n';
    }
    if (!props.empty() || format == ExportFormat::kStatements) ++sum.entities;
    props.clear();
    datasets.clear();
  };
  KASHF_RETURN_IF_ERROR(store.ScanStatements(filter, [&](const Statement& s) {
    if (s.entity_id != cur) {
      flush();
      cur = s.entity_id;
      schema = s.schema;
    }
    if (victims.count(s.entity_id)) {
      withheld.insert(s.entity_id);
      return true;
    }
    ++sum.statements;
    if (format == ExportFormat::kStatements) {
      out << CsvCell(s.entity_id) << ',' << s.schema << ',' << s.prop << ',' << CsvCell(s.value) << ',' << s.dataset
          << ',' << CsvCell(s.record_id) << ',' << FormatIsoUtc(s.first_seen) << '\n';
    } else {
      props[s.prop].push_back(s.value);
      datasets.insert(s.dataset);
    }
    return true;
  }));
  flush();
  if (format == ExportFormat::kStatements) sum.entities -= static_cast<int64_t>(withheld.size());
  sum.withheld_victims = static_cast<int64_t>(withheld.size());
  if (!out) return Status::IoError("writing the export failed (disk full?)");
  return sum;
}

}  // namespace kashf
