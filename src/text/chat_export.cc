#include "kashf/text/chat_export.h"

#include <fmt/format.h>

#include <optional>

#include "kashf/core/text.h"
#include "kashf/model/values.h"

namespace kashf::text {
namespace {

struct Header {
  std::string time;
  std::string_view rest;  // after " - " or "] "
};

// Reads 1-`max` digits at `pos`; advances it. -1 if none.
int Number(std::string_view s, size_t& pos, size_t max) {
  size_t n = 0;
  int v = 0;
  while (pos < s.size() && n < max && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + (s[pos++] - '0');
    ++n;
  }
  return n ? v : -1;
}

bool Eat(std::string_view s, size_t& pos, std::string_view what) {
  if (s.substr(pos, what.size()) != what) return false;
  pos += what.size();
  return true;
}

// Spaces the apps write between the time and am/pm: ' ', U+00A0, U+202F.
void EatSpaces(std::string_view s, size_t& pos) {
  while (true) {
    if (Eat(s, pos, " ") || Eat(s, pos, "\u00a0") || Eat(s, pos, "\u202f")) continue;
    return;
  }
}

enum class HeaderResult { kNone, kOk, kBadDate };

// "12/03/2024, 14:05 - " or "[12/03/2024, 14:05:33] " at the start of `line`.
HeaderResult ReadHeader(std::string_view line, const ChatExportOptions& options, Header* h) {
  size_t p = 0;
  const bool bracket = Eat(line, p, "[");
  const int a = Number(line, p, 2);
  if (a < 0 || !(Eat(line, p, "/") || Eat(line, p, ".") || Eat(line, p, "-"))) return HeaderResult::kNone;
  const int b = Number(line, p, 2);
  if (b < 0 || !(Eat(line, p, "/") || Eat(line, p, ".") || Eat(line, p, "-"))) return HeaderResult::kNone;
  const size_t year_at = p;
  int year = Number(line, p, 4);
  if (year < 0 || (p - year_at != 2 && p - year_at != 4)) return HeaderResult::kNone;
  if (p - year_at == 2) year += 2000;
  Eat(line, p, ",");
  EatSpaces(line, p);
  int hour = Number(line, p, 2);
  if (hour < 0 || !Eat(line, p, ":")) return HeaderResult::kNone;
  const int minute = Number(line, p, 2);
  int second = -1;
  if (minute < 0) return HeaderResult::kNone;
  if (Eat(line, p, ":")) second = Number(line, p, 2);
  const size_t before_ampm = p;
  EatSpaces(line, p);
  const std::string ampm = ToLowerAscii(line.substr(p, 2));
  if (ampm == "am" || ampm == "pm") {
    p += 2;
    if (hour < 1 || hour > 12) return HeaderResult::kNone;
    hour = hour % 12 + (ampm == "pm" ? 12 : 0);
  } else {
    p = before_ampm;
  }
  if (bracket) {
    if (!Eat(line, p, "] ")) return HeaderResult::kNone;
  } else {
    EatSpaces(line, p);
    if (!Eat(line, p, "- ")) return HeaderResult::kNone;
  }
  const int day = options.month_first ? b : a;
  const int month = options.month_first ? a : b;
  std::string date;
  if (hour > 23 || minute > 59 || second > 59 ||
      !ValidateValue(PropertyType::kDate, fmt::format("{:04d}-{:02d}-{:02d}", year, month, day), &date).ok())
    return HeaderResult::kBadDate;
  h->time = second >= 0 ? fmt::format("{}T{:02d}:{:02d}:{:02d}", date, hour, minute, second)
                        : fmt::format("{}T{:02d}:{:02d}", date, hour, minute);
  h->rest = line.substr(p);
  return HeaderResult::kOk;
}

// Attachment file named in one line of a message, if any.
std::optional<std::string> Attachment(std::string_view line) {
  line = Trim(line);
  if (line == "<Media omitted>") return std::string(line);
  if (StartsWith(line, "<attached: ") && line.back() == '>')
    return std::string(Trim(line.substr(11, line.size() - 12)));
  constexpr std::string_view kAttached = " (file attached)";
  if (line.size() > kAttached.size() && line.substr(line.size() - kAttached.size()) == kAttached)
    return std::string(line.substr(0, line.size() - kAttached.size()));
  return std::nullopt;
}

void AddLine(ChatMessage& m, std::string_view line) {
  if (auto file = Attachment(line)) m.attachments.push_back(*file);
  if (!m.text.empty()) m.text.push_back('\n');
  m.text += line;
}

}  // namespace

ChatExport ParseChatExport(std::string_view content, const ChatExportOptions& options) {
  ChatExport out;
  size_t number = 0;
  for (const std::string& raw : Split(content, '\n')) {
    ++number;
    std::string_view line(raw);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (number == 1 && StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);  // byte-order mark
    while (StartsWith(line, "\u200e") || StartsWith(line, "\u200f")) line.remove_prefix(3);
    Header h;
    switch (ReadHeader(line, options, &h)) {
      case HeaderResult::kOk: {
        ChatMessage m;
        m.line = number;
        m.time = h.time;
        const size_t colon = h.rest.find(": ");
        if (colon == std::string_view::npos) {
          m.system = true;
          AddLine(m, h.rest);
        } else {
          m.sender = std::string(Trim(h.rest.substr(0, colon)));
          AddLine(m, h.rest.substr(colon + 2));
        }
        out.messages.push_back(std::move(m));
        continue;
      }
      case HeaderResult::kBadDate:
        out.problems.push_back({number, "the time stamp is not a real date or time; the line is kept as text"});
        break;
      case HeaderResult::kNone: break;
    }
    if (out.messages.empty()) {
      if (line.empty()) continue;
      out.problems.push_back({number, "text before the first time-stamped message; kept as a system message"});
      ChatMessage orphan;
      orphan.line = number;
      orphan.system = true;
      out.messages.push_back(std::move(orphan));
    }
    AddLine(out.messages.back(), line);
  }
  // A trailing newline at the end of the file is no continuation line.
  for (auto& m : out.messages)
    while (!m.text.empty() && m.text.back() == '\n') m.text.pop_back();
  return out;
}

}  // namespace kashf::text
