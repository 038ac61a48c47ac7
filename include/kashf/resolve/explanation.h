// Explanation of one pair's decision: the waterfall of weights (Splink's "waterfall chart"): the
// prior, then each field's level and log2(m/u), then the term-frequency adjustment, summing to the
// match weight and probability; an analyst judgement, when present, overrides the model.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kashf::resolve {

struct WaterfallStep {
  std::string field;        // "prior", "name", ..., "term_frequency"
  std::string level;        // level name ("exact", "missing on one side" ...)
  std::string left, right;  // the normalised values compared
  double m = 0, u = 0;      // 0 for prior / term frequency
  double weight = 0;        // bits of evidence (log2 Bayes factor)
  double cumulative = 0;    // running total after this step
};

struct Explanation {
  std::string left_id, right_id;
  std::vector<WaterfallStep> steps;
  double total_weight = 0;
  double probability = 0;
  double threshold = 0;        // match probability threshold in force
  bool model_match = false;    // probability >= threshold
  std::optional<bool> judged;  // analyst judgement (match / no-match), overrides the model
  bool same_cluster = false;   // in one entity now (possibly through other records)
  bool Match() const { return judged.value_or(model_match); }
};

// Human-readable waterfall, one line a step, ending with the decision and why.
std::string ExplanationText(const Explanation& e);
// The same as a JSON object (fields as in the struct; steps as an array).
std::string ExplanationJson(const Explanation& e);

}  // namespace kashf::resolve
