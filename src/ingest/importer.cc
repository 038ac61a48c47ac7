#include "kashf/ingest/importer.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/core/thread_annotations.h"
#include "kashf/ingest/chat_mapper.h"
#include "kashf/ingest/ftm_mapper.h"
#include "kashf/ingest/row_mapper.h"

namespace kashf {
namespace {

struct Batch {
  std::vector<Statement> statements;
  std::vector<RejectedRow> rejects;
  std::vector<RejectedRow> warnings;
  int64_t rows = 0, loaded = 0;
  uint64_t bytes_read = 0;
  // Empties the batch but keeps its vectors' capacity.
  void Clear() {
    statements.clear();
    rejects.clear();
    warnings.clear();
    rows = loaded = 0;
    bytes_read = 0;
  }
};

// Single-producer single-consumer queue holding at most `capacity` batches.
class BatchQueue {
 public:
  explicit BatchQueue(size_t capacity) : capacity_(capacity) {}
  // False if the consumer has stopped.
  bool Push(Batch b) {
    MutexLock lock(mu_);
    while (q_.size() >= capacity_ && !stopped_) mu_.Await(cv_);
    if (stopped_) return false;
    q_.push_back(std::move(b));
    cv_.notify_all();
    return true;
  }
  void Close(Status st) {
    MutexLock lock(mu_);
    closed_ = true;
    final_ = std::move(st);
    cv_.notify_all();
  }
  void Stop() {
    MutexLock lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }
  // False when closed and drained.
  bool Pop(Batch* b) {
    MutexLock lock(mu_);
    while (q_.empty() && !closed_) mu_.Await(cv_);
    if (q_.empty()) return false;
    *b = std::move(q_.front());
    q_.pop_front();
    cv_.notify_all();
    return true;
  }
  // The consumer hands a written batch back, so that its statements are freed and its memory
  // reused on the producer's thread instead of the writer's.
  void Recycle(Batch b) {
    MutexLock lock(mu_);
    spare_.push_back(std::move(b));
  }
  Batch Spare() {
    MutexLock lock(mu_);
    if (spare_.empty()) return Batch();
    Batch b = std::move(spare_.back());
    spare_.pop_back();
    return b;
  }
  Status final_status() {
    MutexLock lock(mu_);
    return final_;
  }

