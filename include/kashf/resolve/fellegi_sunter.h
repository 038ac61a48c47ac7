// Fellegi-Sunter record-linkage model (Fellegi & Sunter 1969, "A theory for record linkage").
// For each field f and agreement level l: m = P(level l | same person), u = P(level l | different
// persons). A pair's match weight is log2(lambda/(1-lambda)) + sum_f log2(m_f,l / u_f,l); missing
// fields add nothing. Training needs no labels:
//   u  by comparing randomly sampled record pairs (almost all are non-matches), as Splink does;
//   m, lambda by expectation-maximisation over the comparison patterns of the blocked candidate
//      pairs (Winkler 1988, "Using the EM algorithm for weight computation in the Fellegi-Sunter
//      model of record linkage"), with u held fixed.
// Term-frequency adjustment (Splink): an exact name match is worth log2(m / tf(name)) instead of
// log2(m / u), so "Muhammad Ali" counts for less than a rare name.
// Thread safety: const methods are safe to share.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/comparison.h"
#include "kashf/resolve/encoded_records.h"

namespace kashf::resolve {

struct FieldParams {
  std::vector<double> m, u;  // indexed by level
};

class FellegiSunterModel {
 public:
  // Starting point for training: m rising with the level, u flat, lambda 0.1.
  static FellegiSunterModel Initial();

  double PriorWeight() const;  // log2(lambda / (1 - lambda))
  // log2(m/u), made non-decreasing in the level (running maximum); 0 for kNullLevel.
  double LevelWeight(int field, uint32_t level) const;
  double PatternWeight(uint32_t pattern) const;  // prior + sum of level weights
  // Correction added to an exact name match whose name is carried by a share `tf` of the named
  // records: log2(u_exact / tf), clipped to +-8 bits.
  double TermFrequencyAdjustment(double tf) const;
  static double Probability(double weight);  // 2^w / (1 + 2^w)

  std::string ToJson() const;
  static Result<FellegiSunterModel> FromJson(const std::string& json);

  double lambda = 0.1;
  std::array<FieldParams, kFieldCount> fields;
  bool term_frequency = true;
  int em_iterations = 0;  // iterations run in the last training
  uint64_t u_sample_pairs = 0;
  // Person records the prior refers to. lambda is a share of all n(n-1)/2 pairs, so when the same
  // model scores a larger (or smaller) set it is rescaled: see RescalePrior.
  uint64_t records = 0;

  // Adapts lambda to `persons` records (expected matches per record stay the same).
  void RescalePrior(uint64_t persons);
};

// Estimates u for every field from `samples` random pairs of person records (two seeded streams run
// side by side, so the result is deterministic), or from every pair when there are fewer.
void EstimateU(const EncodedRecords& records, uint64_t samples, uint64_t seed, FellegiSunterModel* model);

// EM on the histogram pattern -> number of candidate pairs with that pattern, estimating m, u and
// the match share among the candidates (u starts from EstimateU's values). Afterwards `model` keeps
// the EM's m, its own u from random pairs, and lambda = expected matches / `total_pairs` (the number
// of all record pairs, n(n-1)/2). Returns the iterations run.
int TrainEm(const std::unordered_map<uint32_t, uint64_t>& pattern_counts, int max_iterations, double total_pairs,
            FellegiSunterModel* model);

}  // namespace kashf::resolve
