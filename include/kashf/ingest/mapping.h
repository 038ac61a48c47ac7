// Mapping: how the columns of one source layout become entities and statements (docs/mapping.md).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/ingest/date_format.h"
#include "kashf/ingest/row_source.h"
#include "kashf/ingest/value_template.h"
#include "kashf/model/grading.h"
#include "kashf/model/model.h"

namespace kashf {

// What to do with a value that fails its type check (see ValidateValue).
enum class InvalidPolicy { kReject, kKeep, kSkip };

struct PropertyMapping {
  std::string prop;
  const PropertySpec* spec = nullptr;
  std::vector<std::string> columns;  // source columns (several give several values; a template's, in its order)
  std::optional<ValueTemplate> value_template;  // `template:`: the columns fill it in to give one value
  std::vector<DateFormat> date_formats;         // `format:` of a date property, tried in order; empty: the usual forms
  std::string literal;                          // constant value, already canonical
  std::string entity;                           // local name of a referenced entity mapping
  InvalidPolicy invalid = InvalidPolicy::kReject;
  // `text: true`: free text kept exactly as written (not space-collapsed) and read for selectors at
  // import, each becoming a Mention linking this entity to the selector's entity (docs/text-leads.md).
  bool text = false;
};

struct EntityMapping {
  std::string name;  // local name in the mapping
  std::string schema;
  std::vector<std::string> keys;  // empty: keyed by the source record
  // `dataset:`: the dataset whose ids the keys name (a reference to entities another file loaded,
  // e.g. a call list naming the subscribers of a telco's register); empty: the mapping's own.
  std::string id_dataset;
  // Mapped with keys and no properties: the entity is only referred to by id (a phone number a
  // call names, a person another dataset describes); it adds no statements of its own.
  bool reference_only = false;
  std::vector<PropertyMapping> properties;
  std::vector<std::string> required;  // Model::Required(schema): a row leaving one empty is rejected
  bool interval = false;
  std::string edge_source, edge_target;  // property names, for intervals
};

// One axis of the mapping's `grading:` (source, information, handling): a code for every row
// (`handling: H1`), or the column holding each row's code with an optional code for rows that
// leave it empty (`handling: {column: handling_code, default: H2}`).
struct GradingSource {
  std::string code;    // for every row, or the default of a column
  std::string column;  // "" = no column
  bool empty() const { return code.empty() && column.empty(); }
};

struct GradingMapping {
  GradingSource source, information, handling;
  bool empty() const { return source.empty() && information.empty() && handling.empty(); }
  // Non-empty axes of `codes` (e.g. `kashf ingest --handling H1`) replace the mapping's.
  void Override(const Grading& codes);
};

struct Mapping {
  std::string path;  // where it was loaded from (for messages)
  std::string dataset, title, agency;
  bool has_format = false;
  SourceFormat format = SourceFormat::kCsv;
  char delimiter = ',';
  std::string sheet;
  std::vector<std::string> record_id;   // columns
  std::vector<std::string> required;    // columns
  std::vector<EntityMapping> entities;  // none for `format: ftm` (FtM lines carry their own schema)
  // `grading:` (docs/sharing.md): the codes every statement of a row carries. Codes are checked
  // against the grading scheme when an import starts (ImportFile), not here.
  GradingMapping grading;
  std::string ftm_translation;    // `ftm: {translation: FILE}`; "" = data/reference/ftm-translation.yaml
  bool ftm_kashf_model = false;   // `ftm: {model: kashf}`: lines in Kashf's own model, nothing translated
  bool chat_month_first = false;  // `chat: {month_first: true}`: the export writes dates month first
  const Model* model = nullptr;   // the model the mapping was checked against

  // `format: ftm`: FollowTheMoney lines, mapped by FtmMapper instead of columns.
  bool IsFtm() const { return has_format && format == SourceFormat::kFtm; }
  // `format: chat`: a chat export, one message per record, mapped by ChatMapper.
  bool IsChat() const { return has_format && format == SourceFormat::kChat; }
  // Whether an import reads text for selectors (a `text: true` column, or a chat export).
  bool ReadsText() const;
  // Every source column the mapping reads, without duplicates, in first-use order.
  std::vector<std::string> Columns() const;
  // The datasets named by `dataset:` of entities, other than the mapping's own (sorted, distinct).
  std::vector<std::string> ReferencedDatasets() const;
};

// The dataset a referenced id of `entity` belongs to: its `dataset:`, or the mapping's own.
const std::string& IdDataset(const Mapping& mapping, const EntityMapping& entity);

// Checks the codes of `grading` written in the mapping or given on the command line (not those
// read from columns, which are checked per row) against `scheme` and spells them as the scheme
// does. InvalidArgument naming `where` (e.g. the mapping file) otherwise.
Status CanonicalGrading(const GradingScheme& scheme, const std::string& where, GradingMapping* grading);

// Loads and checks a mapping against the model: unknown keys, schemata, properties, entity
// references, literal values, options. Every error names the mapping file and the place in it,
// with a "did you mean" suggestion where one is plausible. A file larger than
// limits.max_mapping_bytes, or nesting deeper than limits.max_nesting_depth, is refused before
// the YAML parser sees it.
Result<Mapping> LoadMapping(const std::string& path, const Model& model, const InputLimits& limits = {});
Result<Mapping> ParseMapping(const std::string& yaml_text, const std::string& origin, const Model& model,
                             const InputLimits& limits = {});

}  // namespace kashf
