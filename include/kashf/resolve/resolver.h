// Resolver: the entity-resolution pipeline over in-memory records of any schema the
// ComparisonModel lists (Person, Organization ...; records of one schema are only compared with
// each other, each schema with its own Fellegi-Sunter model).
//   encode (normalise once) -> block (candidate pairs) -> compare (levels per field)
//   -> train (u by random pairs, m and lambda by EM; no labels) -> score (Fellegi-Sunter weight +
//   term-frequency adjustment) -> cluster (judgements first, then edges above the threshold,
//   never joining records whose identifiers or birth dates conflict) -> stable cluster ids.
// Identifier-only records (schemas marked identifier_only, e.g. a Phone from a call file) are not
// scored: they join the one scored entity whose phone number they share exactly, or stay apart
// (grouped by number) when none or several entities hold it.
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
#include "kashf/resolve/comparison_model.h"
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
  size_t window = 8;  // sorted-neighbourhood window (sorted passes, and blocks above max_block_size)
  int threads = 2;
  int em_max_iterations = 100;
  uint64_t u_sample_pairs = 500000;
  uint64_t seed = 20261122;
  bool term_frequency = true;
};

struct ResolveReport {
  size_t records = 0;
  size_t new_records = 0;             // records linked in this run (all of them in a full run)
  uint64_t candidate_pairs = 0;       // distinct pairs compared
  uint64_t matched_pairs = 0;         // pairs at or above the threshold
  uint64_t identifier_links = 0;      // identifier-only records attached by exact number
  uint64_t conflicts_kept_apart = 0;  // edges above the threshold skipped for conflicting identifiers or dates
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
  // `model` says which properties are compared (the resolver keeps its own copy).
  Resolver(const NameNormaliser& normaliser, ComparisonModel model, ResolveOptions options = {});
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Normalises and appends records; their indices follow those already added.
  void Add(std::span<const PersonRecord> records);
  size_t size() const { return records_.size(); }
  const EncodedRecords& records() const { return records_; }
  const ResolveOptions& options() const { return options_; }
  const ComparisonModel& comparison_model() const { return *spec_; }
  std::optional<uint32_t> IndexOf(const std::string& entity_id) const;
  size_t ScoredCount(int schema) const;  // scored records of a schema (index into the model's schemas)

  bool has_model() const { return model_.has_value(); }
  const ModelSet& models() const { return *model_; }
  // The trained model of a schema (must exist: the schema had records when trained).
  const FellegiSunterModel& model(const std::string& schema = "Person") const { return model_->by_schema.at(schema); }
  void SetModel(ModelSet model) { model_ = std::move(model); }

  // Resolves every record, training the model first if none is set (a set model's prior is rescaled
  // to the number of records, see FellegiSunterModel::RescalePrior). `previous` (may be empty)
  // only supplies earlier cluster ids so that they stay stable.
  Resolution ResolveAll(const Assignment& previous, const std::vector<Judgement>& judgements);

  // Links records [first_new, size()) into `previous`, which must assign every older record.
  // FailedPrecondition without a model or when `previous` misses an older record.
  Result<Resolution> LinkNew(size_t first_new, const Assignment& previous, const std::vector<Judgement>& judgements);

  // The waterfall for records a and b under the current model (which must be set).
  Explanation Explain(uint32_t a, uint32_t b) const;
  // Match weight (bits) of a pair: Fellegi-Sunter weight plus term-frequency adjustment
  // (-infinity for records of different or unscored schemas).
  double PairWeight(uint32_t a, uint32_t b) const;

  // Compare + score `pairs` in `threads` threads; returns edges at or above `min_weight`.
  // Exposed so tests can check the parallel path against threads = 1.
  std::vector<ScoredEdge> ScorePairs(const std::vector<uint64_t>& pairs, double min_weight, int threads) const;

 private:
  // Per schema: level weights [field][level], prior and the most any tf adjustment can add.
  struct WeightTable {
    const FellegiSunterModel* model = nullptr;
    std::vector<std::array<double, 16>> levels;
    double prior = 0;
    std::vector<int> tf_fields;
    std::vector<uint32_t> tf_top;  // top level of each tf field
  };
  using Compared = std::vector<Pattern>;
  Compared ComparePairs(const std::vector<uint64_t>& pairs, int threads) const;
  // Candidate pairs touching records >= first_new, and their comparisons; timings into `report`.
  Compared BlockAndCompare(size_t first_new, CandidatePairs* candidates, ResolveReport* report) const;
  // Weight of a compared pair; below `cutoff` the term-frequency work is skipped when it cannot
  // lift the pair above it (the value returned is then only an upper bound below cutoff).
  double Score(uint32_t a, uint32_t b, Pattern pattern, const std::vector<WeightTable>& tables, double cutoff) const;
  double TermFrequency(uint32_t a, uint32_t b, Pattern pattern, const WeightTable& t,
                       std::vector<std::pair<int, double>>* parts) const;
  std::vector<WeightTable> WeightTables() const;
  void Train(const CandidatePairs& candidates, const Compared& compared, ResolveReport* report);
  Resolution Finish(const CandidatePairs& candidates, const Compared& compared, size_t first_new,
                    const Assignment& previous, const std::vector<Judgement>& judgements, ResolveReport report);

  const NameNormaliser* normaliser_;
  ComparisonModel spec_storage_;
  const ComparisonModel* spec_;
  ResolveOptions options_;
  EncodedRecords records_;
  mutable std::unordered_map<std::string, uint32_t> index_;
  std::optional<ModelSet> model_;
  double seconds_encode_ = 0;
};

// log2(p / (1 - p)): the match weight that corresponds to a probability threshold.
double WeightForProbability(double p);

}  // namespace kashf::resolve
