// Learning from analysts' node labels (node_learning.h): XGBoost through its C API.
#include "kashf/learning/node_learning.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <set>

#include <fmt/format.h>
#include <xgboost/c_api.h>

#include "kashf/core/text.h"

namespace kashf::learning {
namespace {

using network::NodeId;

// XGBoost's C API returns -1 on failure and keeps the message for XGBGetLastError().
Status Check(int rc, const char* what) {
  if (rc == 0) return Status::Ok();
  return Status::Internal(fmt::format("the learning library failed while {}: {}", what, XGBGetLastError()));
}

struct MatrixFree {
  void operator()(void* h) const { XGDMatrixFree(h); }
};
struct BoosterFree {
  void operator()(void* h) const { XGBoosterFree(h); }
};
using Matrix = std::unique_ptr<void, MatrixFree>;
using Booster = std::unique_ptr<void, BoosterFree>;

// A DMatrix of the given rows of `x` (row-major, `cols` columns), with labels when `y` is given.
Result<Matrix> MakeMatrix(const std::vector<float>& x, size_t cols, const std::vector<size_t>& rows,
                          const std::vector<float>* y) {
  std::vector<float> data;
  data.reserve(rows.size() * cols);
  std::vector<float> labels;
  for (size_t r : rows) {
    data.insert(data.end(), x.begin() + static_cast<std::ptrdiff_t>(r * cols),
                x.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols));
    if (y) labels.push_back((*y)[r]);
  }
  DMatrixHandle h = nullptr;
  KASHF_RETURN_IF_ERROR(
      Check(XGDMatrixCreateFromMat(data.data(), rows.size(), cols, std::nanf(""), &h), "building the feature matrix"));
  Matrix m(h);
  if (y)
    KASHF_RETURN_IF_ERROR(
        Check(XGDMatrixSetFloatInfo(h, "label", labels.data(), labels.size()), "setting the training labels"));
  return m;
}

Result<Booster> Train(const std::vector<float>& x, size_t cols, const std::vector<size_t>& rows,
                      const std::vector<float>& y, const LearnOptions& o) {
  KASHF_ASSIGN_OR_RETURN(Matrix train, MakeMatrix(x, cols, rows, &y));
  double positives = 0;
  for (size_t r : rows) positives += y[r];
  const double negatives = static_cast<double>(rows.size()) - positives;
  BoosterHandle h = nullptr;
  DMatrixHandle dm = train.get();
  KASHF_RETURN_IF_ERROR(Check(XGBoosterCreate(&dm, 1, &h), "creating the model"));
  Booster b(h);
  const std::vector<std::pair<std::string, std::string>> params = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(o.max_depth)},
      {"eta", fmt::format("{}", o.eta)},
      {"seed", std::to_string(o.seed)},
      {"nthread", std::to_string(std::max(1u, o.threads))},
      {"verbosity", "0"},
      // Few positives among many actors: weigh them up to balance the classes.
      {"scale_pos_weight", fmt::format("{}", positives > 0 ? negatives / positives : 1.0)}};
  for (const auto& [name, value] : params)
    KASHF_RETURN_IF_ERROR(Check(XGBoosterSetParam(h, name.c_str(), value.c_str()), "setting a parameter"));
  for (int i = 0; i < o.rounds; ++i) KASHF_RETURN_IF_ERROR(Check(XGBoosterUpdateOneIter(h, i, dm), "training"));
  return b;
}

// Predictions (type 0: probabilities) or SHAP contributions (type 2: rows x (cols + 1), the last
// column the bias) of `b` for the given rows.
Result<std::vector<float>> Predict(void* b, const std::vector<float>& x, size_t cols, const std::vector<size_t>& rows,
                                   int type) {
  KASHF_ASSIGN_OR_RETURN(Matrix m, MakeMatrix(x, cols, rows, nullptr));
  const std::string config = fmt::format(
      R"({{"type": {}, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false}})", type);
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  KASHF_RETURN_IF_ERROR(
      Check(XGBoosterPredictFromDMatrix(b, m.get(), config.c_str(), &shape, &dim, &result), "scoring"));
  size_t n = 1;
  for (bst_ulong i = 0; i < dim; ++i) n *= shape[i];
  return std::vector<float>(result, result + n);
}

// Share of `truth` rows among the `k` highest `score`s of `rows` (ties by row).
double PrecisionAt(const std::vector<size_t>& rows, const std::vector<double>& score, const std::vector<float>& truth,
                   size_t k) {
  if (k == 0 || rows.empty()) return 0;
  std::vector<size_t> order = rows;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
  k = std::min(k, order.size());
  double hits = 0;
  for (size_t i = 0; i < k; ++i) hits += truth[order[i]];
  return hits / static_cast<double>(k);
}

}  // namespace

