// Chat exports: the plain-text "export chat" files of messaging apps, split into messages with
// their sender, time, text and attachments, so each message can be a record with provenance
// (file and line) and its text read for selectors (kashf/text/extractor.h).
// Formats read (WhatsApp on Android and iOS, 24- and 12-hour clocks, two- or four-digit years):
//   12/03/2024, 14:05 - Ali Khan: message text
//   12/03/24, 2:05 pm - +92 300 5551234: message text
//   [12/03/2024, 14:05:33] Ali Khan: message text
//   12/03/2024, 14:05 - Messages and calls are end-to-end encrypted ...     (system: no sender)
// Lines that do not start with a time stamp continue the message before. Attachments are listed
// as "IMG-20240312-WA0007.jpg (file attached)", "<attached: 00000012-PHOTO-....jpg>" or
// "<Media omitted>" (the last without a file name). Dates are day first unless month_first.
// Bad input: lines before the first message, impossible dates and a leading byte-order mark or
// left-to-right mark are reported per line (ChatExport::problems) and nothing is dropped: orphan
// lines become a system message of their own.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kashf::text {

struct ChatMessage {
  size_t line = 0;                       // 1-based line of the time stamp in the file
  std::string time;                      // ISO 8601 local time: "2024-03-12T14:05" or "...T14:05:33"
  std::string sender;                    // as written (a name or a phone number); empty for system messages
  std::string text;                      // the message, continuation lines joined by '\n', attachments kept
  std::vector<std::string> attachments;  // file names; "<Media omitted>" for omitted media
  bool system = false;                   // no sender: a notice of the app, or orphan lines
};

struct ChatProblem {
  size_t line = 0;
  std::string reason;  // never quotes the line (it may name a victim)
};

struct ChatExport {
  std::vector<ChatMessage> messages;
  std::vector<ChatProblem> problems;
};

struct ChatExportOptions {
  bool month_first = false;  // exports from a phone set to a US locale write 03/12/2024
};

ChatExport ParseChatExport(std::string_view content, const ChatExportOptions& options = {});

}  // namespace kashf::text
