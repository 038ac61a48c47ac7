#include "kashf/resolve/evaluation.h"

#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/model/statement.h"
#include "kashf/resolve/blocking.h"

namespace kashf::resolve {
namespace {

uint64_t Pairs(uint64_t n) { return n * (n - 1) / 2; }

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

// Pairs of records from one source inside each group: sum over (group, source) of C(n, 2).
// `group[i]` is record i's group; `source[i]` its source index.
template <typename Group>
uint64_t SameSourcePairs(const std::vector<Group>& group, const std::vector<uint32_t>& source) {
  std::map<std::pair<Group, uint32_t>, uint64_t> count;
  for (size_t i = 0; i < group.size(); ++i) ++count[{group[i], source[i]}];
  uint64_t pairs = 0;
  for (const auto& [key, n] : count) pairs += Pairs(n);
  return pairs;
}

}  // namespace

EvaluationResult EvaluateClusters(const std::vector<std::string>& predicted, const std::vector<std::string>& truth,
                                  const std::vector<std::string>* sources) {
  EvaluationResult out;
  std::unordered_map<std::string, uint32_t> pred_id, true_id, source_id;
  std::vector<uint32_t> p, t, src;
  for (size_t i = 0; i < predicted.size() && i < truth.size(); ++i) {
    if (truth[i].empty()) continue;
    p.push_back(pred_id.emplace(predicted[i], static_cast<uint32_t>(pred_id.size())).first->second);
    t.push_back(true_id.emplace(truth[i], static_cast<uint32_t>(true_id.size())).first->second);
    if (sources)
      src.push_back(
          source_id
              .emplace(i < sources->size() ? (*sources)[i] : std::string(), static_cast<uint32_t>(source_id.size()))
              .first->second);
  }
  out.records = p.size();
  if (p.empty()) return out;
  std::vector<uint64_t> pred_size(pred_id.size(), 0), true_size(true_id.size(), 0);
  std::unordered_map<uint64_t, uint64_t> cell;  // (pred << 32 | true) -> records
  for (size_t i = 0; i < p.size(); ++i) {
    ++pred_size[p[i]];
    ++true_size[t[i]];
    ++cell[(uint64_t{p[i]} << 32) | t[i]];
  }
  for (uint64_t s : pred_size) out.predicted_pairs += Pairs(s);
  for (uint64_t s : true_size) out.true_pairs += Pairs(s);
  std::vector<uint32_t> cells_of_pred(pred_size.size(), 0);
  for (const auto& [key, n] : cell) {
    out.correct_pairs += Pairs(n);
    ++cells_of_pred[key >> 32];
  }
  for (const auto& [key, n] : cell) {
    const auto pc = static_cast<uint32_t>(key >> 32), tc = static_cast<uint32_t>(key & 0xffffffffu);
    if (cells_of_pred[pc] == 1 && pred_size[pc] == n && true_size[tc] == n) ++out.exact_clusters;
  }
  if (sources) {  // link task: leave out the pairs inside one source
    std::vector<uint64_t> cells(p.size());
    for (size_t i = 0; i < p.size(); ++i) cells[i] = (uint64_t{p[i]} << 32) | t[i];
    out.predicted_pairs -= SameSourcePairs(p, src);
    out.true_pairs -= SameSourcePairs(t, src);
    out.correct_pairs -= SameSourcePairs(cells, src);
  }
  double bp = 0, br = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const double both = static_cast<double>(cell[(uint64_t{p[i]} << 32) | t[i]]);
    bp += both / static_cast<double>(pred_size[p[i]]);
    br += both / static_cast<double>(true_size[t[i]]);
  }
  const double n = static_cast<double>(p.size());
  out.precision =
      out.predicted_pairs ? static_cast<double>(out.correct_pairs) / static_cast<double>(out.predicted_pairs) : 1.0;
  out.recall = out.true_pairs ? static_cast<double>(out.correct_pairs) / static_cast<double>(out.true_pairs) : 1.0;
  out.f1 = F1(out.precision, out.recall);
  out.bcubed_precision = bp / n;
  out.bcubed_recall = br / n;
  out.bcubed_f1 = F1(out.bcubed_precision, out.bcubed_recall);
  out.true_clusters = true_id.size();
  out.predicted_clusters = pred_id.size();
  return out;
}

