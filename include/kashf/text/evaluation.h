// Precision and recall of the Extractor per selector kind, against a labelled set of texts.
// Labelled-set format (tests/text/labelled-selectors.txt is the one the tests use):
//   # comment lines
//   === <id> <free description: genre, script>   (the id is the first word)
//   <the text, one or more lines>
//   ---
//   <kind> | <text of the selector as written> | <normalised value>
//   ...
// The k-th label with the same written text is its k-th occurrence in the text; "text#N" names the
// N-th occurrence explicitly (when the same words are also part of an earlier selector). A found selector
// is correct when an unmatched label has its kind and value and overlapping bytes.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/text/extractor.h"
#include "kashf/text/selector.h"

namespace kashf::text {

struct LabelledText {
  std::string id;
  std::string text;
  std::vector<Selector> labels;
};

// InvalidArgument naming `name` and the line for a malformed block, an unknown kind or a label
// whose text is not in the text.
Result<std::vector<LabelledText>> ParseLabelledSet(std::string_view content, const std::string& name);
Result<std::vector<LabelledText>> LoadLabelledSet(const std::string& path);

struct KindScore {
  size_t labelled = 0;  // labels of this kind
  size_t found = 0;     // selectors the extractor reported
  size_t correct = 0;   // found and labelled
  double precision() const { return found ? static_cast<double>(correct) / static_cast<double>(found) : 1.0; }
  double recall() const { return labelled ? static_cast<double>(correct) / static_cast<double>(labelled) : 1.0; }
};

struct Evaluation {
  std::map<SelectorKind, KindScore> by_kind;
  KindScore overall;
  // One line per miss or false find: "<id>: missed phone '0300 ...' (+92...)" / "<id>: wrong ...".
  std::vector<std::string> mistakes;
};

Result<Evaluation> Evaluate(const Extractor& extractor, const std::vector<LabelledText>& set);

}  // namespace kashf::text
