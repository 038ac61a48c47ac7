// kashf text ...: leads from text (docs/text-leads.md). The group, `extract` (selectors with their
// spans) and `evaluate` (precision and recall on a labelled set).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/paths.h"
#include "kashf/text/evaluation.h"
#include "kashf/text/extractor.h"
#include "text_command.h"

namespace kashf::cli {

std::vector<RegisteredCommand>& TextSubcommands() {
  static std::vector<RegisteredCommand> subs;
  return subs;
}

TextSubcommandRegistration::TextSubcommandRegistration(int order, SetupFn setup) {
  TextSubcommands().push_back({order, std::move(setup)});
}

Result<std::string> ReadTextInput(const std::string& path) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("cannot read '{}'", path));
  buffer << in.rdbuf();
  return buffer.str();
}

namespace {

CommandRegistration text_group(40, [](CLI::App& app, GlobalOptions& g) -> RunFn {
  auto* cmd = app.add_subcommand("text",
                                 "Leads from text: phones, CNICs, wallets, money, firearms, places ... in "
                                 "Urdu, Roman Urdu and English");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  kashf text extract 'Glock 9mm, rabta 0300-5551234, 2 lakh, Lahore'\n"
      "  kashf --json text extract --file ad.txt --dataset monitors --record ad-17\n"
      "  kashf text evaluate\n"
      "Word lists (number words, currencies, slang, places) are data under data/reference/ (docs/text-leads.md).");
  return AttachSubcommands(*cmd, g, TextSubcommands(), "text");
});

struct ExtractArgs {
  std::string file;
  std::vector<std::string> words;
  std::string dataset;
  std::string record;
};

// Written text of a selector with line breaks shown as spaces, for one-line output.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return out;
}

TextSubcommandRegistration extract_command(10, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto a = std::make_shared<ExtractArgs>();
  auto* cmd = parent.add_subcommand("extract", "Print the selectors found in a text, with their byte spans");
  auto* file = cmd->add_option("--file", a->file, "Read the text from this file ('-' for standard input)");
  cmd->add_option("text", a->words, "The text (when no --file is given)")->excludes(file);
  cmd->add_option("--dataset", a->dataset, "Source dataset, kept as provenance in the JSON output");
  cmd->add_option("--record", a->record, "Source record id (default: the file name)");
  cmd->footer(
      "Output: kind, byte span [begin,end) of the text, the text as written, the normalised value.\n"
      "With --json: {source, selectors: [{kind, begin, end, text, value, schema, property, attributes}]}.");
  return [&g, a]() -> Status {
    std::string text;
    if (!a->file.empty()) {
      KASHF_ASSIGN_OR_RETURN(text, ReadTextInput(a->file));
    } else if (!a->words.empty()) {
      for (const auto& w : a->words) text += (text.empty() ? "" : " ") + w;
    } else {
      return Status::InvalidArgument("give the text as arguments or with --file F (see `kashf text extract --help`)");
    }
    KASHF_ASSIGN_OR_RETURN(auto extractor, text::Extractor::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto found, extractor.Extract(text));
    const std::string record = !a->record.empty() ? a->record : a->file.empty() ? "argv" : a->file;
    if (g.json) {
      nlohmann::json out;
      out["source"] = {{"dataset", a->dataset}, {"record", record}, {"bytes", text.size()}};
      out["selectors"] = nlohmann::json::array();
      for (const auto& s : found)
        out["selectors"].push_back({{"kind", text::KindName(s.kind)},
                                    {"begin", s.begin},
                                    {"end", s.end},
                                    {"text", text.substr(s.begin, s.end - s.begin)},
                                    {"value", s.value},
                                    {"schema", text::SchemaFor(s.kind)},
                                    {"property", text::PropertyFor(s.kind)},
                                    {"attributes", s.attributes}});
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return Status::Ok();
    }
    for (const auto& s : found) {
      std::string attributes;
      for (const auto& [k, v] : s.attributes) attributes += fmt::format(" {}={}", k, v);
      fmt::print("{:<9} {:>6}-{:<6} \"{}\"  {}{}\n", text::KindName(s.kind), s.begin, s.end,
                 OneLine(std::string_view(text).substr(s.begin, s.end - s.begin)), s.value,
                 attributes.empty() ? "" : "  [" + attributes.substr(1) + "]");
    }
    if (found.empty()) fmt::print("no selectors found\n");
    return Status::Ok();
  };
});

TextSubcommandRegistration evaluate_command(20, [](CLI::App& parent, GlobalOptions& g) -> RunFn {
  auto set = std::make_shared<std::string>(SourceDir() + "/tests/text/labelled-selectors.txt");
  auto show = std::make_shared<bool>(false);
  auto* cmd = parent.add_subcommand("evaluate", "Precision and recall per selector kind on a labelled set");
  cmd->add_option("--set", *set, "Labelled set (format: include/kashf/text/evaluation.h)")->capture_default_str();
  cmd->add_flag("--mistakes", *show, "List every missed label and wrong find");
  return [&g, set, show]() -> Status {
    KASHF_ASSIGN_OR_RETURN(auto labelled, text::LoadLabelledSet(*set));
    KASHF_ASSIGN_OR_RETURN(auto extractor, text::Extractor::LoadDefault());
    KASHF_ASSIGN_OR_RETURN(auto ev, text::Evaluate(extractor, labelled));
    if (g.json) {
      nlohmann::json out;
      out["texts"] = labelled.size();
      for (const auto& [kind, s] : ev.by_kind)
        out["kinds"][std::string(text::KindName(kind))] = {{"labelled", s.labelled},
                                                           {"found", s.found},
                                                           {"correct", s.correct},
                                                           {"precision", s.precision()},
                                                           {"recall", s.recall()}};
      out["mistakes"] = ev.mistakes;
      fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      return Status::Ok();
    }
    fmt::print("{} labelled texts in {}\n{:<9} {:>8} {:>6} {:>8} {:>9} {:>7}\n", labelled.size(), *set, "kind",
               "labelled", "found", "correct", "precision", "recall");
    auto row = [](std::string_view name, const text::KindScore& s) {
      fmt::print("{:<9} {:>8} {:>6} {:>8} {:>9.3f} {:>7.3f}\n", name, s.labelled, s.found, s.correct, s.precision(),
                 s.recall());
    };
    for (const auto& [kind, s] : ev.by_kind) row(text::KindName(kind), s);
    row("all", ev.overall);
    if (*show)
      for (const auto& m : ev.mistakes) fmt::print("  {}\n", m);
    else if (!ev.mistakes.empty()) fmt::print("{} mistakes; list them with --mistakes\n", ev.mistakes.size());
    return Status::Ok();
  };
});

}  // namespace
}  // namespace kashf::cli
