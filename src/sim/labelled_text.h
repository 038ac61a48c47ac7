// A text assembled piece by piece with the selectors it contains labelled as they are written, and
// written out in the labelled-set format `kashf text evaluate --set` reads
// (include/kashf/text/evaluation.h): "=== id description", the text, "---", then
// "kind | written#N | value" per label, N the occurrence of the written text that is the label
// (counted as the reader counts: non-overlapping, from the start).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text_out.h"

namespace kashf::sim {

class LabelledText {
 public:
  void Add(std::string_view plain) { text_ += plain; }
  // Appends `written` and labels it as a selector of `kind` with normalised `value`. `written` has
  // no '|' or line break and no space at either end.
  void AddLabelled(std::string_view kind, std::string_view written, std::string_view value);
  const std::string& text() const { return text_; }
  size_t labels() const { return labels_.size(); }
  // Writes the block; `text()` must hold no line that is "---" or starts with "=== ".
  void WriteBlock(BufferedFile& out, std::string_view id, std::string_view description) const;

 private:
  struct Label {
    std::string kind, written, value;
    size_t at = 0;
  };
  std::string text_;
  std::vector<Label> labels_;
};

}  // namespace kashf::sim
