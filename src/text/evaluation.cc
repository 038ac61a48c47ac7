#include "kashf/text/evaluation.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "kashf/core/text.h"

namespace kashf::text {
namespace {

Status LabelError(const std::string& name, size_t line, std::string_view what) {
  return Status::InvalidArgument(fmt::format("{}:{}: {}", name, line, what));
}

}  // namespace

Result<std::vector<LabelledText>> ParseLabelledSet(std::string_view content, const std::string& name) {
  std::vector<LabelledText> set;
  enum { kNone, kText, kLabels } state = kNone;
  std::map<std::string, size_t> seen;  // written text -> occurrences used in the current block
  size_t number = 0;
  for (const auto& raw : Split(content, '\n')) {
    ++number;
    std::string line = raw;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (state != kText && (line.empty() || line[0] == '#')) continue;
    if (StartsWith(line, "=== ")) {
      if (state == kText) return LabelError(name, number, "the text before needs a '---' line");
      const std::string_view header = Trim(std::string_view(line).substr(4));
      set.push_back({std::string(header.substr(0, header.find(' '))), "", {}});
      seen.clear();
      state = kText;
      continue;
    }
    if (state == kNone) return LabelError(name, number, "expected '=== <id>' to start a labelled text");
    if (state == kText) {
      if (line == "---") {
        state = kLabels;
        continue;
      }
      auto& text = set.back().text;
      if (!text.empty()) text.push_back('\n');
      text += line;
      continue;
    }
    auto fields = Split(line, '|');
    if (fields.size() != 3) return LabelError(name, number, "a label is '<kind> | <text as written> | <value>'");
    auto kind = ParseKind(Trim(fields[0]));
    if (!kind) return LabelError(name, number, fmt::format("unknown selector kind '{}'", Trim(fields[0])));
    std::string written(Trim(fields[1]));
    auto& item = set.back();
    // "text#N": the N-th occurrence, where the same text is also part of an earlier selector.
    size_t occurrence = seen[written];
    if (const size_t hash = written.rfind('#');
        hash != std::string::npos && hash + 1 < written.size() &&
        written.find_first_not_of("0123456789", hash + 1) == std::string::npos) {
      occurrence = std::stoul(written.substr(hash + 1)) - 1;
      written.resize(hash);
    }
    size_t at = std::string::npos;
    size_t from = 0;
    for (size_t k = 0; k <= occurrence; ++k) {
      at = item.text.find(written, from);
      if (at == std::string::npos) break;
      from = at + written.size();
    }
    if (written.empty() || at == std::string::npos)
      return LabelError(name, number, fmt::format("'{}' does not occur (that often) in text {}", written, item.id));
    ++seen[written];
    Selector label;
    label.kind = *kind;
    label.begin = at;
    label.end = at + written.size();
    label.value = std::string(Trim(fields[2]));
    item.labels.push_back(std::move(label));
  }
  if (state == kText) return LabelError(name, number, "the last text needs a '---' line");
  return set;
}

Result<std::vector<LabelledText>> LoadLabelledSet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("cannot read the labelled set '{}'", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseLabelledSet(buffer.str(), path);
}

Result<Evaluation> Evaluate(const Extractor& extractor, const std::vector<LabelledText>& set) {
  Evaluation ev;
  for (const auto& item : set) {
    KASHF_ASSIGN_OR_RETURN(auto found, extractor.Extract(item.text));
    std::vector<bool> used(item.labels.size(), false);
    auto written = [&item](const Selector& s) { return item.text.substr(s.begin, s.end - s.begin); };
    for (const auto& f : found) {
      ++ev.by_kind[f.kind].found;
      bool hit = false;
      for (size_t i = 0; i < item.labels.size() && !hit; ++i) {
        const auto& l = item.labels[i];
        if (used[i] || l.kind != f.kind || l.value != f.value || f.end <= l.begin || l.end <= f.begin) continue;
        used[i] = hit = true;
      }
      if (hit) ++ev.by_kind[f.kind].correct;
      else ev.mistakes.push_back(fmt::format("{}: wrong {} '{}' ({})", item.id, KindName(f.kind), written(f), f.value));
    }
    for (size_t i = 0; i < item.labels.size(); ++i) {
      const auto& l = item.labels[i];
      ++ev.by_kind[l.kind].labelled;
      if (!used[i])
        ev.mistakes.push_back(fmt::format("{}: missed {} '{}' ({})", item.id, KindName(l.kind), written(l), l.value));
    }
  }
  for (const auto& [kind, score] : ev.by_kind) {
    ev.overall.labelled += score.labelled;
    ev.overall.found += score.found;
    ev.overall.correct += score.correct;
  }
  return ev;
}

}  // namespace kashf::text
