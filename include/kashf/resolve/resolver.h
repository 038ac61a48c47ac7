// Resolver: the entity-resolution pipeline over in-memory person records.
//   encode (normalise once) -> block (candidate pairs) -> compare (levels per field)
//   -> train (u by random pairs, m and lambda by EM; no labels) -> score (Fellegi-Sunter weight +
//   term-frequency adjustment) -> cluster (judgements first, then edges above the threshold)
//   -> stable cluster ids.
// Identifier-only records (schema other than Person, e.g. a Phone from a call file) are not scored:
// they join the one person entity whose phone number they share exactly, or stay apart (grouped by
// number) when none or several persons hold it.
// Incremental: LinkNew() scores only the pairs that touch new records, keeps the trained model and
// the earlier clusters, and attaches the new records to them.
// Parallelism: comparison and scoring split the pairs over `threads` threads; threads = 1 is the
// serial reference the tests compare against. A Resolver is not itself thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/blocking.h"
#include "kashf/resolve/clustering.h"
#include "kashf/resolve/encoded_records.h"
#include "kashf/resolve/explanation.h"
#include "kashf/resolve/fellegi_sunter.h"
#include "kashf/resolve/name_normaliser.h"
#include "kashf/resolve/person_record.h"
#include "kashf/store/store.h"

namespace kashf::resolve {

struct ResolveOptions {
  double match_probability = 0.5;    // pairs at or above this probability are linked ...
  double bridge_probability = 0.99;  // ... but below this one only attach single records, never
                                     // join two multi-record entities
  size_t max_block_size = 64;
  int threads = 2;
  int em_max_iterations = 100;
  uint64_t u_sample_pairs = 500000;
  uint64_t seed = 20261122;
  bool term_frequency = true;
};

struct ResolveReport {
  size_t records = 0;
  size_t new_records = 0;         // records linked in this run (all of them in a full run)
  uint64_t candidate_pairs = 0;   // distinct pairs compared
  uint64_t matched_pairs = 0;     // pairs at or above the threshold
  uint64_t identifier_links = 0;  // identifier-only records attached by exact number
  std::vector<BlockingKeyStats> blocking;
  size_t clusters = 0;
  size_t judgements_applied = 0;
  size_t judgements_unknown = 0;  // judgements naming entities not among the records
  bool trained = false;
  int em_iterations = 0;
  double seconds_encode = 0, seconds_block = 0, seconds_compare = 0, seconds_train = 0, seconds_cluster = 0;
};

struct Resolution {
  std::vector<std::string> cluster_of;  // cluster id of record i (same order as added)
  ResolveReport report;
};

// entity id -> cluster id
using Assignment = std::unordered_map<std::string, std::string>;

class Resolver {
 public:
  explicit Resolver(const NameNormaliser& normaliser, ResolveOptions options = {});

  // Normalises and appends records; their indices follow those already added.
  void Add(std::span<const PersonRecord> records);
  size_t size() const { return records_.size(); }
  const EncodedRecords& records() const { return records_; }
  const ResolveOptions& options() const { return options_; }
  std::optional<uint32_t> IndexOf(const std::string& entity_id) const;
  size_t PersonCount() const;

  bool has_model() const { return model_.has_value(); }
  const FellegiSunterModel& model() const { return *model_; }
  void SetModel(FellegiSunterModel model) { model_ = std::move(model); }

  // Resolves every record, training the model first if none is set (a set model's prior is rescaled
  // to the number of records, see FellegiSunterModel::RescalePrior). `previous` (may be empty)
  // only supplies earlier cluster ids so that they stay stable.
  Resolution ResolveAll(const Assignment& previous, const std::vector<Judgement>& judgements);

  // Links records [first_new, size()) into `previous`, which must assign every older record.
  // FailedPrecondition without a model or when `previous` misses an older record.
  Result<Resolution> LinkNew(size_t first_new, const Assignment& previous, const std::vector<Judgement>& judgements);

  // The waterfall for records a and b under the current model (which must be set).
  Explanation Explain(uint32_t a, uint32_t b) const;
  // Match weight (bits) of a pair: Fellegi-Sunter weight plus term-frequency adjustment.
  double PairWeight(uint32_t a, uint32_t b) const;

  // Compare + score `pairs` in `threads` threads; returns edges at or above `min_weight`.
  // Exposed so tests can check the parallel path against threads = 1.
  std::vector<ScoredEdge> ScorePairs(const std::vector<uint64_t>& pairs, double min_weight, int threads) const;

 private:
  struct Compared {
    std::vector<uint32_t> pattern, matched_name;
  };
  Compared ComparePairs(const std::vector<uint64_t>& pairs, int threads) const;
  // Candidate pairs touching records >= first_new, and their comparisons; timings into `report`.
  Compared BlockAndCompare(size_t first_new, CandidatePairs* candidates, ResolveReport* report) const;
  double Score(uint32_t pattern, uint32_t matched_name,
               const std::array<std::array<double, 16>, kFieldCount>& table) const;
  std::array<std::array<double, 16>, kFieldCount> WeightTable() const;
  Resolution Finish(const CandidatePairs& candidates, const Compared& compared, size_t first_new,
                    const Assignment& previous, const std::vector<Judgement>& judgements, ResolveReport report);

  const NameNormaliser* normaliser_;
  ResolveOptions options_;
  EncodedRecords records_;
  mutable std::unordered_map<std::string, uint32_t> index_;
  std::optional<FellegiSunterModel> model_;
  double seconds_encode_ = 0;
};

// log2(p / (1 - p)): the match weight that corresponds to a probability threshold.
double WeightForProbability(double p);

}  // namespace kashf::resolve
