// RowMapper: turns one source row into statements, or rejects it with a located reason.
// Contract: a row is all-or-nothing; a rejected row yields no statements. Reasons never quote
// the offending value (it may identify a person).
#pragma once
#include <string>
#include <vector>

#include "kashf/ingest/mapping.h"
#include "kashf/model/statement.h"
#include "kashf/store/store.h"

namespace kashf {

struct MappedRow {
  bool rejected = false;
  RejectedRow reject;                 // when rejected
  std::vector<Statement> statements;  // when not rejected
  std::vector<RejectedRow> warnings;  // values kept raw or skipped (invalid: keep|skip)
};

class RowMapper {
 public:
  // `file_label` names the file in record ids and reports (usually its base name). A row with a
  // cell longer than max_cell_bytes is rejected, naming the column and the limit.
  RowMapper(const Mapping& mapping, std::string file_label, int64_t import_time,
            size_t max_cell_bytes = InputLimits{}.max_cell_bytes);
  // Maps `row` (values aligned with mapping.Columns()) into *out (cleared first).
  void Map(const SourceRow& row, MappedRow* out) const;

 private:
  struct PropPlan {
    const PropertyMapping* pm;
    std::vector<size_t> cols;  // indices into row values
    int entity_index = -1;     // for entity references
  };
  struct EntityPlan {
    const EntityMapping* em;
    std::vector<size_t> key_cols;
    std::vector<PropPlan> props;
  };
  const Mapping& mapping_;
  std::string file_label_;
  int64_t import_time_;
  size_t max_cell_bytes_;
  std::vector<std::string> columns_;
  std::vector<size_t> required_cols_, record_cols_;
  std::vector<EntityPlan> plans_;
};

}  // namespace kashf
