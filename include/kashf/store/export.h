// Exports of the statement store in FollowTheMoney's interchange formats.
// Contract: persons recorded as victims (the `party` of an Involvement whose role names a victim
// or survivor) are never exported, nor any statement about them; the count withheld is returned.
#pragma once
#include <ostream>
#include <string>

#include "kashf/core/result.h"
#include "kashf/store/store.h"

namespace kashf {

enum class ExportFormat {
  kFtmEntities,  // one JSON object per line: {"id","schema","properties":{prop:[values]},"datasets":[...]}
  kStatements,   // CSV: entity_id,schema,prop,value,dataset,record_id,first_seen (FtM statement table)
};

struct ExportSummary {
  int64_t entities = 0;
  int64_t statements = 0;
  int64_t withheld_victims = 0;
};

Result<ExportSummary> ExportStore(Store& store, const StatementFilter& filter, ExportFormat format, std::ostream& out);

}  // namespace kashf
