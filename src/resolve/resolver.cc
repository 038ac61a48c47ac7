#include "kashf/resolve/resolver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "kashf/resolve/clustering.h"
#include "kashf/resolve/comparison.h"

namespace kashf::resolve {
namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Runs fn(lo, hi) over [0, n) split in `threads` contiguous parts.
template <typename Fn>
void ParallelRanges(size_t n, int threads, Fn fn) {
  const size_t parts = static_cast<size_t>(std::max(1, threads));
  if (parts == 1 || n < 4096) {
    fn(size_t{0}, n, size_t{0});
    return;
  }
  std::vector<std::thread> pool(parts - 1);
  for (size_t t = 1; t < parts; ++t) pool[t - 1] = std::thread(fn, n * t / parts, n * (t + 1) / parts, t);
  fn(size_t{0}, n / parts, size_t{0});
  for (auto& th : pool) th.join();
}

std::string FormatDate(const PartialDate& d) {
  if (!d.known()) return "";
  if (!d.month) return fmt::format("{:04d}", d.year);
  if (!d.day) return fmt::format("{:04d}-{:02d}", d.year, d.month);
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::string FormatNames(const EncodedRecords& r, std::span<const NameCode> names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " / ") + r.Text(n.full);
  return out;
}

std::string FieldValues(const EncodedRecords& r, int field, uint32_t i) {
  std::string out;
  switch (field) {
    case kName: return FormatNames(r, r.Names(i));
    case kFather: return FormatNames(r, r.Fathers(i));
    case kSpouse: return FormatNames(r, r.Spouses(i));
    case kNationalId:
      for (const auto& id : r.NationalIds(i)) {
        std::string d = fmt::format("{:0{}d}", id.digits, static_cast<int>(id.length));
        if (d.size() == 13) d = d.substr(0, 5) + "-" + d.substr(5, 7) + "-" + d.substr(12);
        out += (out.empty() ? "" : " / ") + d;
      }
      return out;
    case kPhone:
      for (uint64_t p : r.Phones(i)) out += (out.empty() ? "+" : " / +") + std::to_string(p);
      return out;
    case kBirthDate: return FormatDate(r.BirthDate(i));
    case kGender: {
      static const char* kGender[] = {"", "male", "female", "other"};
      return kGender[r.Gender(i)];
    }
    case kDistrict: return r.District(i) ? r.Text(r.District(i)) : "";
    default: return "";
  }
}

}  // namespace

double WeightForProbability(double p) {
  p = std::clamp(p, 1e-12, 1 - 1e-12);
  return std::log2(p / (1 - p));
}

Resolver::Resolver(const NameNormaliser& normaliser, ResolveOptions options)
    : normaliser_(&normaliser), options_(options), records_(normaliser) {}

void Resolver::Add(std::span<const PersonRecord> records) {
  const auto start = std::chrono::steady_clock::now();
  records_.Append(records, options_.threads);
  index_.clear();
  seconds_encode_ += Seconds(start);
}

size_t Resolver::PersonCount() const {
  size_t persons = 0;
  for (size_t i = 0; i < records_.size(); ++i) persons += records_.IsPerson(i);
  return persons;
}

