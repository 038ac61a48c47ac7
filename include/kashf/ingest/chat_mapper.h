// ChatMapper: the messages of a chat export (`format: chat`, kashf/text/chat_export.h) as entities.
// Each message is a Message (id from the dataset and "<file>:<line>", the line of its time stamp)
// with its time, date, sender as written, text (kept exactly: the spans of its Mentions point into
// it) and attachments listed by file name (the files themselves are never read); its author is a
// Phone when the sender is a phone number (the export of an unsaved contact), else a Person named
// as the export names him, keyed by that name in the dataset. The chat is one Chat entity per file
// (named by the file), whose participants are the senders. The message text is read for selectors
// (kashf/ingest/text_links.h), so a number written in a message links the message to that Phone.
// Bad input, per message and located by line: a message larger than max_cell_bytes, or not valid
// UTF-8 (a binary attachment pasted into the export, another encoding), is rejected; the parser's
// problems (lines before the first message, impossible dates) are warnings, and their lines are
// still loaded as text.
#pragma once
#include <string>
#include <vector>

#include "kashf/ingest/row_mapper.h"
#include "kashf/text/extractor.h"

namespace kashf {

// The columns a chat export's rows hold, in order: time, date, sender, text, attachments (several
// values), problems (several "line N: reason" values).
const std::vector<std::string>& ChatColumns();

// Largest chat export read (the parser holds the whole file and its messages).
inline constexpr uint64_t kMaxChatExportBytes = uint64_t{256} << 20;

class ChatMapper final : public RecordMapper {
 public:
  // `dataset` is the mapping's; `file_label` names the file in record ids and reports; `grading`
  // (canonical codes, or empty) is carried by every statement; `extractor` may be null (the text is
  // then only stored).
  ChatMapper(std::string dataset, std::string file_label, int64_t import_time, size_t max_cell_bytes, Grading grading,
             const text::Extractor* extractor);
  void Map(const SourceRow& row, MappedRow* out) const override;

 private:
  std::string dataset_, file_label_;
  int64_t import_time_;
  size_t max_cell_bytes_;
  Grading grading_;
  const text::Extractor* extractor_;
};

}  // namespace kashf
