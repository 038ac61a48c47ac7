// Evaluating the typology detectors against ground truth (account -> typology), next to simple
// baselines computed in the same run (docs/network.md, "Evaluating the typologies"):
//   fan-in / fan-out: distinct payers (payees) within the window >= k (the old layering fan);
//   cycle: the account lies on a directed cycle of at most 4 accounts (no time, no amounts);
//   scatter-gather, pass-through, hawala settlement and all laundering accounts: the top-N accounts by degree
//   (distinct counterparties), N = the number of true accounts;
//   pass-through also: in and out totals within 10% of each other (flow-through without time).
// Count baselines are reported at the detector's own k and at their best k chosen with the truth
// (an upper bound of what the baseline could reach).
#pragma once
#include <array>
#include <string>
#include <vector>

#include "kashf/network/typology.h"

namespace kashf::network {

// Truth: a typology bit mask per account of the TransferSet.
struct TypologyTruth {
  std::vector<uint8_t> labels;  // bit (1 << Typology) per account
  uint32_t rows = 0;            // labelled (account, typology) pairs counted
};

// Reads a CSV with the header account,typology[,role]. Rows whose role is a pattern's periphery
// (smurf, originator, beneficiary: the simulator writes them for completeness) are not counted:
// the detectors flag sinks/sources (fan), members (cycle), source/intermediaries/sink
// (scatter-gather) and mules (pass-through). Errors name the line: an unknown typology, or an
// account that does not occur in the transfers.
Result<TypologyTruth> ReadTypologyTruth(const std::string& path, const TransferSet& ts);

struct Confusion {
  uint64_t tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 0; }
  double Recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct MethodScore {
  std::string method;  // "kashf", "distinct payers >= 6", "directed cycle <= 4", "degree top-N" ...
  Confusion c;
};

struct TypologyScores {
  std::string typology;  // a typology name or "laundering (any)"
  uint64_t positives = 0;
  std::vector<MethodScore> methods;  // Kashf first, then the baselines
};

struct TypologyEvaluation {
  std::vector<TypologyScores> rows;  // the five typologies (or those chosen), then "laundering (any)"
  uint64_t flagged = 0;              // accounts flagged by Kashf (any typology)
  double detect_seconds = 0;
};

// Runs the detectors (o.only chooses typologies) and the baselines and scores them.
Result<TypologyEvaluation> EvaluateTypologies(const TransferSet& ts, const TypologyTruth& truth,
                                              const TypologyOptions& o);

}  // namespace kashf::network