std::optional<uint32_t> Resolver::IndexOf(const std::string& entity_id) const {
  if (index_.size() != records_.size()) {
    index_.clear();
    for (uint32_t i = 0; i < records_.size(); ++i) index_.emplace(records_.Id(i), i);
  }
  auto it = index_.find(entity_id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

Resolver::Compared Resolver::ComparePairs(const std::vector<uint64_t>& pairs, int threads) const {
  Compared c;
  c.pattern.assign(pairs.size(), 0u);
  c.matched_name.assign(pairs.size(), 0u);
  ParallelRanges(pairs.size(), threads, [&](size_t lo, size_t hi, size_t) {
    for (size_t k = lo; k < hi; ++k) {
      const Comparison cmp = Compare(records_, PairFirst(pairs[k]), PairSecond(pairs[k]));
      c.pattern[k] = cmp.pattern;
      c.matched_name[k] = cmp.matched_name;
    }
  });
  return c;
}

std::array<std::array<double, 16>, kFieldCount> Resolver::WeightTable() const {
  std::array<std::array<double, 16>, kFieldCount> table{};
  for (int f = 0; f < kFieldCount; ++f)
    for (uint32_t l = 0; l < 16; ++l)
      table[f][l] = l < static_cast<uint32_t>(LevelCount(f)) ? model_->LevelWeight(f, l) : 0.0;
  return table;
}

double Resolver::Score(uint32_t pattern, uint32_t matched_name,
                       const std::array<std::array<double, 16>, kFieldCount>& table) const {
  double w = model_->PriorWeight();
  for (int f = 0; f < kFieldCount; ++f) w += table[f][LevelOf(pattern, f)];
  if (matched_name && options_.term_frequency && model_->term_frequency && records_.NamedRecords())
    w += model_->TermFrequencyAdjustment(static_cast<double>(records_.NameFrequency(matched_name)) /
                                         static_cast<double>(records_.NamedRecords()));
  return w;
}

double Resolver::PairWeight(uint32_t a, uint32_t b) const {
  const Comparison c = Compare(records_, a, b);
  return Score(c.pattern, c.matched_name, WeightTable());
}

std::vector<ScoredEdge> Resolver::ScorePairs(const std::vector<uint64_t>& pairs, double min_weight, int threads) const {
  const auto table = WeightTable();
  std::vector<std::vector<ScoredEdge>> parts(static_cast<size_t>(std::max(1, threads)));
  ParallelRanges(pairs.size(), threads, [&](size_t lo, size_t hi, size_t t) {
    for (size_t k = lo; k < hi; ++k) {
      const uint32_t a = PairFirst(pairs[k]), b = PairSecond(pairs[k]);
      if (!records_.IsPerson(a) || !records_.IsPerson(b)) continue;
      const Comparison c = Compare(records_, a, b);
      const double w = Score(c.pattern, c.matched_name, table);
      if (w >= min_weight) parts[t].push_back({a, b, w});
    }
  });
  std::vector<ScoredEdge> out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Resolver::Compared Resolver::BlockAndCompare(size_t first_new, CandidatePairs* candidates,
                                             ResolveReport* report) const {
  report->seconds_encode = seconds_encode_;
  auto t = std::chrono::steady_clock::now();
  BlockingOptions bo;
  bo.max_block_size = options_.max_block_size;
  bo.threads = options_.threads;
  bo.first_new = first_new;
  *candidates = GenerateCandidatePairs(records_, bo);
  report->seconds_block = Seconds(t);
  t = std::chrono::steady_clock::now();
  Compared compared = ComparePairs(candidates->pairs, options_.threads);
  report->seconds_compare = Seconds(t);
  return compared;
}

Resolution Resolver::ResolveAll(const Assignment& previous, const std::vector<Judgement>& judgements) {
  ResolveReport report;
  CandidatePairs candidates;
  const Compared compared = BlockAndCompare(0, &candidates, &report);
  if (!model_) {
    const auto t = std::chrono::steady_clock::now();
    FellegiSunterModel model = FellegiSunterModel::Initial();
    model.term_frequency = options_.term_frequency;
    EstimateU(records_, options_.u_sample_pairs, options_.seed, &model);
    std::unordered_map<uint32_t, uint64_t> histogram;
    for (size_t k = 0; k < candidates.pairs.size(); ++k)
      if (records_.IsPerson(PairFirst(candidates.pairs[k])) && records_.IsPerson(PairSecond(candidates.pairs[k])))
        ++histogram[compared.pattern[k]];
    const size_t persons = PersonCount();
    model.records = persons;
    const double all_pairs = static_cast<double>(persons) * static_cast<double>(persons - (persons > 0)) / 2;
    TrainEm(histogram, options_.em_max_iterations, all_pairs, &model);
    model_ = std::move(model);
    report.trained = true;
    report.em_iterations = model_->em_iterations;
    report.seconds_train = Seconds(t);
  } else {
    model_->RescalePrior(PersonCount());
  }
  return Finish(candidates, compared, 0, previous, judgements, std::move(report));
}

Result<Resolution> Resolver::LinkNew(size_t first_new, const Assignment& previous,
                                     const std::vector<Judgement>& judgements) {
  if (!model_)
    return Status::FailedPrecondition(
        "no trained resolution model yet; run a full resolution first (`kashf resolve --full`)");
  for (size_t i = 0; i < first_new && i < records_.size(); ++i)
    if (!previous.count(records_.Id(i)))
      return Status::FailedPrecondition(
          fmt::format("record '{}' has no earlier cluster; run a full resolution", records_.Id(i)));
  model_->RescalePrior(PersonCount());
  ResolveReport report;
  CandidatePairs candidates;
  const Compared compared = BlockAndCompare(first_new, &candidates, &report);
  return Finish(candidates, compared, first_new, previous, judgements, std::move(report));
}

Resolution Resolver::Finish(const CandidatePairs& candidates, const Compared& compared, size_t first_new,
                            const Assignment& previous, const std::vector<Judgement>& judgements,
                            ResolveReport report) {
  const auto t = std::chrono::steady_clock::now();
  const size_t n = records_.size();
  const double threshold = WeightForProbability(options_.match_probability);
  const auto table = WeightTable();
  std::vector<ScoredEdge> edges;
  std::vector<std::pair<uint32_t, uint32_t>> identifier_links;  // pairs sharing an exact phone, one side not a person
  for (size_t k = 0; k < candidates.pairs.size(); ++k) {
    const uint32_t a = PairFirst(candidates.pairs[k]), b = PairSecond(candidates.pairs[k]);
    if (!records_.IsPerson(a) || !records_.IsPerson(b)) {
      if (LevelOf(compared.pattern[k], kPhone) == 2) identifier_links.emplace_back(a, b);
      continue;
    }
    const double w = Score(compared.pattern[k], compared.matched_name[k], table);
    if (w >= threshold) edges.push_back({a, b, w});
  }
  report.records = n;
  report.new_records = n - first_new;
  report.candidate_pairs = candidates.pairs.size();
  report.matched_pairs = edges.size();
  report.blocking = candidates.stats;

  ClusterConstraints constraints;
  constraints.bridge_weight = WeightForProbability(std::max(options_.bridge_probability, options_.match_probability));
  for (const auto& j : judgements) {
    auto a = IndexOf(j.left), b = IndexOf(j.right);
    if (!a || !b) {
      ++report.judgements_unknown;
      continue;
    }
    (j.match ? constraints.must_link : constraints.cannot_link).emplace_back(*a, *b);
    ++report.judgements_applied;
  }
  // Incremental runs start from the earlier clusters of the old records.
  std::vector<std::vector<uint32_t>> seeds;
  if (first_new > 0) {
    std::unordered_map<std::string, uint32_t> group_of;
    for (uint32_t i = 0; i < first_new; ++i) {
      auto [it, inserted] = group_of.emplace(previous.at(records_.Id(i)), static_cast<uint32_t>(seeds.size()));
      if (inserted) seeds.emplace_back();
      seeds[it->second].push_back(i);
    }
  }
  // Identifier-only records are left out of person clustering and attached afterwards.
  std::vector<uint32_t> component = ClusterRecords(n, std::move(edges), constraints, seeds);
  if (!identifier_links.empty()) {
    UnionFind ids(n);
    for (auto [a, b] : identifier_links)
      if (!records_.IsPerson(a) && !records_.IsPerson(b)) ids.Union(a, b);
    std::unordered_map<uint32_t, std::set<uint32_t>> persons_of;  // identifier group root -> person components
    for (auto [a, b] : identifier_links) {
      if (records_.IsPerson(a) == records_.IsPerson(b)) continue;
      const uint32_t id_side = records_.IsPerson(a) ? b : a, person = records_.IsPerson(a) ? a : b;
      persons_of[ids.Find(id_side)].insert(component[person]);
    }
    std::unordered_map<uint32_t, uint32_t> group_component, group_size;
    for (uint32_t i = 0; i < n; ++i)
      if (!records_.IsPerson(i)) ++group_size[ids.Find(i)];
    for (uint32_t i = 0; i < n; ++i) {
      if (records_.IsPerson(i)) continue;
      const uint32_t root = ids.Find(i);
      auto it = persons_of.find(root);
      if (it != persons_of.end() && it->second.size() == 1) {
        component[i] = *it->second.begin();
        ++report.identifier_links;
      } else if (it != persons_of.end() || group_size[root] > 1) {
        // No single person holds the number: records of the same number stay together.
        auto [g, inserted] = group_component.emplace(root, component[i]);
        component[i] = g->second;
      }
      // else: no link in this run (an old record in an incremental run keeps its cluster).
    }
  }
  std::vector<std::string> ids(n);
  for (uint32_t i = 0; i < n; ++i) ids[i] = records_.Id(i);
  Resolution out;
  out.cluster_of = AssignStableClusterIds(component, ids, previous);
  std::unordered_set<uint32_t> distinct(component.begin(), component.end());
  report.clusters = distinct.size();
  report.seconds_cluster = Seconds(t);
  out.report = std::move(report);
  return out;
}

Explanation Resolver::Explain(uint32_t a, uint32_t b) const {
  Explanation e;
  e.left_id = records_.Id(a);
  e.right_id = records_.Id(b);
  e.threshold = options_.match_probability;
  const Comparison c = Compare(records_, a, b);
  double total = model_->PriorWeight();
  e.steps.push_back({"prior", fmt::format("lambda = {:.4g}", model_->lambda), "", "", 0, 0, total, total});
  for (int f = 0; f < kFieldCount; ++f) {
    const uint32_t level = LevelOf(c.pattern, f);
    const double w = model_->LevelWeight(f, level);
    total += w;
    WaterfallStep s{std::string(FieldName(f)),
                    std::string(LevelName(f, level)),
                    FieldValues(records_, f, a),
                    FieldValues(records_, f, b),
                    0,
                    0,
                    w,
                    total};
    if (level != kNullLevel) {
      s.m = model_->fields[f].m[level];
      s.u = model_->fields[f].u[level];
    }
    e.steps.push_back(std::move(s));
  }
  if (c.matched_name && options_.term_frequency && model_->term_frequency && records_.NamedRecords()) {
    const double tf =
        static_cast<double>(records_.NameFrequency(c.matched_name)) / static_cast<double>(records_.NamedRecords());
    const double adj = model_->TermFrequencyAdjustment(tf);
    total += adj;
    e.steps.push_back({"term_frequency", fmt::format("name on {:.3g}% of records", 100 * tf),
                       records_.Text(c.matched_name), "", 0, 0, adj, total});
  }
  if (!records_.IsPerson(a) || !records_.IsPerson(b))
    e.steps.push_back(
        {"identifier", "not scored: identifier-only record joins by exact number", "", "", 0, 0, 0, total});
  e.total_weight = total;
  e.probability = FellegiSunterModel::Probability(total);
  e.model_match = records_.IsPerson(a) && records_.IsPerson(b) ? e.probability >= options_.match_probability
                                                               : LevelOf(c.pattern, kPhone) == 2;
  return e;
}

}  // namespace kashf::resolve
