#include "kashf/resolve/resolver.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <functional>
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

// The normalised values of one field of record i, for explanations.
std::string FieldValues(const EncodedRecords& r, const FieldSpec& spec, uint32_t i, int field) {
  std::string out;
  for (const EncodedValue& v : r.Values(i, field)) {
    std::string text;
    switch (spec.kind) {
      case CompareKind::kDate: text = FormatDate(UnpackDate(v.number)); break;
      case CompareKind::kPhone: text = fmt::format("+{}", v.number); break;
      case CompareKind::kNumber: text = fmt::format("{}", std::bit_cast<double>(v.number)); break;
      default: text = r.Text(v.text);
    }
    if (!out.empty()) out.append(" / ");
    out.append(text);
  }
  return out;
}

}  // namespace

double WeightForProbability(double p) {
  p = std::clamp(p, 1e-12, 1 - 1e-12);
  return std::log2(p / (1 - p));
}

Resolver::Resolver(const NameNormaliser& normaliser, ComparisonModel model, ResolveOptions options)
    : normaliser_(&normaliser),
      spec_storage_(std::move(model)),
      spec_(&spec_storage_),
      options_(options),
      records_(normaliser, spec_storage_) {}

void Resolver::Add(std::span<const PersonRecord> records) {
  const auto start = std::chrono::steady_clock::now();
  records_.Append(records, options_.threads);
  index_.clear();
  seconds_encode_ += Seconds(start);
}

size_t Resolver::ScoredCount(int schema) const {
  size_t count = 0;
  for (size_t i = 0; i < records_.size(); ++i) count += records_.SchemaIndex(i) == schema && records_.IsScored(i);
  return count;
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
  Compared c(pairs.size(), 0);
  ParallelRanges(pairs.size(), threads, [&](size_t lo, size_t hi, size_t) {
    for (size_t k = lo; k < hi; ++k) c[k] = Compare(records_, PairFirst(pairs[k]), PairSecond(pairs[k]));
  });
  return c;
}

std::vector<Resolver::WeightTable> Resolver::WeightTables() const {
  std::vector<WeightTable> tables(spec_->schemas().size());
  for (size_t s = 0; s < tables.size(); ++s) {
    const SchemaModel& schema = spec_->schemas()[s];
    auto it = model_->by_schema.find(schema.schema);
    if (it == model_->by_schema.end()) continue;
    WeightTable& t = tables[s];
    t.model = &it->second;
    t.prior = t.model->PriorWeight();
    t.levels.resize(schema.fields.size());
    for (size_t f = 0; f < schema.fields.size(); ++f) {
      for (uint32_t l = 0; l < 16; ++l)
        t.levels[f][l] = l < static_cast<uint32_t>(schema.fields[f].LevelCount())
                             ? t.model->LevelWeight(static_cast<int>(f), l)
                             : 0.0;
      if (schema.fields[f].term_frequency) {
        t.tf_fields.push_back(static_cast<int>(f));
        t.tf_top.push_back(static_cast<uint32_t>(schema.fields[f].LevelCount() - 1));
      }
    }
  }
  return tables;
}

double Resolver::TermFrequency(uint32_t a, uint32_t b, Pattern pattern, const WeightTable& t,
                               std::vector<std::pair<int, double>>* parts) const {
  if (!options_.term_frequency || !t.model->term_frequency) return 0;
  const int schema = records_.SchemaIndex(a);
  const SchemaModel& spec = spec_->schemas()[static_cast<size_t>(schema)];
  double total = 0;
  for (int f : t.tf_fields) {
    const FieldSpec& field = spec.fields[static_cast<size_t>(f)];
    if (LevelOf(pattern, f) != static_cast<uint32_t>(field.LevelCount() - 1)) continue;
    const EncodedValue* v = SharedValue(records_, field, records_.Values(a, f), records_.Values(b, f));
    const uint32_t with_field = records_.FieldRecords(schema, f);
    if (!v || !with_field) continue;
    const double tf = static_cast<double>(records_.ValueFrequency(schema, f, v->text)) / with_field;
    const double adj = t.model->TermFrequencyAdjustment(f, tf);
    total += adj;
    if (parts) parts->emplace_back(f, adj);
  }
  return total;
}

