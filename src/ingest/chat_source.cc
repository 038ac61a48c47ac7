// The RowSource of `format: chat`: a chat export parsed whole (kashf/text/chat_export.h), one row
// per message with the columns ChatColumns() names.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "input_file.h"
#include "kashf/core/text.h"
#include "kashf/ingest/chat_mapper.h"
#include "kashf/ingest/row_source.h"
#include "kashf/text/chat_export.h"

namespace kashf {
namespace {

class ChatSource final : public RowSource {
 public:
  ChatSource(text::ChatExport chat, uint64_t size) : chat_(std::move(chat)), size_(size) {
    // Each problem goes with the message whose lines hold it (the one starting at or before it).
    for (const text::ChatProblem& p : chat_.problems) {
      auto it = std::upper_bound(chat_.messages.begin(), chat_.messages.end(), p.line,
                                 [](size_t line, const text::ChatMessage& m) { return line < m.line; });
      const size_t index = it == chat_.messages.begin() ? 0 : static_cast<size_t>(it - chat_.messages.begin()) - 1;
      std::string& list = problems_[index];
      if (!list.empty()) list += kMultiValueSeparator;
      list += fmt::format("line {}: {}", p.line, p.reason);
    }
  }
  Result<bool> Next(SourceRow* row) override {
    if (next_ >= chat_.messages.size()) return false;
    const text::ChatMessage& m = chat_.messages[next_];
    row->line = static_cast<int64_t>(m.line);
    row->error.clear();
    row->error_column.clear();
    const auto problems = problems_.find(next_);
    row->values = {m.time,
                   m.time.substr(0, std::min<size_t>(m.time.size(), 10)),
                   m.sender,
                   m.text,
                   Join(m.attachments, std::string(1, kMultiValueSeparator)),
                   problems == problems_.end() ? std::string() : problems->second};
    ++next_;
    return true;
  }
  uint64_t BytesRead() const override { return chat_.messages.empty() ? size_ : size_ * next_ / chat_.messages.size(); }
  uint64_t TotalBytes() const override { return size_; }

 private:
  text::ChatExport chat_;
  std::map<size_t, std::string> problems_;  // message index -> its problems
  uint64_t size_;
  size_t next_ = 0;
};

}  // namespace

Result<std::unique_ptr<RowSource>> OpenChatSource(const std::string& path, const SourceOptions& options,
                                                  const std::vector<std::string>& columns) {
  if (columns != ChatColumns()) return Status::Internal("a chat export is read with the chat columns only");
  KASHF_ASSIGN_OR_RETURN(InputFile in, OpenInputFile(path));
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(in.file, &std::fclose);
  if (in.size == 0) return Status::InvalidArgument(fmt::format("'{}' is empty (0 bytes); nothing to import", path));
  if (in.size > kMaxChatExportBytes)
    return Status::InvalidArgument(fmt::format(
        "'{}' is larger than {} MiB, the limit for one chat export; split it (each part keeps its line numbers "
        "only within itself)",
        path, kMaxChatExportBytes >> 20));
  std::string content(in.size, '\0');
  content.resize(std::fread(content.data(), 1, content.size(), file.get()));
  if (std::ferror(file.get())) return Status::IoError(fmt::format("cannot read '{}'", path));
  if (content.size() >= 2 &&
      ((content[0] == '\xFF' && content[1] == '\xFE') || (content[0] == '\xFE' && content[1] == '\xFF')))
    return Status::InvalidArgument(
        fmt::format("'{}' is UTF-16; export the chat again or save the file as UTF-8, then import it again", path));
  text::ChatExportOptions parse;
  parse.month_first = options.chat_month_first;
  text::ChatExport chat = text::ParseChatExport(content, parse);
  if (chat.messages.empty())
    return Status::InvalidArgument(fmt::format(
        "'{}' holds no message of a chat export (lines like '12/03/2024, 14:05 - Name: text'); is it the right "
        "file?",
        path));
  return std::unique_ptr<RowSource>(std::make_unique<ChatSource>(std::move(chat), content.size()));
}

}  // namespace kashf
