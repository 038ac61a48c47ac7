#include "kashf/resolve/fellegi_sunter.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kashf::resolve {
namespace {

constexpr double kFloor = 1e-6;

void Normalise(std::vector<double>& p) {
  double sum = 0;
  for (double& x : p) {
    x = std::max(x, kFloor);
    sum += x;
  }
  for (double& x : p) x /= sum;
}

}  // namespace

FellegiSunterModel FellegiSunterModel::Initial(const SchemaModel& spec) {
  FellegiSunterModel model;
  model.schema = spec.schema;
  for (const auto& f : spec.fields) {
    model.field_names.push_back(f.name);
    const int levels = f.LevelCount();
    FieldParams p;
    p.m.assign(static_cast<size_t>(levels), 0);
    p.u.assign(static_cast<size_t>(levels), 1.0 / levels);
    for (int l = 0; l < levels; ++l) p.m[static_cast<size_t>(l)] = std::pow(4.0, l);
    p.m[0] = p.m[static_cast<size_t>(levels - 1)] * 0.05;
    Normalise(p.m);
    model.fields.push_back(std::move(p));
  }
  return model;
}

double FellegiSunterModel::PriorWeight() const { return std::log2(lambda / (1.0 - lambda)); }

double FellegiSunterModel::LevelWeight(int field, uint32_t level) const {
  if (level == kNullLevel) return 0.0;
  const auto& p = fields[static_cast<size_t>(field)];
  // Closer agreement never counts as weaker evidence: the weight is the running maximum over the
  // levels up to this one (guards against sparse levels estimated from few pairs).
  double w = std::log2(p.m[0] / p.u[0]);
  for (uint32_t l = 1; l <= level; ++l) w = std::max(w, std::log2(p.m[l] / p.u[l]));
  return w;
}

double FellegiSunterModel::PatternWeight(Pattern pattern) const {
  double w = PriorWeight();
  for (size_t f = 0; f < fields.size(); ++f)
    w += LevelWeight(static_cast<int>(f), LevelOf(pattern, static_cast<int>(f)));
  return w;
}

double FellegiSunterModel::TermFrequencyAdjustment(int field, double tf) const {
  if (!term_frequency || tf <= 0) return 0.0;
  const double u_exact = fields[static_cast<size_t>(field)].u.back();
  return std::clamp(std::log2(u_exact / tf), -8.0, 8.0);
}

void FellegiSunterModel::RescalePrior(uint64_t count) {
  if (records > 1 && count > 1 && count != records)
    lambda = std::clamp(lambda * static_cast<double>(records - 1) / static_cast<double>(count - 1), 1e-12, 0.5);
  if (count > 1) records = count;
}

double FellegiSunterModel::Probability(double weight) {
  const double odds = std::exp2(weight);
  return odds / (1.0 + odds);
}

std::string ModelSet::ToJson() const {
  nlohmann::json j;
  j["version"] = 2;
  for (const auto& [schema, model] : by_schema) {
    nlohmann::json& m = j["schemas"][schema];
    m["lambda"] = model.lambda;
    m["term_frequency"] = model.term_frequency;
    m["em_iterations"] = model.em_iterations;
    m["u_sample_pairs"] = model.u_sample_pairs;
    m["records"] = model.records;
    m["fields"] = nlohmann::json::array();
    for (size_t f = 0; f < model.fields.size(); ++f)
      m["fields"].push_back({{"field", model.field_names[f]}, {"m", model.fields[f].m}, {"u", model.fields[f].u}});
  }
  return j.dump();
}

Result<ModelSet> ModelSet::FromJson(const std::string& text, const ComparisonModel& spec) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != 2 || !j.contains("schemas"))
    return Status::Corruption(
        "the stored resolution model is from an older version or damaged; run `kashf resolve --retrain`");
  ModelSet set;
  try {
    for (const auto& [schema, m] : j.at("schemas").items()) {
      const SchemaModel* s = spec.Find(schema);
      if (!s)
        return Status::Corruption(
            fmt::format("the stored resolution model has schema '{}', which the resolution model file no longer lists; "
                        "run `kashf resolve --retrain`",
                        schema));
      FellegiSunterModel model = FellegiSunterModel::Initial(*s);
      model.lambda = m.at("lambda").get<double>();
      model.term_frequency = m.value("term_frequency", true);
      model.em_iterations = m.value("em_iterations", 0);
      model.u_sample_pairs = m.value("u_sample_pairs", uint64_t{0});
      model.records = m.value("records", uint64_t{0});
      const auto& fields = m.at("fields");
      if (fields.size() != s->fields.size())
        return Status::Corruption(fmt::format(
            "the stored {} model has {} fields, the resolution model file {}; run `kashf resolve --retrain`", schema,
            fields.size(), s->fields.size()));
      for (size_t f = 0; f < s->fields.size(); ++f) {
        const auto& field = fields.at(f);
        auto mv = field.at("m").get<std::vector<double>>();
        auto uv = field.at("u").get<std::vector<double>>();
        if (field.at("field").get<std::string>() != s->fields[f].name ||
            mv.size() != static_cast<size_t>(s->fields[f].LevelCount()) || uv.size() != mv.size())
          return Status::Corruption(
              fmt::format("the stored {} model does not match field '{}' of the resolution model file; run `kashf "
                          "resolve --retrain`",
                          schema, s->fields[f].name));
        model.fields[f].m = std::move(mv);
        model.fields[f].u = std::move(uv);
      }
      if (!(model.lambda > 0 && model.lambda < 1))
        return Status::Corruption("stored resolution model has lambda outside (0,1)");
      set.by_schema.emplace(schema, std::move(model));
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(std::string("stored resolution model is incomplete (") + e.what() +
                              "); run `kashf resolve --retrain`");
  }
  return set;
}

