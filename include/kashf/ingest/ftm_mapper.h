// FollowTheMoney (FtM) entities into statements: one JSON line per entity fragment,
// {"id": ..., "schema": ..., "properties": {"name": ["..."], ...}}, the form FtM tools and Aleph /
// OpenSanctions exports write (https://followthemoney.tech/docs/). Schema and property names are
// translated to Kashf's model by a data file (data/reference/ftm-translation.yaml).
// Contract:
//  - The Kashf entity id is MakeEntityId(dataset, Kashf schema, FtM id); the FtM id is the record
//    id of every statement, so a re-import (lines reordered or not) adds nothing.
//  - Entity-valued properties name FtM ids; they become Kashf ids through an index of the file's
//    own ids (FtmIdIndex). A reference to an id the file does not hold is left out with a warning.
//  - A line is rejected (located: line, reason) when it is not an FtM entity, its schema has no
//    translation, or a relationship lacks an end or a required property. A value that fails its
//    type check, or a property Kashf's schema lacks, is left out with a warning; the rest loads.
//  - Messages never quote a value (it may identify a person); they name schema and property.
#pragma once
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/input_limits.h"
#include "kashf/core/result.h"
#include "kashf/ingest/row_mapper.h"
#include "kashf/model/model.h"

namespace kashf {

// The FtM → Kashf translation (schema map and property renames), checked against the model.
class FtmTranslation {
 public:
  // InvalidArgument naming the file and the entry for an unknown Kashf schema or property.
  static Result<FtmTranslation> Load(const std::string& path, const Model& model);
  static Result<FtmTranslation> Parse(const std::string& yaml_text, const std::string& origin, const Model& model);
  // data/reference/ftm-translation.yaml under KashfHome().
  static Result<FtmTranslation> LoadDefault(const Model& model);
  // Lines already in Kashf's model (`kashf export --format ftm`, a sharing package): every concrete
  // schema to itself, every property as named (`ftm: {model: kashf}` in a mapping).
  static FtmTranslation KashfModel(const Model& model);

  // The Kashf schema for an FtM schema; "" when it has no translation.
  std::string Schema(const std::string& ftm_schema) const;
  // The Kashf property for an FtM property of an FtM schema: the schema's own rename, then the
  // general one, then the same name. "" when the translation leaves it out on purpose (~).
  std::string Property(const std::string& ftm_schema, const std::string& ftm_prop) const;

 private:
  struct SchemaRule {
    std::string to;
    std::unordered_map<std::string, std::string> properties;  // "" = leave out
  };
  std::unordered_map<std::string, SchemaRule> schemata_;
  std::unordered_map<std::string, std::string> properties_;
};

// FtM id → Kashf schema of every entity in one file (first pass of an import).
using FtmIdIndex = std::unordered_map<std::string, std::string>;

// Reads `path` once (JSON lines, keys id and schema) and indexes the ids whose schema translates.
// Lines that are not FtM entities are skipped here; the import rejects them with their reason.
Result<FtmIdIndex> IndexFtmIds(const std::string& path, const FtmTranslation& translation, const InputLimits& limits);

// The FtM source columns, in the order the rows hold them (SourceFormat::kFtm).
const std::vector<std::string>& FtmColumns();

class FtmMapper final : public RecordMapper {
 public:
  // `dataset` is the mapping's; `file_label` names the file in rejects and warnings; `grading` (canonical
  // codes, or empty) is carried by every statement.
  FtmMapper(const Model& model, const FtmTranslation& translation, const FtmIdIndex& ids, std::string dataset,
            std::string file_label, int64_t import_time, const InputLimits& limits, Grading grading = {});
  // Maps one row (values aligned with FtmColumns(): id, schema, properties as JSON text).
  void Map(const SourceRow& row, MappedRow* out) const override;

 private:
  const Model& model_;
  const FtmTranslation& translation_;
  const FtmIdIndex& ids_;
  std::string dataset_, file_label_;
  int64_t import_time_;
  InputLimits limits_;
  Grading grading_;  // carried by every statement (the mapping's or the command line's codes)
};

}  // namespace kashf
