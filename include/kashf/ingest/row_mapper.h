// RowMapper: turns one source row into statements, or rejects it with a located reason.
// Contract: a row is all-or-nothing; a rejected row yields no statements. Reasons never quote
// the offending value (it may identify a person).
#pragma once
#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "kashf/ingest/mapping.h"
#include "kashf/ingest/text_links.h"
#include "kashf/model/statement.h"
#include "kashf/store/store.h"

namespace kashf {

// How often each declared date format (`format:`) read a value, for the end-of-import check that
// every format fits something.
struct DateFormatUse {
  std::string property, columns, layout;
  int64_t values = 0;   // non-empty values of the property's columns
  int64_t matched = 0;  // of them, read with this format
};

struct MappedRow {
  bool rejected = false;
  RejectedRow reject;                 // when rejected
  std::vector<Statement> statements;  // when not rejected
  std::vector<RejectedRow> warnings;  // values kept raw or skipped (invalid: keep|skip)
};

// What the importer needs of a mapper: rows in, statements or a located reject out.
class RecordMapper {
 public:
  virtual ~RecordMapper() = default;
  // Maps `row` into *out (cleared first). Safe to call from several threads.
  virtual void Map(const SourceRow& row, MappedRow* out) const = 0;
  // For every date format the mapping declares: how many values it read so far (none by default).
  virtual std::vector<DateFormatUse> DateFormatUses() const { return {}; }
};

class RowMapper final : public RecordMapper {
 public:
  // `file_label` names the file in record ids and reports (usually its base name). A row with a
  // cell longer than max_cell_bytes is rejected, naming the column and the limit. With a
  // `grading` scheme, every statement of a row carries the mapping's grading: codes (already
  // canonical: CanonicalGrading), or those its grading columns hold (a row whose column holds a
  // code the scheme does not know is rejected); without one, statements are ungraded. With an
  // `extractor`, the values of `text: true` columns are read for selectors (kashf/ingest/text_links.h);
  // without one they are only stored.
  RowMapper(const Mapping& mapping, std::string file_label, int64_t import_time,
            size_t max_cell_bytes = InputLimits{}.max_cell_bytes, const GradingScheme* grading = nullptr,
            const text::Extractor* extractor = nullptr);
  // Maps `row` (values aligned with mapping.Columns()) into *out (cleared first). Safe to call
  // from several threads (the date-format counters are atomic).
  void Map(const SourceRow& row, MappedRow* out) const override;
  // For every date format the mapping declares: how many values it read so far.
  std::vector<DateFormatUse> DateFormatUses() const override;

 private:
  struct PropPlan {
    const PropertyMapping* pm;
    std::vector<size_t> cols;  // indices into row values
    int entity_index = -1;     // for entity references
    size_t first_counter = 0;  // with date formats: counters_[first_counter] counts values, the next ones matches
    std::string column_label;  // the column (or a template's columns) named in reports
  };
  struct EntityPlan {
    const EntityMapping* em;
    std::vector<size_t> key_cols;
    std::vector<PropPlan> props;
  };
  // Checks one raw value of `pp` read from `column` on `line`. kStore: *value is what to store
  // (canonical, or raw under invalid: keep, with a warning added to out); kSkip: nothing to store
  // (a warning added); kReject: *value is the reason to reject the row.
  enum class ValueOutcome { kStore, kSkip, kReject };
  // The steps of Map: reject the row (clearing *out); check every cell (read errors, size, UTF-8,
  // required columns); the row's record id; each entity's id ("" when its key columns are empty);
  // one entity's statements (false when a value rejects the row).
  void Reject(const SourceRow& row, const std::string& column, std::string reason, MappedRow* out) const;
  bool CheckCells(const SourceRow& row, MappedRow* out) const;
  std::string RecordId(const SourceRow& row) const;
  std::vector<std::string> EntityIds(const SourceRow& row, const std::string& record_id) const;
  bool MapEntity(const SourceRow& row, size_t e, const std::vector<std::string>& ids, const std::string& record_id,
                 MappedRow* out) const;
  // Sets the grading of every statement in *out from the mapping; false (the row rejected) when a
  // grading column holds a code the scheme does not know.
  bool GradeRow(const SourceRow& row, MappedRow* out) const;
  // Appends the text links of one stored text value; false (the row rejected) if it cannot be read.
  bool LinkText(const SourceRow& row, const std::string& column, const TextHolder& holder, std::string_view text,
                MappedRow* out) const;
  ValueOutcome CheckValue(const PropPlan& pp, const std::string& column, int64_t line, std::string_view raw,
                          std::string* value, MappedRow* out) const;
  const Mapping& mapping_;
  std::string file_label_;
  int64_t import_time_;
  size_t max_cell_bytes_;
  std::vector<std::string> columns_;
  std::vector<size_t> required_cols_, record_cols_;
  std::vector<EntityPlan> plans_;
  const GradingScheme* grading_ = nullptr;
  const text::Extractor* extractor_ = nullptr;
  std::array<size_t, 3>
      grading_cols_{};  // row value index of each grading axis' column (source, information, handling)
  size_t counter_count_ = 0;
  std::unique_ptr<std::atomic<int64_t>[]> counters_;  // see PropPlan::first_counter
};

}  // namespace kashf