const std::vector<std::string>& NodeFeatureNames() {
  static const std::vector<std::string> kNames = {"degree",
                                                  "strength",
                                                  "pagerank",
                                                  "betweenness",
                                                  "suspect betweenness",
                                                  "participation",
                                                  "communities bridged",
                                                  "money in",
                                                  "money out",
                                                  "net inflow",
                                                  "payers",
                                                  "payees",
                                                  "payments in",
                                                  "payments out",
                                                  "hawala amount",
                                                  "money-flow rank",
                                                  "case records",
                                                  "organiser score",
                                                  "broker score",
                                                  "peripheral score"};
  return kNames;
}

std::vector<float> NodeFeatures(const network::NetworkAnalysis& a) {
  const auto& m = a.Metrics();
  const auto& nodes = a.network().nodes();
  std::vector<float> x;
  x.reserve(a.Roles().size() * NodeFeatureNames().size());
  for (const network::RoleScore& s : a.Roles()) {
    const NodeId v = s.node;
    for (double f : {static_cast<double>(m.degree[v]),
                     m.strength[v],
                     m.pagerank[v],
                     m.betweenness[v],
                     m.suspect_betweenness[v],
                     m.participation[v],
                     static_cast<double>(m.bridged_communities[v]),
                     m.money_in[v],
                     m.money_out[v],
                     m.money_in[v] - m.money_out[v],
                     static_cast<double>(m.payers[v]),
                     static_cast<double>(m.payees[v]),
                     static_cast<double>(m.payments_in[v]),
                     static_cast<double>(m.payments_out[v]),
                     m.hawala_amount[v],
                     m.money_rank[v],
                     static_cast<double>(nodes[v].cases),
                     s.organiser,
                     s.broker,
                     s.peripheral})
      x.push_back(static_cast<float>(f));
  }
  return x;
}

Result<std::vector<NodeId>> LabelledNodes(const network::NetworkAnalysis& a, const std::vector<NodeLabel>& labels,
                                          const std::string& label) {
  const network::EntityNetwork& net = a.network();
  std::set<NodeId> out;
  std::vector<std::string> unknown, not_actors;
  std::map<std::string, size_t> in_use;  // label -> nodes carrying it
  for (const NodeLabel& l : labels) ++in_use[l.label];
  if (!in_use.count(label)) {
    std::vector<std::string> words;
    for (const auto& [word, count] : in_use) words.push_back(fmt::format("{} ({})", word, count));
    return Status::InvalidArgument(
        fmt::format("no node is labelled '{}'; {}", label,
                    words.empty() ? "no node is labelled yet: label some first (`kashf network label NODE --as LABEL`)"
                                  : "labels in use: " + Join(words, ", ")));
  }
  for (const NodeLabel& l : labels) {
    if (l.label != label) continue;
    auto v = net.Find(l.node_id);
    const bool named = v.ok() && (net.nodes()[*v].id == l.node_id || [&] {
                         const auto members = net.Members(*v);
                         return std::find(members.begin(), members.end(), l.node_id) != members.end();
                       }());
    if (!named) {
      unknown.push_back(l.node_id);
      continue;
    }
    if (a.RoleOf(*v) == nullptr) {
      not_actors.push_back(l.node_id);
      continue;
    }
    out.insert(*v);
  }
  auto first = [](std::vector<std::string> ids) {
    if (ids.size() > 5) ids.resize(5);
    return Join(ids, ", ");
  };
  if (!unknown.empty())
    return Status::InvalidArgument(fmt::format(
        "{} node{} labelled '{}' {} not in this network (first: {}); they may be from another store, merged by a "
        "later resolution, or left out by --agency/--from/--to; remove them with `kashf network label --remove`",
        unknown.size(), unknown.size() == 1 ? "" : "s", label, unknown.size() == 1 ? "is" : "are", first(unknown)));
  if (!not_actors.empty())
    return Status::InvalidArgument(fmt::format(
        "{} node{} labelled '{}' cannot hold a role (a place or an object, not a person, organisation, phone or "
        "account): {}",
        not_actors.size(), not_actors.size() == 1 ? "" : "s", label, first(not_actors)));
  return std::vector<NodeId>(out.begin(), out.end());
}

