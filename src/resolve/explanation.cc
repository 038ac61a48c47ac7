#include "kashf/resolve/explanation.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace kashf::resolve {

std::string ExplanationText(const Explanation& e) {
  std::string out = fmt::format("{}\n  vs {}\n", e.left_id, e.right_id);
  out += fmt::format("  {:<15} {:<31} {:>8} {:>8}   {}\n", "field", "level", "weight", "total", "values compared");
  for (const auto& s : e.steps) {
    std::string values;
    if (!s.left.empty() || !s.right.empty())
      values = fmt::format("{}  |  {}", s.left.empty() ? "-" : s.left, s.right.empty() ? "-" : s.right);
    out += fmt::format("  {:<15} {:<31} {:>+8.2f} {:>8.2f}   {}\n", s.field, s.level, s.weight, s.cumulative, values);
  }
  out += fmt::format("  match weight {:.2f} bits -> probability {:.4f} (threshold {:.2f}): model says {}\n",
                     e.total_weight, e.probability, e.threshold, e.model_match ? "MATCH" : "NO MATCH");
  if (e.judged) out += fmt::format("  analyst judgement: {} (overrides the model)\n", *e.judged ? "MATCH" : "NO MATCH");
  out += fmt::format("  decision: {}; currently {} entity\n", e.Match() ? "same person" : "different persons",
                     e.same_cluster ? "in the same" : "not in the same");
  return out;
}

std::string ExplanationJson(const Explanation& e) {
  nlohmann::json j;
  j["left"] = e.left_id;
  j["right"] = e.right_id;
  j["steps"] = nlohmann::json::array();
  for (const auto& s : e.steps)
    j["steps"].push_back({{"field", s.field},
                          {"level", s.level},
                          {"left", s.left},
                          {"right", s.right},
                          {"m", s.m},
                          {"u", s.u},
                          {"weight", s.weight},
                          {"cumulative", s.cumulative}});
  j["match_weight"] = e.total_weight;
  j["match_probability"] = e.probability;
  j["threshold"] = e.threshold;
  j["model_match"] = e.model_match;
  j["judgement"] = e.judged ? nlohmann::json(*e.judged ? "match" : "no-match") : nlohmann::json(nullptr);
  j["match"] = e.Match();
  j["same_cluster"] = e.same_cluster;
  return j.dump(2);
}

}  // namespace kashf::resolve
