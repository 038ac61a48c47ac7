// Deterministic synthetic survivors' cases (HTCDS-shaped) for tests, benchmarks and the demo.
// Distributions are plausible, not real: sex, CTDC age bands, exploitation types and the routes
// seen in public reporting (Pakistan -> Iran -> Turkey -> Greece; Pakistan -> Gulf; Pakistan ->
// Libya -> Italy; within Pakistan), with NRM stage histories that follow data/reference/nrm.yaml.
// Contract: the same (count, seed) gives the same cases and identities on every platform.
#pragma once
#include <cstdint>
#include <vector>

#include "kashf/victims/case_registry.h"
#include "kashf/victims/nrm_process.h"

namespace kashf::victims {

struct GeneratorOptions {
  int64_t count = 1000;
  uint64_t seed = 1;
  int first_year = 2019;
  int last_year = 2025;
  std::vector<std::string> agencies = {"fia-ahtc-lahore", "shelter-dar-ul-aman", "legal-aid-ngo"};
};

// Cases with identities; record.agency is one of options.agencies.
std::vector<NewCase> GenerateCases(const GeneratorOptions& options, const NrmProcess& process);

}  // namespace kashf::victims