Result<LearnResult> LearnFromLabels(const network::NetworkAnalysis& a, const std::vector<NodeId>& positives,
                                    const std::string& label, const LearnOptions& o) {
  const auto& actors = a.Roles();
  const size_t n = actors.size(), cols = NodeFeatureNames().size();
  std::set<NodeId> positive_set(positives.begin(), positives.end());
  if (positive_set.size() < o.min_positives)
    return Status::InvalidArgument(
        fmt::format("too few labels to learn '{}': {} node{} labelled, at least {} needed (`kashf network label NODE "
                    "--as {}`)",
                    label, positive_set.size(), positive_set.size() == 1 ? "" : "s", o.min_positives, label));
  if (n < 2 * positive_set.size())
    return Status::InvalidArgument(fmt::format(
        "'{}' labels {} of the {} actors; the model needs more unlabelled actors than labelled ones to learn from",
        label, positive_set.size(), n));
  if (o.folds < 2) return Status::InvalidArgument("cross-validation needs at least 2 folds");
  LearnResult r;
  r.label = label;
  r.actors = n;
  r.positives = positive_set.size();
  r.folds = std::min(o.folds, r.positives);
  const std::vector<float> x = NodeFeatures(a);
  std::vector<float> y(n, 0);
  std::vector<size_t> pos_rows, neg_rows;
  for (size_t i = 0; i < n; ++i) {
    y[i] = positive_set.count(actors[i].node) ? 1.0f : 0.0f;
    (y[i] > 0 ? pos_rows : neg_rows).push_back(i);
  }
  // Stratified folds: positives and negatives each shuffled and dealt round-robin.
  std::mt19937_64 rng(o.seed);
  std::shuffle(pos_rows.begin(), pos_rows.end(), rng);
  std::shuffle(neg_rows.begin(), neg_rows.end(), rng);
  std::vector<size_t> fold(n);
  for (size_t i = 0; i < pos_rows.size(); ++i) fold[pos_rows[i]] = i % r.folds;
  for (size_t i = 0; i < neg_rows.size(); ++i) fold[neg_rows[i]] = i % r.folds;
  std::vector<double> oof(n, 0);
  for (size_t f = 0; f < r.folds; ++f) {
    std::vector<size_t> train, test;
    for (size_t i = 0; i < n; ++i) (fold[i] == f ? test : train).push_back(i);
    KASHF_ASSIGN_OR_RETURN(Booster b, Train(x, cols, train, y, o));
    KASHF_ASSIGN_OR_RETURN(auto p, Predict(b.get(), x, cols, test, 0));
    size_t fold_positives = 0;
    for (size_t j = 0; j < test.size(); ++j) {
      oof[test[j]] = p[j];
      fold_positives += y[test[j]] > 0;
    }
    r.fold_r_precision.push_back(PrecisionAt(test, oof, y, fold_positives));
  }
  std::vector<size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  r.cv_r_precision = PrecisionAt(all, oof, y, r.positives);
  r.cv_precision_at_10 = PrecisionAt(all, oof, y, 10);
  const auto& m = a.Metrics();
  std::vector<double> degree(n), pagerank(n);
  for (size_t i = 0; i < n; ++i) {
    degree[i] = m.degree[actors[i].node];
    pagerank[i] = m.pagerank[actors[i].node];
  }
  r.degree_r_precision = PrecisionAt(all, degree, y, r.positives);
  r.pagerank_r_precision = PrecisionAt(all, pagerank, y, r.positives);
  // The full model: scores and contributions for every actor.
  KASHF_ASSIGN_OR_RETURN(Booster full, Train(x, cols, all, y, o));
  KASHF_ASSIGN_OR_RETURN(auto score, Predict(full.get(), x, cols, all, 0));
  KASHF_ASSIGN_OR_RETURN(auto contrib, Predict(full.get(), x, cols, all, 2));
  const size_t width = cols + 1;  // + bias
  if (contrib.size() != n * width)
    return Status::Internal("the learning library returned contributions of a bad shape");
  r.importance.assign(cols, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t c = 0; c < cols; ++c) r.importance[c] += std::fabs(contrib[i * width + c]) / static_cast<double>(n);
  std::vector<size_t> unlabelled = neg_rows;
  std::sort(unlabelled.begin(), unlabelled.end(),
            [&](size_t a1, size_t b1) { return score[a1] != score[b1] ? score[a1] > score[b1] : a1 < b1; });
  if (unlabelled.size() > o.limit) unlabelled.resize(o.limit);
  for (size_t i : unlabelled) {
    LearnedScore s;
    s.node = actors[i].node;
    s.score = score[i];
    std::vector<size_t> order(cols);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t c1, size_t c2) {
      const double a1 = std::fabs(contrib[i * width + c1]), a2 = std::fabs(contrib[i * width + c2]);
      return a1 != a2 ? a1 > a2 : c1 < c2;
    });
    for (size_t k = 0; k < o.top_features && k < cols; ++k)
      s.top.push_back({NodeFeatureNames()[order[k]], x[i * cols + order[k]], contrib[i * width + order[k]]});
    r.ranked.push_back(std::move(s));
  }
  return r;
}

}  // namespace kashf::learning
