#include "kashf/resolve/fellegi_sunter.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

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

FellegiSunterModel FellegiSunterModel::Initial() {
  FellegiSunterModel model;
  for (int f = 0; f < kFieldCount; ++f) {
    const int levels = LevelCount(f);
    auto& p = model.fields[f];
    p.m.assign(levels, 0);
    p.u.assign(levels, 1.0 / levels);
    for (int l = 0; l < levels; ++l) p.m[l] = std::pow(4.0, l);
    p.m[0] = p.m[levels - 1] * 0.05;
    Normalise(p.m);
  }
  return model;
}

double FellegiSunterModel::PriorWeight() const { return std::log2(lambda / (1.0 - lambda)); }

double FellegiSunterModel::LevelWeight(int field, uint32_t level) const {
  if (level == kNullLevel) return 0.0;
  const auto& p = fields[field];
  // Closer agreement never counts as weaker evidence: the weight is the running maximum over the
  // levels up to this one (guards against sparse levels estimated from few pairs).
  double w = std::log2(p.m[0] / p.u[0]);
  for (uint32_t l = 1; l <= level; ++l) w = std::max(w, std::log2(p.m[l] / p.u[l]));
  return w;
}

double FellegiSunterModel::PatternWeight(uint32_t pattern) const {
  double w = PriorWeight();
  for (int f = 0; f < kFieldCount; ++f) w += LevelWeight(f, LevelOf(pattern, f));
  return w;
}

double FellegiSunterModel::TermFrequencyAdjustment(double tf) const {
  if (!term_frequency || tf <= 0) return 0.0;
  const double u_exact = fields[kName].u.back();
  return std::clamp(std::log2(u_exact / tf), -8.0, 8.0);
}

void FellegiSunterModel::RescalePrior(uint64_t persons) {
  if (records > 1 && persons > 1 && persons != records)
    lambda = std::clamp(lambda * static_cast<double>(records - 1) / static_cast<double>(persons - 1), 1e-12, 0.5);
  if (persons > 1) records = persons;
}

double FellegiSunterModel::Probability(double weight) {
  const double odds = std::exp2(weight);
  return odds / (1.0 + odds);
}

std::string FellegiSunterModel::ToJson() const {
  nlohmann::json j;
  j["lambda"] = lambda;
  j["term_frequency"] = term_frequency;
  j["em_iterations"] = em_iterations;
  j["u_sample_pairs"] = u_sample_pairs;
  j["records"] = records;
  for (int f = 0; f < kFieldCount; ++f)
    j["fields"][std::string(FieldName(f))] = {{"m", fields[f].m}, {"u", fields[f].u}};
  return j.dump();
}

Result<FellegiSunterModel> FellegiSunterModel::FromJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption("stored resolution model is not valid JSON; run `kashf resolve --retrain`");
  FellegiSunterModel model;
  try {
    model.lambda = j.at("lambda").get<double>();
    model.term_frequency = j.value("term_frequency", true);
    model.em_iterations = j.value("em_iterations", 0);
    model.u_sample_pairs = j.value("u_sample_pairs", uint64_t{0});
    model.records = j.value("records", uint64_t{0});
    for (int f = 0; f < kFieldCount; ++f) {
      const auto& field = j.at("fields").at(std::string(FieldName(f)));
      model.fields[f].m = field.at("m").get<std::vector<double>>();
      model.fields[f].u = field.at("u").get<std::vector<double>>();
      if (model.fields[f].m.size() != static_cast<size_t>(LevelCount(f)) ||
          model.fields[f].u.size() != model.fields[f].m.size())
        return Status::Corruption("stored resolution model has the wrong number of levels for '" +
                                  std::string(FieldName(f)) + "'; run `kashf resolve --retrain`");
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(std::string("stored resolution model is incomplete (") + e.what() +
                              "); run `kashf resolve --retrain`");
  }
  if (!(model.lambda > 0 && model.lambda < 1))
    return Status::Corruption("stored resolution model has lambda outside (0,1)");
  return model;
}

