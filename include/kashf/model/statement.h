// Statement: one property value of one entity, with where it came from.
// Entities are never stored as rows of their own; an entity is the set of its statements, so a
// merge by entity resolution is reversible and every value can be traced to its source record.
#pragma once
#include <cstdint>
#include <string>

#include "kashf/model/grading.h"

namespace kashf {

struct Statement {
  std::string entity_id;   // stable id, e.g. "fia-cases.Person.3f2a..." (see MakeEntityId)
  std::string schema;      // schema name, e.g. "Person"
  std::string prop;        // property name, e.g. "name"
  std::string value;       // canonical value (see ValidateValue)
  std::string dataset;     // source dataset name from the mapping
  std::string record_id;   // source record: "<file>:<line>" or a source key
  int64_t first_seen = 0;  // import time (Unix seconds) when this statement was first loaded
  // Source evaluation, information assessment and handling code (model/grading.h); set in the
  // mapping or at import, kept with the statement. Not part of Id(): the grade of a stored
  // statement is the one it was first loaded with, so re-importing stays idempotent.
  Grading grading = {};  // "= {}": aggregate initialisers may leave it out

  // Identity of the statement; equal statements from a re-import have equal ids (idempotence).
  // first_seen does not take part.
  uint64_t Id() const;
};

// Deterministic entity id from the dataset, schema and key values of a mapping.
std::string MakeEntityId(const std::string& dataset, const std::string& schema, const std::string& key);

}  // namespace kashf