double Resolver::Score(uint32_t a, uint32_t b, Pattern pattern, const std::vector<WeightTable>& tables,
                       double cutoff) const {
  const int schema = records_.SchemaIndex(a);
  if (schema < 0 || schema != records_.SchemaIndex(b) || !records_.IsScored(a)) return -INFINITY;
  const WeightTable& t = tables[static_cast<size_t>(schema)];
  if (!t.model) return -INFINITY;
  double w = t.prior;
  for (size_t f = 0; f < t.levels.size(); ++f) w += t.levels[f][LevelOf(pattern, static_cast<int>(f))];
  // Each top-level agreement on a term-frequency field can add at most 8 bits.
  int top = 0;
  for (size_t k = 0; k < t.tf_fields.size(); ++k) top += LevelOf(pattern, t.tf_fields[k]) == t.tf_top[k] ? 1 : 0;
  if (top > 0 && w + 8.0 * top >= cutoff) w += TermFrequency(a, b, pattern, t, nullptr);
  return w;
}

double Resolver::PairWeight(uint32_t a, uint32_t b) const {
  return Score(a, b, Compare(records_, a, b), WeightTables(), -INFINITY);
}

std::vector<ScoredEdge> Resolver::ScorePairs(const std::vector<uint64_t>& pairs, double min_weight, int threads) const {
  const auto tables = WeightTables();
  std::vector<std::vector<ScoredEdge>> parts(static_cast<size_t>(std::max(1, threads)));
  ParallelRanges(pairs.size(), threads, [&](size_t lo, size_t hi, size_t t) {
    for (size_t k = lo; k < hi; ++k) {
      const uint32_t a = PairFirst(pairs[k]), b = PairSecond(pairs[k]);
      const double w = Score(a, b, Compare(records_, a, b), tables, min_weight);
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
  bo.window = options_.window;
  bo.threads = options_.threads;
  bo.first_new = first_new;
  *candidates = GenerateCandidatePairs(records_, bo);
  report->seconds_block = Seconds(t);
  t = std::chrono::steady_clock::now();
  Compared compared = ComparePairs(candidates->pairs, options_.threads);
  report->seconds_compare = Seconds(t);
  return compared;
}

void Resolver::Train(const CandidatePairs& candidates, const Compared& compared, ResolveReport* report) {
  const auto t = std::chrono::steady_clock::now();
  ModelSet set;
  const auto& schemas = spec_->schemas();
  // The pattern of each pair of a sorted subset of the candidates (both lists sorted: one walk).
  auto patterns_of = [&](const std::vector<uint64_t>& subset, const std::function<void(uint32_t, Pattern)>& add) {
    size_t k = 0;
    for (uint64_t pair : subset) {
      while (k < candidates.pairs.size() && candidates.pairs[k] < pair) ++k;
      if (k == candidates.pairs.size()) break;
      if (candidates.pairs[k] == pair) add(PairFirst(pair), compared[k]);
    }
  };
  auto scored_schema = [&](uint32_t a) {
    const int s = records_.SchemaIndex(a);
    return s >= 0 && records_.IsScored(a) ? s : -1;
  };
  // The final EM trains on the pairs of the passes that are not name-only (see CandidatePairs);
  // with none (a schema blocked by names alone) on every candidate.
  std::vector<std::unordered_map<Pattern, uint64_t>> histograms(schemas.size());
  auto add_all = [&](uint32_t a, Pattern p) {
    if (const int s = scored_schema(a); s >= 0) ++histograms[static_cast<size_t>(s)][p];
  };
  if (candidates.training_pairs.empty()) {
    for (size_t k = 0; k < candidates.pairs.size(); ++k) add_all(PairFirst(candidates.pairs[k]), compared[k]);
  } else {
    patterns_of(candidates.training_pairs, add_all);
  }
  // One session per tight pass, the fields it blocks on masked.
  std::vector<std::vector<EmSession>> sessions(schemas.size());
  for (const auto& pass : candidates.training_passes) {
    EmSession session;
    session.masked_fields = pass.masked_fields;
    Pattern mask = 0;
    for (int f = 0; f < 16; ++f)
      if (pass.masked_fields >> f & 1) mask |= Pattern{0xF} << (4 * f);
    patterns_of(pass.pairs, [&](uint32_t a, Pattern p) {
      if (scored_schema(a) == pass.schema) ++session.pattern_counts[p | mask];
    });
    if (!session.pattern_counts.empty()) sessions[static_cast<size_t>(pass.schema)].push_back(std::move(session));
  }
  for (size_t s = 0; s < schemas.size(); ++s) {
    if (schemas[s].identifier_only) continue;
    const size_t count = ScoredCount(static_cast<int>(s));
    if (count < 2) continue;
    FellegiSunterModel model = FellegiSunterModel::Initial(schemas[s]);
    model.term_frequency = options_.term_frequency;
    EstimateU(records_, static_cast<int>(s), options_.u_sample_pairs, options_.seed, &model);
    model.records = count;
    const double all_pairs = static_cast<double>(count) * static_cast<double>(count - 1) / 2;
    TrainEmSessions(sessions[s], histograms[s], options_.em_max_iterations, all_pairs, &model);
    report->em_iterations = std::max(report->em_iterations, model.em_iterations);
    set.by_schema.emplace(schemas[s].schema, std::move(model));
  }
  model_ = std::move(set);
  report->trained = true;
  report->seconds_train = Seconds(t);
}

namespace {
void RescaleAll(ModelSet* set, const ComparisonModel& spec, const std::function<size_t(int)>& count) {
  for (auto& [schema, model] : set->by_schema)
    if (const SchemaModel* s = spec.Find(schema))
      model.RescalePrior(count(static_cast<int>(s - spec.schemas().data())));
}
}  // namespace

Resolution Resolver::ResolveAll(const Assignment& previous, const std::vector<Judgement>& judgements) {
  ResolveReport report;
  CandidatePairs candidates;
  const Compared compared = BlockAndCompare(0, &candidates, &report);
  if (!model_) Train(candidates, compared, &report);
  else RescaleAll(&*model_, *spec_, [&](int s) { return ScoredCount(s); });
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
  RescaleAll(&*model_, *spec_, [&](int s) { return ScoredCount(s); });
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
  const auto tables = WeightTables();
  std::vector<ScoredEdge> edges;
  {
    std::vector<std::vector<ScoredEdge>> parts(static_cast<size_t>(std::max(1, options_.threads)));
    ParallelRanges(candidates.pairs.size(), options_.threads, [&](size_t lo, size_t hi, size_t part) {
      for (size_t k = lo; k < hi; ++k) {
        const uint32_t a = PairFirst(candidates.pairs[k]), b = PairSecond(candidates.pairs[k]);
        const double w = Score(a, b, compared[k], tables, threshold);
        if (w >= threshold) parts[part].push_back({a, b, w});
      }
    });
    for (auto& p : parts) edges.insert(edges.end(), p.begin(), p.end());
  }
  // Identifier-only records (a call file's Phone): pairs with a scored record sharing an exact
  // number, looked up by number rather than through blocking.
  std::vector<std::pair<uint32_t, uint32_t>> identifier_links;
  {
    auto phones_of = [&](uint32_t i, std::vector<uint64_t>* out) {
      const SchemaModel* s = records_.Schema(i);
      if (!s) return;
      for (size_t f = 0; f < s->fields.size(); ++f)
        if (s->fields[f].kind == CompareKind::kPhone)
          for (const auto& v : records_.Values(i, static_cast<int>(f))) out->push_back(v.number);
    };
    std::unordered_map<uint64_t, std::vector<uint32_t>> holders;  // number -> records (scored and not)
    std::vector<uint64_t> numbers;
    bool any_identifier_only = false;
    for (uint32_t i = 0; i < n; ++i) any_identifier_only |= records_.SchemaIndex(i) >= 0 && !records_.IsScored(i);
    if (any_identifier_only) {
      for (uint32_t i = 0; i < n; ++i) {
        numbers.clear();
        phones_of(i, &numbers);
        for (uint64_t x : numbers) holders[x].push_back(i);
      }
      for (const auto& [number, list] : holders) {
        for (size_t x = 0; x < list.size(); ++x)
          for (size_t y = x + 1; y < list.size() && y < x + 64; ++y) {
            const uint32_t a = list[x], b = list[y];
            if (records_.IsScored(a) && records_.IsScored(b)) continue;
            if (a < first_new && b < first_new) continue;
            identifier_links.emplace_back(std::min(a, b), std::max(a, b));
          }
      }
      std::sort(identifier_links.begin(), identifier_links.end());
      identifier_links.erase(std::unique(identifier_links.begin(), identifier_links.end()), identifier_links.end());
    }
  }
  report.records = n;
  report.new_records = n - first_new;
  report.candidate_pairs = candidates.pairs.size();
  report.matched_pairs = edges.size();
  report.blocking = candidates.stats;

  ClusterConstraints constraints;
  constraints.bridge_weight = WeightForProbability(std::max(options_.bridge_probability, options_.match_probability));
  constraints.has_conflict_values = [&](uint32_t i) {
    const SchemaModel* s = records_.Schema(i);
    if (!s || !records_.IsScored(i)) return false;
    for (size_t f = 0; f < s->fields.size(); ++f)
      if (s->fields[f].conflict_keeps_apart && records_.Values(i, static_cast<int>(f)).size() == 1) return true;
    return false;
  };
  // A conflict keeps two records apart only when the model did not link them directly: a pair
  // above the threshold has been judged with the differing values in view, while two records that
  // would only meet through a chain of other matches must not carry contradictory identifiers.
  std::unordered_set<uint64_t> direct;
  direct.reserve(edges.size());
  for (const auto& e : edges) direct.insert(MakePair(e.a, e.b));
  constraints.conflicts = [&](uint32_t a, uint32_t b) {
    const SchemaModel* s = records_.Schema(a);
    if (!s || records_.SchemaIndex(a) != records_.SchemaIndex(b) || direct.count(MakePair(a, b))) return false;
    for (size_t f = 0; f < s->fields.size(); ++f) {
      const int field = static_cast<int>(f);
      if (s->fields[f].conflict_keeps_apart &&
          FieldConflicts(records_, s->fields[f], records_.Values(a, field), records_.Values(b, field)))
        return true;
    }
    return false;
  };
  constraints.conflicts_skipped = &report.conflicts_kept_apart;
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
      if (!records_.IsScored(a) && !records_.IsScored(b)) ids.Union(a, b);
    std::unordered_map<uint32_t, std::set<uint32_t>> persons_of;  // identifier group root -> person components
    for (auto [a, b] : identifier_links) {
      if (records_.IsScored(a) == records_.IsScored(b)) continue;
      const uint32_t id_side = records_.IsScored(a) ? b : a, person = records_.IsScored(a) ? a : b;
      persons_of[ids.Find(id_side)].insert(component[person]);
    }
    std::unordered_map<uint32_t, uint32_t> group_component, group_size;
    for (uint32_t i = 0; i < n; ++i)
      if (!records_.IsScored(i)) ++group_size[ids.Find(i)];
    for (uint32_t i = 0; i < n; ++i) {
      if (records_.IsScored(i)) continue;
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
  const SchemaModel* schema = records_.Schema(a);
  const bool comparable = schema && records_.SchemaIndex(a) == records_.SchemaIndex(b) && records_.IsScored(a) &&
                          model_->by_schema.count(schema->schema);
  if (!comparable) {
    e.steps.push_back({"identifier",
                       "not scored: different schemas, or an identifier-only record that joins by exact number", "", "",
                       0, 0, 0, 0});
    bool shared_phone = false;
    for (const uint32_t x : {a}) {
      const SchemaModel* sa = records_.Schema(x);
      const SchemaModel* sb = records_.Schema(b);
      if (!sa || !sb) break;
      for (size_t f = 0; f < sa->fields.size(); ++f)
        for (size_t g = 0; g < sb->fields.size(); ++g)
          if (sa->fields[f].kind == CompareKind::kPhone && sb->fields[g].kind == CompareKind::kPhone)
            for (const auto& va : records_.Values(a, static_cast<int>(f)))
              for (const auto& vb : records_.Values(b, static_cast<int>(g))) shared_phone |= va.number == vb.number;
    }
    e.total_weight = 0;
    e.probability = 0;
    e.model_match = shared_phone;
    return e;
  }
  const FellegiSunterModel& model = model_->by_schema.at(schema->schema);
  const Pattern pattern = Compare(records_, a, b);
  double total = model.PriorWeight();
  e.steps.push_back({"prior", fmt::format("lambda = {:.4g}", model.lambda), "", "", 0, 0, total, total});
  for (size_t f = 0; f < schema->fields.size(); ++f) {
    const int field = static_cast<int>(f);
    const uint32_t level = LevelOf(pattern, field);
    const double w = model.LevelWeight(field, level);
    total += w;
    WaterfallStep s{schema->fields[f].name,
                    std::string(schema->fields[f].LevelName(level)),
                    FieldValues(records_, schema->fields[f], a, field),
                    FieldValues(records_, schema->fields[f], b, field),
                    0,
                    0,
                    w,
                    total};
    if (level != kNullLevel) {
      s.m = model.fields[f].m[level];
      s.u = model.fields[f].u[level];
    }
    e.steps.push_back(std::move(s));
  }
  const auto tables = WeightTables();
  std::vector<std::pair<int, double>> parts;
  TermFrequency(a, b, pattern, tables[static_cast<size_t>(records_.SchemaIndex(a))], &parts);
  for (const auto& [field, adj] : parts) {
    total += adj;
    e.steps.push_back(
        {"term_frequency",
         fmt::format("{}: how common the shared value is", schema->fields[static_cast<size_t>(field)].name),
         FieldValues(records_, schema->fields[static_cast<size_t>(field)], a, field), "", 0, 0, adj, total});
  }
  e.total_weight = total;
  e.probability = FellegiSunterModel::Probability(total);
  e.model_match = e.probability >= options_.match_probability;
  return e;
}

}  // namespace kashf::resolve
