#include "kashf/resolve/evaluation.h"

#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "kashf/core/text.h"
#include "kashf/model/statement.h"

namespace kashf::resolve {
namespace {

uint64_t Pairs(uint64_t n) { return n * (n - 1) / 2; }

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

EvaluationResult EvaluateClusters(const std::vector<std::string>& predicted, const std::vector<std::string>& truth) {
  EvaluationResult out;
  std::unordered_map<std::string, uint32_t> pred_id, true_id;
  std::vector<uint32_t> p, t;
  for (size_t i = 0; i < predicted.size() && i < truth.size(); ++i) {
    if (truth[i].empty()) continue;
    p.push_back(pred_id.emplace(predicted[i], static_cast<uint32_t>(pred_id.size())).first->second);
    t.push_back(true_id.emplace(truth[i], static_cast<uint32_t>(true_id.size())).first->second);
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

}  // namespace kashf::resolve
