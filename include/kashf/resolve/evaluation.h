// Scoring a clustering against ground truth (Christen 2012, "Data Matching", ch. 7; Amigo et al.
// 2009 for B-cubed):
//   pairwise precision / recall / F1 over all record pairs placed in one cluster;
//   B-cubed precision / recall / F1 (per-record averages, less dominated by big clusters);
//   counts of predicted and true clusters and of predicted clusters that equal a true one exactly.
// For link tasks (two files, each clean within itself) the pairwise figures can count only pairs
// whose records come from different sources.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::resolve {

struct EvaluationResult {
  size_t records = 0;  // records with both a prediction and a truth label
  uint64_t true_pairs = 0, predicted_pairs = 0, correct_pairs = 0;
  double precision = 0, recall = 0, f1 = 0;
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  size_t true_clusters = 0, predicted_clusters = 0, exact_clusters = 0;
};

// predicted[i] and truth[i] label record i; records whose truth label is empty are skipped.
// With `sources` (sources[i] names record i's dataset), the pairwise counts (true, predicted, correct
// pairs and so precision, recall, F1) take only pairs of records from different sources; B-cubed and
// cluster counts stay over all records.
EvaluationResult EvaluateClusters(const std::vector<std::string>& predicted, const std::vector<std::string>& truth,
                                  const std::vector<std::string>* sources = nullptr);

// An entity loaded in the store, as scoring sees it.
struct LoadedEntity {
  std::string schema, dataset;
};

struct TruthScoreOptions {
  std::string schema;      // "" = every schema; otherwise only entities of this schema are in scope
  bool link_only = false;  // score only pairs across datasets (see EvaluateClusters)
};

// A score against ground truth that says what it could not score instead of dropping it silently.
struct TruthScore {
  EvaluationResult scored;                                   // over records with both a prediction and a truth label
  std::vector<std::string> ids, predicted, labels, sources;  // the scored records, in `predicted` order
  size_t records_without_truth = 0;                          // predicted records in scope with no truth label
  size_t records_without_prediction = 0;                     // labelled, loaded, in scope, but not in the resolution
  size_t truth_not_loaded = 0;         // truth labels naming no loaded entity (e.g. rejected rows)
  uint64_t true_pairs_not_scored = 0;  // true pairs among loaded records in scope that involve
                                       // a record without prediction (link_only: across datasets)
};

// Scores `predicted` (entity id -> cluster id, for every record the resolution covers) against
// `truth` (entity id -> label). `loaded` lists every entity in the store, so labelled records the
// resolution never saw (e.g. a person with no name) are counted. Entity ids in `predicted` missing
// from `loaded` are out of scope.
TruthScore ScoreAgainstTruth(const std::vector<std::pair<std::string, std::string>>& predicted,
                             const std::unordered_map<std::string, LoadedEntity>& loaded,
                             const std::unordered_map<std::string, std::string>& truth,
                             const TruthScoreOptions& options);

// Pair completeness of blocking (Christen 2012, ch. 4.6): the share of true pairs (two labelled
// records with the same label) that the candidate pairs contain, overall and per blocking pass
// (per pass only when the passes kept their pair lists). label_of_record[i] is record i's truth
// label ("" = unlabelled).
struct PairCompleteness {
  uint64_t true_pairs = 0, found = 0, candidate_pairs = 0;
  double completeness = 0;
  std::vector<std::pair<std::string, double>> per_pass;  // pass name -> completeness of that pass alone
};
struct CandidatePairs;
PairCompleteness MeasurePairCompleteness(const CandidatePairs& candidates,
                                         const std::vector<std::string>& label_of_record);

// Reads ground truth: either the simulator's truth/records.csv (header dataset,schema,key,true_id;
// ids are MakeEntityId(dataset, schema, key)) or any labelled CSV with a header naming an entity
// column (entity_id or id) and a label column (true_id, label or cluster). Returns entity id -> label.
Result<std::unordered_map<std::string, std::string>> LoadTruthCsv(const std::string& path);

// One CSV line (RFC 4180 quoting) split into fields.
std::vector<std::string> SplitCsvLine(const std::string& line);

}  // namespace kashf::resolve
