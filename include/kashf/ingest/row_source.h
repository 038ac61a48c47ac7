// RowSource: streams records out of a source file (CSV, JSON lines, XLSX) as rows of strings,
// aligned with the columns a mapping asks for. Memory stays bounded whatever the file size.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kashf/core/input_limits.h"
#include "kashf/core/result.h"

namespace kashf {

// kFtm: FollowTheMoney entities as JSON lines ({"id", "schema", "properties"}), read through the
// JSON-lines reader and mapped by FtmMapper (kashf/ingest/ftm_mapper.h) instead of a column mapping.
// kChat: a messaging app's plain-text chat export (kashf/text/chat_export.h), one record per
// message with the columns ChatColumns() names, mapped by ChatMapper (kashf/ingest/chat_mapper.h).
enum class SourceFormat { kCsv, kJsonLines, kXlsx, kFtm, kChat };

// "csv" | "tsv" | "jsonl" | "json" | "ndjson" | "xlsx" | "ftm" | "chat"; error lists the choices.
Result<SourceFormat> ParseSourceFormat(const std::string& name);
// From the file extension (.csv .tsv .txt .jsonl .ndjson .json .xlsx); error if unknown.
Result<SourceFormat> FormatFromPath(const std::string& path);

// Separator between several values of one cell (JSON arrays become several values).
inline constexpr char kMultiValueSeparator = '\x1e';

struct SourceRow {
  int64_t line = 0;                 // 1-based line (CSV/JSONL) or sheet row (XLSX) where the record starts
  std::vector<std::string> values;  // aligned with the requested columns; "" when absent or empty
  std::string error;                // non-empty: this record could not be read; values are unusable
  std::string error_column;         // column the error concerns, if any
};

struct SourceOptions {
  SourceFormat format = SourceFormat::kCsv;
  char delimiter = ',';  // CSV only
  std::string sheet;     // XLSX only; "" = first sheet
  // JSON lines only: a requested key whose value is an object gives that object as JSON text
  // (otherwise objects give nothing). kFtm reads `properties` this way.
  bool objects_as_json = false;
  bool chat_month_first = false;  // chat exports only: dates are written month first
  // max_record_bytes: a longer record (usually an unclosed quote) stops the read. max_columns: a
  // wider row is returned with row->error; a wider header refuses the file. max_nesting_depth
  // (JSON lines), the XLSX package limits; max_cell_bytes is checked by RowMapper.
  InputLimits limits;
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next record into *row. Returns false at the end of the input. A record that cannot
  // be read is returned with row->error set (the caller rejects it and goes on); a Status error
  // means the rest of the file cannot be read at all.
  virtual Result<bool> Next(SourceRow* row) = 0;
  // For progress: bytes consumed so far and the file size (XLSX: compressed sheet bytes).
  virtual uint64_t BytesRead() const = 0;
  virtual uint64_t TotalBytes() const = 0;
};

// Opens `path` and checks that every requested column exists (CSV/XLSX: in the header; JSON
// lines: in at least one of the first records). A missing column is an InvalidArgument naming
// the closest header names; an empty file, a UTF-16 file or a likely wrong delimiter get their
// own explanations.
Result<std::unique_ptr<RowSource>> OpenRowSource(const std::string& path, const SourceOptions& options,
                                                 const std::vector<std::string>& columns);

}  // namespace kashf