void EstimateU(const EncodedRecords& records, int schema, uint64_t samples, uint64_t seed, FellegiSunterModel* model) {
  std::vector<uint32_t> members;
  for (size_t i = 0; i < records.size(); ++i)
    if (records.SchemaIndex(i) == schema && records.IsScored(i)) members.push_back(static_cast<uint32_t>(i));
  const size_t fields = model->fields.size();
  using Counts = std::vector<std::vector<double>>;
  auto fresh = [&] {
    Counts c(fields);
    for (size_t f = 0; f < fields; ++f) c[f].assign(model->fields[f].m.size(), 0.0);
    return c;
  };
  auto add = [&](Counts& c, uint32_t a, uint32_t b) {
    const Pattern pattern = Compare(records, a, b);
    for (size_t f = 0; f < fields; ++f)
      if (uint32_t l = LevelOf(pattern, static_cast<int>(f)); l != kNullLevel) c[f][l] += 1;
  };
  Counts total = fresh();
  const uint64_t n = members.size();
  if (n >= 2 && n * (n - 1) / 2 <= samples) {  // small data: every pair, exactly
    for (uint64_t i = 0; i < n; ++i)
      for (uint64_t j = i + 1; j < n; ++j) add(total, members[i], members[j]);
  } else if (n >= 2) {
    // Two fixed random streams (seed, seed+1), run side by side: the result does not depend on
    // the number of threads.
    Counts part[2] = {fresh(), fresh()};
    auto stream = [&](int k) {
      std::mt19937_64 rng(seed + static_cast<uint64_t>(k));
      std::uniform_int_distribution<size_t> pick(0, n - 1);
      for (uint64_t s = 0; s < samples / 2; ++s) {
        const uint32_t a = members[pick(rng)], b = members[pick(rng)];
        if (a != b) add(part[k], a, b);
      }
    };
    std::thread helper(stream, 1);
    stream(0);
    helper.join();
    for (size_t f = 0; f < fields; ++f)
      for (size_t l = 0; l < total[f].size(); ++l) total[f][l] = part[0][f][l] + part[1][f][l];
  }
  for (size_t f = 0; f < fields; ++f) {
    for (double& c : total[f]) c += 0.5;  // add-half smoothing: no level is impossible
    model->fields[f].u = total[f];
    Normalise(model->fields[f].u);
  }
  model->u_sample_pairs = samples;
}

