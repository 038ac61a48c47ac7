#include "kashf/ingest/chat_mapper.h"

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/ingest/text_links.h"
#include "kashf/model/values.h"
#include "kashf/text/normalised_text.h"

namespace kashf {
namespace {

enum ChatColumn : size_t { kTime, kDate, kSender, kText, kAttachments, kProblems };

// Splits a cell of several values (kMultiValueSeparator).
std::vector<std::string_view> Values(std::string_view cell) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < cell.size()) {
    size_t end = cell.find(kMultiValueSeparator, start);
    if (end == std::string_view::npos) end = cell.size();
    if (end > start) out.push_back(cell.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& ChatColumns() {
  static const std::vector<std::string> columns = {"time", "date", "sender", "text", "attachments", "problems"};
  return columns;
}

ChatMapper::ChatMapper(std::string dataset, std::string file_label, int64_t import_time, size_t max_cell_bytes,
                       Grading grading, const text::Extractor* extractor)
    : dataset_(std::move(dataset)),
      file_label_(std::move(file_label)),
      import_time_(import_time),
      max_cell_bytes_(max_cell_bytes),
      grading_(std::move(grading)),
      extractor_(extractor) {}

void ChatMapper::Map(const SourceRow& row, MappedRow* out) const {
  out->rejected = false;
  out->statements.clear();
  out->warnings.clear();
  const auto reject = [&](const std::string& column, std::string reason) {
    out->rejected = true;
    out->statements.clear();
    out->warnings.clear();
    out->reject = {file_label_, row.line, column, std::move(reason)};
  };
  if (!row.error.empty()) return reject(row.error_column, row.error);
  for (size_t c = 0; c < row.values.size(); ++c) {
    size_t bad = 0;
    if (row.values[c].size() > max_cell_bytes_)
      return reject(ChatColumns()[c], fmt::format("the message is longer than {} bytes, the limit per value (raise it "
                                                  "with `kashf ingest --max-cell-bytes N`)",
                                                  max_cell_bytes_));
    if (!IsValidUtf8(row.values[c], &bad))
      return reject(ChatColumns()[c],
                    fmt::format("not valid UTF-8 (bad byte at position {} of the message); binary content or another "
                                "encoding in the export",
                                bad + 1));
  }
  // The parser's problems are warnings: their lines are loaded as text all the same.
  for (std::string_view p : Values(row.values[kProblems]))
    out->warnings.push_back({file_label_, row.line, "", std::string(p) + " (kept as text)"});

  const std::string record_id = fmt::format("{}:{}", file_label_, row.line);
  const std::string message_id = MakeEntityId(dataset_, "Message", record_id);
  const std::string chat_id = MakeEntityId(dataset_, "Chat", file_label_);
  const auto emit = [&](const std::string& id, const char* schema, const char* prop, std::string value,
                        const std::string& record) {
    out->statements.push_back({id, schema, prop, std::move(value), dataset_, record, import_time_});
  };
  // Chat-level statements carry the file as their record: every message repeats them, the store keeps one.
  emit(chat_id, "Chat", "name", file_label_, file_label_);
  emit(message_id, "Message", "chat", chat_id, record_id);
  if (!row.values[kTime].empty()) emit(message_id, "Message", "time", row.values[kTime], record_id);
  std::string date;
  if (!row.values[kDate].empty() && ValidateValue(PropertyType::kDate, row.values[kDate], &date).ok())
    emit(message_id, "Message", "date", date, record_id);
  const std::string sender(Trim(row.values[kSender]));
  if (!sender.empty()) {
    emit(message_id, "Message", "sender", sender, record_id);
    // An unsaved contact's number, read with its bidi marks and Urdu digits folded (WhatsApp wraps
    // "+92 300 ..." in left-to-right embedding marks).
    std::string number;
    const bool phone = ValidateValue(PropertyType::kPhone, text::NormalisedText(sender).str(), &number).ok();
    const std::string author_id = phone ? MakeEntityId(dataset_, "Phone", number)  // as text_links names it
                                        : MakeEntityId(dataset_, "Person", sender);
    if (phone) emit(author_id, "Phone", "number", number, file_label_);
    else emit(author_id, "Person", "name", sender, file_label_);
    emit(message_id, "Message", "author", author_id, record_id);
    emit(chat_id, "Chat", "participant", author_id, file_label_);
  }
  for (std::string_view a : Values(row.values[kAttachments]))
    emit(message_id, "Message", "attachment", std::string(a), record_id);
  const std::string& text = row.values[kText];
  if (!text.empty()) {
    emit(message_id, "Message", "bodyText", text, record_id);
    if (extractor_) {
      const Status linked = AppendTextLinks(
          *extractor_, text, {message_id, "bodyText", dataset_, record_id, import_time_}, &out->statements);
      if (!linked.ok()) return reject("text", std::string(linked.message()));
    }
  }
  if (!grading_.empty())
    for (Statement& st : out->statements) st.grading = grading_;
}

}  // namespace kashf
