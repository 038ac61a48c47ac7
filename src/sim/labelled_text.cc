#include "labelled_text.h"

#include <fmt/format.h>

namespace kashf::sim {

void LabelledText::AddLabelled(std::string_view kind, std::string_view written, std::string_view value) {
  labels_.push_back({std::string(kind), std::string(written), std::string(value), text_.size()});
  text_ += written;
}

void LabelledText::WriteBlock(BufferedFile& out, std::string_view id, std::string_view description) const {
  out.Write(fmt::format("=== {} {}\n{}\n---\n", id, description, text_));
  for (const auto& label : labels_) {
    size_t occurrence = 0;
    for (size_t from = 0, at = 0; (at = text_.find(label.written, from)) != std::string::npos && at <= label.at;
         from = at + label.written.size())
      ++occurrence;
    out.Write(fmt::format("{} | {}#{} | {}\n", label.kind, label.written, occurrence, label.value));
  }
}

}  // namespace kashf::sim