void EstimateU(const EncodedRecords& records, uint64_t samples, uint64_t seed, FellegiSunterModel* model) {
  std::vector<uint32_t> persons;
  for (size_t i = 0; i < records.size(); ++i)
    if (records.IsPerson(i)) persons.push_back(static_cast<uint32_t>(i));
  using Counts = std::array<std::vector<double>, kFieldCount>;
  auto fresh = [] {
    Counts c;
    for (int f = 0; f < kFieldCount; ++f) c[f].assign(LevelCount(f), 0.0);
    return c;
  };
  auto add = [&](Counts& c, uint32_t a, uint32_t b) {
    const uint32_t pattern = Compare(records, a, b).pattern;
    for (int f = 0; f < kFieldCount; ++f)
      if (uint32_t l = LevelOf(pattern, f); l != kNullLevel) c[f][l] += 1;
  };
  Counts total = fresh();
  const uint64_t n = persons.size();
  if (n >= 2 && n * (n - 1) / 2 <= samples) {  // small data: every pair, exactly
    for (uint64_t i = 0; i < n; ++i)
      for (uint64_t j = i + 1; j < n; ++j) add(total, persons[i], persons[j]);
  } else if (n >= 2) {
    // Two fixed random streams (seed, seed+1), run side by side: the result does not depend on
    // the number of threads.
    Counts part[2] = {fresh(), fresh()};
    auto stream = [&](int k) {
      std::mt19937_64 rng(seed + static_cast<uint64_t>(k));
      std::uniform_int_distribution<size_t> pick(0, n - 1);
      for (uint64_t s = 0; s < samples / 2; ++s) {
        const uint32_t a = persons[pick(rng)], b = persons[pick(rng)];
        if (a != b) add(part[k], a, b);
      }
    };
    std::thread helper(stream, 1);
    stream(0);
    helper.join();
    for (int f = 0; f < kFieldCount; ++f)
      for (size_t l = 0; l < total[f].size(); ++l) total[f][l] = part[0][f][l] + part[1][f][l];
  }
  for (int f = 0; f < kFieldCount; ++f) {
    for (double& c : total[f]) c += 0.5;  // add-half smoothing: no level is impossible
    model->fields[f].u = total[f];
    Normalise(model->fields[f].u);
  }
  model->u_sample_pairs = samples;
}

int TrainEm(const std::unordered_map<uint32_t, uint64_t>& pattern_counts, int max_iterations, double total_pairs,
            FellegiSunterModel* model) {
  std::vector<std::pair<uint32_t, double>> patterns(pattern_counts.begin(), pattern_counts.end());
  std::sort(patterns.begin(), patterns.end());  // fixed summation order: deterministic
  double total = 0;
  for (const auto& [p, c] : patterns) total += c;
  if (total == 0) return 0;
  // EM works on its own copy: lambda and u here describe the candidate pairs (which share a
  // blocking key, so their non-matches agree more often than random pairs do).
  FellegiSunterModel em = *model;
  em.lambda = 0.5;
  int it = 0;
  for (; it < max_iterations; ++it) {
    std::array<std::vector<double>, kFieldCount> m_acc, u_acc;
    for (int f = 0; f < kFieldCount; ++f) {
      m_acc[f].assign(LevelCount(f), 1.0);  // Laplace: one pseudo-pair per level
      u_acc[f].assign(LevelCount(f), 1.0);
    }
    double match_mass = 0;
    for (const auto& [pattern, count] : patterns) {
      const double posterior = FellegiSunterModel::Probability(em.PatternWeight(pattern));
      match_mass += posterior * count;
      for (int f = 0; f < kFieldCount; ++f)
        if (uint32_t l = LevelOf(pattern, f); l != kNullLevel) {
          m_acc[f][l] += posterior * count;
          u_acc[f][l] += (1 - posterior) * count;
        }
    }
    double change = 0;
    const double new_lambda = std::clamp(match_mass / total, 1e-9, 1 - 1e-9);
    change = std::max(change, std::abs(new_lambda - em.lambda));
    em.lambda = new_lambda;
    for (int f = 0; f < kFieldCount; ++f) {
      Normalise(m_acc[f]);
      Normalise(u_acc[f]);
      for (size_t l = 0; l < m_acc[f].size(); ++l) change = std::max(change, std::abs(m_acc[f][l] - em.fields[f].m[l]));
      em.fields[f].m = m_acc[f];
      em.fields[f].u = u_acc[f];
    }
    if (change < 1e-6) {
      ++it;
      break;
    }
  }
  // Keep m; keep u from random pairs; the prior becomes the share of all record pairs that match,
  // estimated as the expected matches among the candidates over all possible pairs (Splink's
  // "probability two random records match").
  for (int f = 0; f < kFieldCount; ++f) model->fields[f].m = em.fields[f].m;
  const double expected_matches = em.lambda * total;
  model->lambda = std::clamp(expected_matches / std::max(total_pairs, total), 1e-12, 0.5);
  model->em_iterations = it;
  return it;
}

}  // namespace kashf::resolve