namespace {

// EM over a pattern histogram (Winkler 1988). Field f's m is re-estimated unless bit f of
// `fixed_m` is set; u is re-estimated only when `free_u`. `match_seen[f]` receives the expected
// matches in which field f was not null. Returns the iterations run.
int RunEm(const std::unordered_map<Pattern, uint64_t>& pattern_counts, int max_iterations, uint64_t fixed_m,
          bool free_u, FellegiSunterModel* em, std::vector<double>* match_seen) {
  const size_t fields = em->fields.size();
  std::vector<std::pair<Pattern, double>> patterns(pattern_counts.begin(), pattern_counts.end());
  std::sort(patterns.begin(), patterns.end());  // fixed summation order: deterministic
  double total = 0;
  for (const auto& [p, c] : patterns) total += c;
  if (match_seen) match_seen->assign(fields, 0.0);
  if (total == 0) return 0;
  int it = 0;
  for (; it < max_iterations; ++it) {
    std::vector<std::vector<double>> m_acc(fields), u_acc(fields);
    std::vector<double> seen(fields, 0.0);
    for (size_t f = 0; f < fields; ++f) {
      m_acc[f].assign(em->fields[f].m.size(), 1.0);  // Laplace: one pseudo-pair per level
      u_acc[f].assign(em->fields[f].m.size(), 1.0);
    }
    double match_mass = 0;
    for (const auto& [pattern, count] : patterns) {
      const double posterior = FellegiSunterModel::Probability(em->PatternWeight(pattern));
      match_mass += posterior * count;
      for (size_t f = 0; f < fields; ++f)
        if (uint32_t l = LevelOf(pattern, static_cast<int>(f)); l != kNullLevel) {
          m_acc[f][l] += posterior * count;
          u_acc[f][l] += (1 - posterior) * count;
          seen[f] += posterior * count;
        }
    }
    if (match_seen) *match_seen = seen;
    const double new_lambda = std::clamp(match_mass / total, 1e-9, 1 - 1e-9);
    double change = std::abs(new_lambda - em->lambda);
    em->lambda = new_lambda;
    for (size_t f = 0; f < fields; ++f) {
      if (!(fixed_m >> f & 1)) {
        Normalise(m_acc[f]);
        for (size_t l = 0; l < m_acc[f].size(); ++l)
          change = std::max(change, std::abs(m_acc[f][l] - em->fields[f].m[l]));
        em->fields[f].m = m_acc[f];
      }
      if (free_u) {
        Normalise(u_acc[f]);
        em->fields[f].u = u_acc[f];
      }
    }
    if (change < 1e-6) {
      ++it;
      break;
    }
  }
  return it;
}

double TotalCount(const std::unordered_map<Pattern, uint64_t>& pattern_counts) {
  double total = 0;
  for (const auto& [p, c] : pattern_counts) total += static_cast<double>(c);
  return total;
}

}  // namespace

int TrainEm(const std::unordered_map<Pattern, uint64_t>& pattern_counts, int max_iterations, double total_pairs,
            FellegiSunterModel* model) {
  const double total = TotalCount(pattern_counts);
  if (total == 0) return 0;
  // EM works on its own copy: lambda and u here describe the candidate pairs (which share a
  // blocking key, so their non-matches agree more often than random pairs do).
  FellegiSunterModel em = *model;
  em.lambda = 0.5;
  const int it = RunEm(pattern_counts, max_iterations, 0, true, &em, nullptr);
  // Keep m; keep u from random pairs; the prior becomes the share of all record pairs that match,
  // estimated as the expected matches among the candidates over all possible pairs (Splink's
  // "probability two random records match").
  for (size_t f = 0; f < model->fields.size(); ++f) model->fields[f].m = em.fields[f].m;
  model->lambda = std::clamp(em.lambda * total / std::max(total_pairs, total), 1e-12, 0.5);
  model->em_iterations = it;
  return it;
}

int TrainEmSessions(const std::vector<EmSession>& sessions, const std::unordered_map<Pattern, uint64_t>& all_patterns,
                    int max_iterations, double total_pairs, FellegiSunterModel* model) {
  if (sessions.empty()) return TrainEm(all_patterns, max_iterations, total_pairs, model);
  const size_t fields = model->fields.size();
  std::vector<std::vector<double>> m_sum(fields);
  std::vector<double> weight(fields, 0.0);
  for (size_t f = 0; f < fields; ++f) m_sum[f].assign(model->fields[f].m.size(), 0.0);
  for (const EmSession& session : sessions) {
    FellegiSunterModel em = *model;  // u from random pairs, held fixed
    em.lambda = 0.5;
    std::vector<double> seen;
    RunEm(session.pattern_counts, max_iterations, session.masked_fields, false, &em, &seen);
    for (size_t f = 0; f < fields; ++f) {
      if (session.masked_fields >> f & 1 || seen[f] <= 0) continue;
      weight[f] += seen[f];
      for (size_t l = 0; l < m_sum[f].size(); ++l) m_sum[f][l] += seen[f] * em.fields[f].m[l];
    }
  }
  uint64_t covered = 0;
  for (size_t f = 0; f < fields; ++f) {
    if (weight[f] <= 0) continue;
    covered |= uint64_t{1} << f;
    for (size_t l = 0; l < m_sum[f].size(); ++l) model->fields[f].m[l] = m_sum[f][l] / weight[f];
  }
  const double total = TotalCount(all_patterns);
  if (total == 0) return 0;
  FellegiSunterModel em = *model;
  em.lambda = 0.5;
  const int it = RunEm(all_patterns, max_iterations, covered, true, &em, nullptr);
  for (size_t f = 0; f < fields; ++f) model->fields[f].m = em.fields[f].m;
  model->lambda = std::clamp(em.lambda * total / std::max(total_pairs, total), 1e-12, 0.5);
  model->em_iterations = it;
  return it;
}

}  // namespace kashf::resolve
