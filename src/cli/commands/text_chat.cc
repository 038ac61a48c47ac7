// kashf text chat: a chat export split into messages (sender, time, text, attachments), with the
// selectors of each message; each message's record id is "<file>:<line>" (its provenance).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/text/chat_export.h"
#include "kashf/text/extractor.h"
#include "text_command.h"

namespace kashf::cli {
namespace {

struct ChatArgs {
  std::string file;
  bool month_first = false;
};

TextSubcommandRegistration chat_command(30, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ChatArgs>();
  auto* cmd = parent.add_subcommand("chat", "Split a chat export into messages and extract each message's selectors");
  cmd->add_option("file", a->file, "The exported chat (plain text, '-' for standard input)")->required();
  cmd->add_flag("--month-first", a->month_first, "Dates are written month first (US locale)");
  cmd->footer(
      "Reads WhatsApp exports from Android and iOS (docs/text-leads.md). Example:\n"
      "  kashf --json text chat 'WhatsApp Chat with Bilal.txt'");
  return [&g, a]() -> Status {
    KASHF_ASSIGN_OR_RETURN(std::string content, ReadTextInput(a->file));
    text::ChatExportOptions options;
    options.month_first = a->month_first;
    const auto chat = text::ParseChatExport(content, options);
    KASHF_ASSIGN_OR_RETURN(auto extractor, text::Extractor::LoadDefault());
    nlohmann::json messages = nlohmann::json::array();
    for (const auto& m : chat.messages) {
      KASHF_ASSIGN_OR_RETURN(auto found, extractor.Extract(m.text));
      const std::string record = fmt::format("{}:{}", a->file, m.line);
      if (!g.json) {
        fmt::print("{}  {}  {}{}\n", record, m.time.empty() ? "-" : m.time, m.system ? "(system)" : m.sender,
                   m.attachments.empty() ? "" : fmt::format("  [{} attachment(s)]", m.attachments.size()));
        for (const auto& s : found) fmt::print("    {:<9} {}\n", text::KindName(s.kind), s.value);
        continue;
      }
      nlohmann::json selectors = nlohmann::json::array();
      for (const auto& s : found)
        selectors.push_back({{"kind", text::KindName(s.kind)},
                             {"begin", s.begin},
                             {"end", s.end},
                             {"value", s.value},
                             {"attributes", s.attributes}});
      messages.push_back({{"record", record},
                          {"line", m.line},
                          {"time", m.time},
                          {"sender", m.sender},
                          {"system", m.system},
                          {"text", m.text},
                          {"attachments", m.attachments},
                          {"selectors", selectors}});
    }
    if (g.json) {
      nlohmann::json problems = nlohmann::json::array();
      for (const auto& p : chat.problems) problems.push_back({{"line", p.line}, {"reason", p.reason}});
      fmt::print("{}\n", nlohmann::json{{"messages", messages}, {"problems", problems}}.dump(
                             2, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
      for (const auto& p : chat.problems) fmt::print(stderr, "{}:{}: {}\n", a->file, p.line, p.reason);
    }
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
