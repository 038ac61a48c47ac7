// Fellegi-Sunter record-linkage model (Fellegi & Sunter 1969, "A theory for record linkage"), one
// per schema, over the fields its ComparisonModel declares.
// For each field f and agreement level l: m = P(level l | same entity), u = P(level l | different
// entities). A pair's match weight is log2(lambda/(1-lambda)) + sum_f log2(m_f,l / u_f,l); missing
// fields add nothing. Training needs no labels:
//   u  by comparing randomly sampled record pairs (almost all are non-matches), as Splink does;
//   m, lambda by expectation-maximisation over the comparison patterns of the blocked candidate
//      pairs (Winkler 1988, "Using the EM algorithm for weight computation in the Fellegi-Sunter
//      model of record linkage"), with u held fixed.
// Prior: lambda is kept as "expected matches per record" over all n(n-1)/2 pairs, so the same
// model on a larger or smaller set (RescalePrior) gives thresholds the same meaning.
// Term-frequency adjustment (Splink), on every field the model marks: a top-level agreement on a
// value carried by a share tf of the records is worth log2(m / tf) instead of log2(m / u).
// Thread safety: const methods are safe to share.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/comparison.h"
#include "kashf/resolve/comparison_model.h"
#include "kashf/resolve/encoded_records.h"

namespace kashf::resolve {

struct FieldParams {
  std::vector<double> m, u;  // indexed by level
};

class FellegiSunterModel {
 public:
  // Starting point for training: m rising with the level, u flat, lambda 0.1.
  static FellegiSunterModel Initial(const SchemaModel& spec);

  double PriorWeight() const;  // log2(lambda / (1 - lambda))
  // log2(m/u), made non-decreasing in the level (running maximum); 0 for kNullLevel.
  double LevelWeight(int field, uint32_t level) const;
  double PatternWeight(Pattern pattern) const;  // prior + sum of level weights
  // Correction added to a top-level agreement of `field` on a value carried by a share `tf` of
  // the records with that field: log2(u_top / tf), clipped to +-8 bits.
  double TermFrequencyAdjustment(int field, double tf) const;
  static double Probability(double weight);  // 2^w / (1 + 2^w)

  std::string schema;
  std::vector<std::string> field_names;
  double lambda = 0.1;
  std::vector<FieldParams> fields;
  bool term_frequency = true;
  int em_iterations = 0;  // iterations run in the last training
  uint64_t u_sample_pairs = 0;
  uint64_t records = 0;  // records of the schema the prior refers to

  // Adapts lambda to `count` records (expected matches per record stay the same).
  void RescalePrior(uint64_t count);
};

// The trained models of every schema, as stored beside the store.
struct ModelSet {
  std::map<std::string, FellegiSunterModel> by_schema;
  std::string ToJson() const;
  // Corruption (with advice to retrain) when the text is not a stored model set, or when its
  // fields or levels do not match `spec` (the resolution model changed since training).
  static Result<ModelSet> FromJson(const std::string& json, const ComparisonModel& spec);
};

// Estimates u for every field from `samples` random pairs of scored records of schema `schema`
// (two seeded streams run side by side, so the result is deterministic), or from every pair when
// there are fewer.
void EstimateU(const EncodedRecords& records, int schema, uint64_t samples, uint64_t seed, FellegiSunterModel* model);

// EM on the histogram pattern -> number of candidate pairs with that pattern, estimating m, u and
// the match share among the candidates (u starts from EstimateU's values). Afterwards `model` keeps
// the EM's m, its own u from random pairs, and lambda = expected matches / `total_pairs` (the number
// of all record pairs, n(n-1)/2). Returns the iterations run.
int TrainEm(const std::unordered_map<Pattern, uint64_t>& pattern_counts, int max_iterations, double total_pairs,
            FellegiSunterModel* model);

// One EM training session: the comparison patterns of the pairs one blocking pass produced, with
// the fields that pass blocks on masked (null): a pass that pairs records by an equal name cannot
// tell how often true matches agree on their names.
struct EmSession {
  std::unordered_map<Pattern, uint64_t> pattern_counts;  // masked fields already null
  uint64_t masked_fields = 0;                            // bit f: field f is blocked on
};

// Splink's training ("estimate_parameters_using_expectation_maximisation" once per blocking
// rule): EM in every session with u held at the random-pair values (so the non-match class
// cannot drift towards "similar but different people"), m free for the unmasked fields. A
// field's m is the average over the sessions that left it free, each weighted by the expected
// matches in which the field was observed. Fields no session covers keep the m of a final EM over
// `all_patterns` (every training pair, no mask), which holds the other fields' m fixed and
// estimates u and the match share among the candidates; lambda = that share's expected matches
// / `total_pairs`. `model` must hold u from EstimateU. With no sessions, this is TrainEm.
// Returns the iterations of the final EM.
int TrainEmSessions(const std::vector<EmSession>& sessions, const std::unordered_map<Pattern, uint64_t>& all_patterns,
                    int max_iterations, double total_pairs, FellegiSunterModel* model);

}  // namespace kashf::resolve