 private:
  Mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> q_ GUARDED_BY(mu_);
  std::vector<Batch> spare_ GUARDED_BY(mu_);
  const size_t capacity_;
  bool closed_ GUARDED_BY(mu_) = false;
  bool stopped_ GUARDED_BY(mu_) = false;
  Status final_ GUARDED_BY(mu_);
};

void Produce(RowSource& source, const RecordMapper& mapper, int64_t batch_rows, BatchQueue& queue) {
  Batch batch;
  SourceRow row;
  MappedRow mapped;
  for (;;) {
    Result<bool> more = source.Next(&row);
    if (!more.ok()) {
      batch.bytes_read = source.BytesRead();
      queue.Push(std::move(batch));
      queue.Close(more.status());
      return;
    }
    if (!*more) break;
    ++batch.rows;
    mapper.Map(row, &mapped);
    if (mapped.rejected) {
      batch.rejects.push_back(std::move(mapped.reject));
    } else {
      ++batch.loaded;
      for (auto& s : mapped.statements) batch.statements.push_back(std::move(s));
    }
    for (auto& w : mapped.warnings) batch.warnings.push_back(std::move(w));
    if (batch.rows >= batch_rows) {
      batch.bytes_read = source.BytesRead();
      if (!queue.Push(std::move(batch))) return;
      batch = queue.Spare();
      batch.Clear();
    }
  }
  batch.bytes_read = source.BytesRead();
  queue.Push(std::move(batch));
  queue.Close(Status::Ok());
}

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The reader for options.file: the mapping's format, or the file extension's (a .tsv file is
// tab-separated unless the mapping says otherwise).
Result<std::unique_ptr<RowSource>> OpenSource(const Mapping& mapping, const ImportOptions& options) {
  SourceOptions so;
  if (mapping.has_format) {
    so.format = mapping.format;
  } else {
    KASHF_ASSIGN_OR_RETURN(so.format, FormatFromPath(options.file));
  }
  so.delimiter = mapping.delimiter;
  if (!mapping.has_format && ToLowerAscii(std::filesystem::path(options.file).extension().string()) == ".tsv" &&
      so.delimiter == ',')
    so.delimiter = '\t';
  so.sheet = mapping.sheet;
  so.chat_month_first = mapping.chat_month_first;
  so.limits = options.limits;
  return OpenRowSource(options.file, so, mapping.Columns());
}

// Starts the bulk load and records the run as "running"; on failure nothing is left begun.
Result<int64_t> StartRun(Store& store, const ImportRun& run, size_t index_memory_bytes) {
  KASHF_RETURN_IF_ERROR(store.BeginBulkLoad(index_memory_bytes)
                            .WithContext("indexing records an earlier, interrupted import left unindexed"));
  const Status begun = store.Begin();
  const Result<int64_t> run_id = begun.ok() ? store.StartImport(run) : Result<int64_t>(begun);
  const Status started = run_id.ok() ? store.Commit() : run_id.status();
  if (!started.ok()) {
    if (begun.ok()) (void)store.Rollback();
    (void)store.EndBulkLoad();
    return started;
  }
  return *run_id;
}

// Rejected rows counted by reason, for the report.
struct RejectTally {
  std::map<std::string, int64_t> reasons;
  int64_t utf8 = 0;
};

// Stores one batch in its own transaction; on success adds it to the run, the report and the tally.
Status WriteBatch(Store& store, Batch& batch, const ImportOptions& options, ImportReport* report, RejectTally* tally) {
  ImportRun& run = report->run;
  const auto write_start = Clock::now();
  Status st = store.Begin();
  int64_t fresh = 0;
  if (st.ok()) {
    auto put = store.PutStatements(batch.statements);
    if (put.ok()) fresh = *put;
    else st = put.status();
  }
  if (st.ok()) st = store.PutRejects(run.id, batch.rejects);
  report->seconds_writing += SecondsSince(write_start);
  const auto commit_start = Clock::now();
  if (st.ok()) st = store.Commit();
  report->seconds_committing += SecondsSince(commit_start);
  if (!st.ok()) {
    (void)store.Rollback();
    return st.WithContext(fmt::format("writing rows near line {}", batch.rejects.empty() ? 0 : batch.rejects[0].line));
  }
  run.rows_read += batch.rows;
  run.rows_loaded += batch.loaded;
  run.rows_rejected += static_cast<int64_t>(batch.rejects.size());
  run.statements_new += fresh;
  for (auto& r : batch.rejects) {
    if (r.reason.find("UTF-8") != std::string::npos) ++tally->utf8;
    ++tally->reasons[r.column.empty() ? r.reason : r.column + ": " + r.reason];
    if (report->rejects.size() < options.max_rejects_in_report) report->rejects.push_back(std::move(r));
  }
  report->warnings += static_cast<int64_t>(batch.warnings.size());
  for (auto& w : batch.warnings)
    if (report->warning_samples.size() < 20) report->warning_samples.push_back(std::move(w));
  return Status::Ok();
}

// What the writing loop ended with.
struct WriteOutcome {
  Status failure;
  bool cancelled = false;
};

// Writes the batches the reader thread queues until it closes the queue, the store fails, or the
// import is cancelled; reports progress after each batch.
WriteOutcome WriteBatches(Store& store, BatchQueue& queue, const RowSource& source, const ImportOptions& options,
                          Clock::time_point t0, ImportReport* report, RejectTally* tally) {
  WriteOutcome out;
  Batch batch;
  for (;;) {
    const auto wait_start = Clock::now();
    if (!queue.Pop(&batch)) break;
    report->seconds_waiting += SecondsSince(wait_start);
    if (options.cancel && options.cancel->load()) {
      out.cancelled = true;
      break;
    }
    out.failure = WriteBatch(store, batch, options, report, tally);
    if (!out.failure.ok()) break;
    if (options.on_progress)
      options.on_progress(
          {batch.bytes_read, source.TotalBytes(), report->run.rows_read, report->run.rows_rejected, SecondsSince(t0)});
    queue.Recycle(std::move(batch));
    batch = Batch();
  }
  return out;
}

// The report's summaries: reasons by frequency, the whole-file encoding hint, and the declared
// date formats that fit none of their column's values.
void Summarise(const RejectTally& tally, const RecordMapper& mapper, ImportReport* report) {
  for (const DateFormatUse& use : mapper.DateFormatUses())
    if (use.values > 0 && use.matched == 0)
      report->format_warnings.push_back(fmt::format(
          "column '{}' ({}): the date format '{}' fit none of its {} values; check `format:` in the mapping",
          use.columns, use.property, use.layout, use.values));
  for (const auto& [reason, n] : tally.reasons) report->reject_reasons.emplace_back(reason, n);
  std::stable_sort(report->reject_reasons.begin(), report->reject_reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (tally.utf8 > 0 && 2 * tally.utf8 >= report->run.rows_read)
    report->hint = fmt::format(
        "{} of {} rows are not valid UTF-8: the file is probably saved in another encoding (Windows-1252, Latin-1, "
        "Arabic/Urdu code page 1256). Save it as UTF-8 (Excel: Save As > 'CSV UTF-8') and import it again",
        tally.utf8, report->run.rows_read);
}

// The datasets a mapping's `dataset:` references name must be loaded already (their ids would
// otherwise point nowhere); InvalidArgument names the missing one and the loaded ones.
Status CheckReferencedDatasets(Store& store, const Mapping& mapping) {
  const std::vector<std::string> wanted = mapping.ReferencedDatasets();
  if (wanted.empty()) return Status::Ok();
  KASHF_ASSIGN_OR_RETURN(const std::vector<ImportRun> runs, store.Imports());
  std::set<std::string> loaded;
  for (const ImportRun& r : runs)
    if (r.status == "done" || r.status == "interrupted") loaded.insert(r.dataset);
  for (const std::string& d : wanted)
    if (loaded.count(d) == 0)
      return Status::InvalidArgument(fmt::format(
          "mapping '{}' refers to ids of dataset '{}', which is not in the store (loaded: {}); import that dataset "
          "first, or remove `dataset: {}` to keep the ids in '{}'",
          mapping.path, d, loaded.empty() ? std::string("none") : Join({loaded.begin(), loaded.end()}, ", "), d,
          mapping.dataset));
  return Status::Ok();
}

// Records how the run ended (interrupted, failed or done).
Status FinishRun(Store& store, ImportRun& run, bool cancelled, bool failed) {
  run.finished = NowUnixSeconds();
  run.status = cancelled ? "interrupted" : failed ? "failed" : "done";
  Status fin = store.Begin();
  if (fin.ok()) fin = store.FinishImport(run);
  if (fin.ok()) fin = store.Commit();
  else (void)store.Rollback();
  return fin;
}

// The mapper for `mapping`: its columns, a chat export's messages, or (format: ftm) FtM entities
// through the translation and the file's own id index; *ftm keeps what the mapper refers to alive
// (with the selector extractor when the mapping reads text).
struct FtmState {
  std::optional<FtmTranslation> translation;
  FtmIdIndex ids;
  std::optional<text::Extractor> extractor;
};
Result<std::unique_ptr<RecordMapper>> MakeMapper(const Mapping& mapping, const ImportOptions& options,
                                                 const std::string& label, int64_t now, const GradingScheme* scheme,
                                                 FtmState* ftm) {
  if (mapping.ReadsText()) {
    auto extractor = text::Extractor::LoadDefault();
    KASHF_RETURN_IF_ERROR(extractor.status().WithContext("loading the selector word lists for the text columns"));
    ftm->extractor = std::move(*extractor);
  }
  const text::Extractor* extractor = ftm->extractor ? &*ftm->extractor : nullptr;
  // FtM lines and chat exports carry no grading of their own: every statement gets the mapping's
  // (or the command line's) codes, already canonical.
  const Grading grading{mapping.grading.source.code, mapping.grading.information.code, mapping.grading.handling.code};
  if (mapping.IsChat())
    return std::unique_ptr<RecordMapper>(
        std::make_unique<ChatMapper>(mapping.dataset, label, now, options.limits.max_cell_bytes, grading, extractor));
  if (!mapping.IsFtm())
    return std::unique_ptr<RecordMapper>(
        std::make_unique<RowMapper>(mapping, label, now, options.limits.max_cell_bytes, scheme, extractor));
  if (!mapping.model) return Status::Internal("an FtM mapping without its model");
  Result<FtmTranslation> translation =
      mapping.ftm_kashf_model           ? Result<FtmTranslation>(FtmTranslation::KashfModel(*mapping.model))
      : mapping.ftm_translation.empty() ? FtmTranslation::LoadDefault(*mapping.model)
                                        : FtmTranslation::Load(mapping.ftm_translation, *mapping.model);
  KASHF_RETURN_IF_ERROR(translation.status());
  ftm->translation = std::move(*translation);
  KASHF_ASSIGN_OR_RETURN(ftm->ids, IndexFtmIds(options.file, *ftm->translation, options.limits));
  return std::unique_ptr<RecordMapper>(std::make_unique<FtmMapper>(
      *mapping.model, *ftm->translation, ftm->ids, mapping.dataset, label, now, options.limits, grading));
}

}  // namespace

Result<ImportReport> ImportFile(Store& store, const Mapping& declared, const ImportOptions& options) {
  const auto t0 = Clock::now();
  // The mapping with the command line's grading codes, every written code checked against the scheme.
  Mapping mapping = declared;
  mapping.grading.Override(options.grading);
  std::optional<GradingScheme> shipped;
  const GradingScheme* scheme = options.grading_scheme;
  if (!mapping.grading.empty()) {
    if (!scheme) {
      KASHF_ASSIGN_OR_RETURN(shipped, GradingScheme::LoadDefault());
      scheme = &*shipped;
    }
    KASHF_RETURN_IF_ERROR(CanonicalGrading(*scheme, fmt::format("grading of '{}'", mapping.path), &mapping.grading));
  }
  KASHF_RETURN_IF_ERROR(CheckReferencedDatasets(store, mapping));
  KASHF_ASSIGN_OR_RETURN(auto source, OpenSource(mapping, options));
  const int64_t now = options.import_time ? options.import_time : NowUnixSeconds();
  const std::string label = std::filesystem::path(options.file).filename().string();
  FtmState ftm;
  KASHF_ASSIGN_OR_RETURN(const std::unique_ptr<RecordMapper> mapper_ptr,
                         MakeMapper(mapping, options, label, now, scheme, &ftm));
  const RecordMapper& mapper = *mapper_ptr;

  ImportReport report;
  ImportRun& run = report.run;
  run.dataset = mapping.dataset;
  run.file = options.file;
  run.mapping = mapping.path;
  run.started = now;
  run.status = "running";
  KASHF_ASSIGN_OR_RETURN(run.id, StartRun(store, run, options.index_memory_bytes));

  // Parsing and mapping on a second thread; this one writes.
  BatchQueue queue(1);
  std::thread producer([&] { Produce(*source, mapper, options.batch_rows, queue); });
  RejectTally tally;
  WriteOutcome written = WriteBatches(store, queue, *source, options, t0, &report, &tally);
  queue.Stop();
  producer.join();
  const Status read_status = queue.final_status();
  if (options.on_indexing) options.on_indexing();
  const auto index_start = Clock::now();
  const Status indexed = store.EndBulkLoad();
  report.seconds_indexing += SecondsSince(index_start);
  report.seconds_committing += SecondsSince(index_start);
  if (!indexed.ok() && written.failure.ok()) written.failure = indexed;

  Summarise(tally, mapper, &report);
  report.seconds = SecondsSince(t0);
  const Status fin = FinishRun(store, run, written.cancelled, !written.failure.ok() || !read_status.ok());
  if (written.cancelled)
    return Status::Cancelled(
        fmt::format("import interrupted after {} rows ({} loaded) were committed; run the same "
                    "command again to finish (rows already loaded are skipped)",
                    run.rows_read, run.rows_loaded));
  if (!written.failure.ok()) return written.failure;
  if (!read_status.ok() && read_status.code() != StatusCode::kCancelled)
    return read_status.WithContext(
        fmt::format("'{}' after {} rows ({} loaded and kept)", label, run.rows_read, run.rows_loaded));
  KASHF_RETURN_IF_ERROR(fin);
  return report;
}

}  // namespace kashf