TruthScore ScoreAgainstTruth(const std::vector<std::pair<std::string, std::string>>& predicted,
                             const std::unordered_map<std::string, LoadedEntity>& loaded,
                             const std::unordered_map<std::string, std::string>& truth,
                             const TruthScoreOptions& options) {
  TruthScore out;
  auto in_scope = [&](const LoadedEntity& e) { return options.schema.empty() || e.schema == options.schema; };
  std::unordered_map<std::string, bool> has_prediction;
  for (const auto& [id, cluster] : predicted) {
    auto e = loaded.find(id);
    if (e == loaded.end() || !in_scope(e->second)) continue;
    has_prediction[id] = true;
    auto label = truth.find(id);
    if (label == truth.end()) {
      ++out.records_without_truth;
      continue;
    }
    out.ids.push_back(id);
    out.predicted.push_back(cluster);
    out.labels.push_back(label->second);
    out.sources.push_back(e->second.dataset);
  }
  // Every labelled record in scope, each its own prediction where the resolution has none: the
  // true pairs they add are the pairs that could not be scored.
  std::vector<std::string> all_predicted = out.predicted, all_labels = out.labels, all_sources = out.sources;
  for (const auto& [id, label] : truth) {
    auto e = loaded.find(id);
    if (e == loaded.end()) {
      ++out.truth_not_loaded;
      continue;
    }
    if (!in_scope(e->second) || has_prediction.count(id)) continue;
    ++out.records_without_prediction;
    all_predicted.push_back(id);
    all_labels.push_back(label);
    all_sources.push_back(e->second.dataset);
  }
  const std::vector<std::string>* sources = options.link_only ? &out.sources : nullptr;
  out.scored = EvaluateClusters(out.predicted, out.labels, sources);
  if (out.records_without_prediction > 0) {
    const EvaluationResult all =
        EvaluateClusters(all_predicted, all_labels, options.link_only ? &all_sources : nullptr);
    out.true_pairs_not_scored = all.true_pairs - out.scored.true_pairs;
  }
  return out;
}

std::vector<std::string> SplitCsvLine(const std::string& line) { return kashf::SplitCsvLine(line); }

Result<std::unordered_map<std::string, std::string>> LoadTruthCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("cannot open ground-truth file '{}'", path));
  std::string line;
  if (!std::getline(in, line))
    return Status::InvalidArgument(fmt::format("'{}' is empty; expected a CSV header", path));
  auto header = SplitCsvLine(line);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[ToLowerAscii(Trim(header[i]))] = i;
  auto find = [&](std::initializer_list<const char*> names) -> int {
    for (const char* n : names)
      if (auto it = col.find(n); it != col.end()) return static_cast<int>(it->second);
    return -1;
  };
  const int dataset = find({"dataset"}), schema = find({"schema"}), key = find({"key"});
  const int entity = find({"entity_id", "id"}), label = find({"true_id", "label", "cluster"});
  const bool simulator = dataset >= 0 && schema >= 0 && key >= 0;
  if (label < 0 || (!simulator && entity < 0))
    return Status::InvalidArgument(fmt::format(
        "'{}': header must name either dataset,schema,key,true_id (simulator truth) or entity_id,true_id", path));
  std::unordered_map<std::string, std::string> out;
  size_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line == "\r") continue;
    auto f = SplitCsvLine(line);
    const size_t need =
        static_cast<size_t>(std::max({label, simulator ? std::max({dataset, schema, key}) : entity})) + 1;
    if (f.size() < need)
      return Status::InvalidArgument(
          fmt::format("{}:{}: expected at least {} columns, found {}", path, number, need, f.size()));
    std::string id = simulator ? MakeEntityId(f[static_cast<size_t>(dataset)], f[static_cast<size_t>(schema)],
                                              f[static_cast<size_t>(key)])
                               : f[static_cast<size_t>(entity)];
    out[std::move(id)] = f[static_cast<size_t>(label)];
  }
  return out;
}

PairCompleteness MeasurePairCompleteness(const CandidatePairs& candidates,
                                         const std::vector<std::string>& label_of_record) {
  PairCompleteness out;
  std::unordered_map<std::string, uint64_t> sizes;
  for (const auto& l : label_of_record)
    if (!l.empty()) ++sizes[l];
  for (const auto& [label, k] : sizes) out.true_pairs += k * (k - 1) / 2;
  auto found_in = [&](const std::vector<uint64_t>& pairs) {
    uint64_t found = 0;
    for (uint64_t p : pairs) {
      const std::string& a = label_of_record[PairFirst(p)];
      if (!a.empty() && a == label_of_record[PairSecond(p)]) ++found;
    }
    return found;
  };
  auto share = [&](uint64_t found) {
    return out.true_pairs ? static_cast<double>(found) / static_cast<double>(out.true_pairs) : 1.0;
  };
  out.candidate_pairs = candidates.pairs.size();
  out.found = found_in(candidates.pairs);
  out.completeness = share(out.found);
  for (const auto& st : candidates.stats)
    if (!st.pair_list.empty()) out.per_pass.emplace_back(st.key, share(found_in(st.pair_list)));
  return out;
}

}  // namespace kashf::resolve
