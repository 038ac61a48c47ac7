// Importer: loads one source file through a mapping into a Store.
// Contract:
//  - Rows are written in batches, one transaction each: after a crash or Ctrl-C the store holds
//    whole batches only, and re-running the same import completes it (statements are idempotent).
//  - The import is a bulk load (Store::BeginBulkLoad): the entity rows, links and name index of
//    committed batches are written sorted, when they pass index_memory_bytes and at the end, so
//    rows become searchable then; re-running an import that died in between writes them.
//  - A bad row is rejected with file, line, column and reason; valid rows still load.
//  - A file-level problem (missing column, wrong delimiter, unreadable file) stops the import
//    before anything is written; a fatal read error mid-file keeps the rows committed before it.
// Threading: parsing and mapping run on a second thread while the caller's thread writes.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kashf/ingest/mapping.h"
#include "kashf/store/store.h"

namespace kashf {

struct ImportProgress {
  uint64_t bytes_read = 0, bytes_total = 0;
  int64_t rows_read = 0, rows_rejected = 0;
  double seconds = 0;
};

struct ImportOptions {
  std::string file;
  int64_t batch_rows = 20000;
  size_t index_memory_bytes = size_t{256} << 20;           // deferred index rows held before a sorted write
  int64_t import_time = 0;                                 // Unix seconds; 0 = now
  const std::atomic<bool>* cancel = nullptr;               // set (e.g. by SIGINT) to stop after the current batch
  std::function<void(const ImportProgress&)> on_progress;  // after each committed batch
  std::function<void()> on_indexing;  // once, when the last batch is in and the held-back index is written
  size_t max_rejects_in_report = 200;
  InputLimits limits;  // record, cell and row-width limits, XLSX package limits (core/input_limits.h)
  // Codes for every row (`kashf ingest --source-eval/--information/--handling`); each non-empty
  // axis replaces the mapping's grading: for that axis. Checked before anything is written.
  Grading grading;
  // The scheme the codes are checked against; nullptr: the shipped one (GradingScheme::LoadDefault),
  // loaded only when the mapping or `grading` grade anything.
  const GradingScheme* grading_scheme = nullptr;
};

struct ImportReport {
  ImportRun run;
  std::vector<RejectedRow> rejects;  // the first max_rejects_in_report (all are in the store)
  std::vector<std::pair<std::string, int64_t>> reject_reasons;  // "column: reason" -> count, most frequent first
  int64_t warnings = 0;
  std::vector<RejectedRow> warning_samples;
  double seconds = 0;
  // Where the writing thread's time went: waiting for parsed batches, storing, committing.
  double seconds_waiting = 0, seconds_writing = 0, seconds_committing = 0;
  // Of seconds_committing, the final write of the deferred entity/link/name index after the last
  // batch (earlier writes, each time the index rows pass index_memory_bytes, are in the rest).
  double seconds_indexing = 0;
  // Advice about the whole file, e.g. when most rows are rejected as not UTF-8; "" if none.
  std::string hint;
  // One line per declared date format (`format:` in the mapping) that fit none of its column's
  // values, naming the column and the format (rows it could not read are among the rejects).
  std::vector<std::string> format_warnings;
};

// Imports options.file. Returns the report, or the error that stopped it; a cancelled import
// returns Status::Cancelled after recording the run as "interrupted".
Result<ImportReport> ImportFile(Store& store, const Mapping& mapping, const ImportOptions& options);

}  // namespace kashf
