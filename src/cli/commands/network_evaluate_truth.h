// `kashf network evaluate --truth FILE`: role scores and the degree / PageRank baselines against a
// generic truth file (kashf/evaluation/truth_file.h), printed as text or JSON.
#pragma once
#include <map>
#include <string>

#include "command.h"
#include "kashf/core/result.h"
#include "kashf/evaluation/truth_evaluation.h"

namespace kashf::cli {

Status PrintTruthFileEvaluation(const GlobalOptions& g, const network::NetworkAnalysis& a, const std::string& path,
                                const evaluation::TruthEvaluationOptions& o);

}  // namespace kashf::cli
