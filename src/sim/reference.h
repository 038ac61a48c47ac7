// Reference tables of the simulator, loaded from data/reference/ (names-pk.tsv, pk-districts.tsv,
// routes.tsv, sim-vocabulary.tsv). Data, not code: other countries need only other files.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::sim {

struct NameToken {
  std::string token;  // canonical, lower case
  std::string kind;   // male | female | clan | prefix | suffix
  int weight = 1;
  std::vector<std::string> latin;  // most common spelling first
  std::string urdu;
};

struct District {
  std::string name;
  std::string province;
  char cnic_digit = '0';
  int weight = 1;
};

struct Route {
  std::string id, origin, destination, mode, exploitation;
  std::vector<std::string> transit;
  int weight = 1;
};

// A weighted choice over indices 0..n-1.
class WeightedPick {
 public:
  void Add(int weight);
  // `u` uniform in [0, total()).
  size_t Pick(uint64_t u) const;
  uint64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }

 private:
  std::vector<uint64_t> cumulative_;
};

struct ReferenceData {
  std::vector<NameToken> tokens;
  std::vector<size_t> male, female, clan, prefix, suffix;  // indices into tokens
  WeightedPick male_pick, female_pick, clan_pick;
  std::vector<District> districts;
  WeightedPick district_pick;
  std::vector<Route> routes;
  WeightedPick route_pick;
  // sim-vocabulary.tsv: list name -> rows of fields.
  std::map<std::string, std::vector<std::vector<std::string>>> vocabulary;

  // The rows of list `name` (never empty after a successful Load).
  const std::vector<std::vector<std::string>>& List(const std::string& name) const;

  // Loads the four files from `home`/data/reference. NotFound / Corruption with file and line.
  static Result<ReferenceData> Load(const std::string& home);
};

}  // namespace kashf::sim
