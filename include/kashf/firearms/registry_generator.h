// Synthetic firearm registry, deterministic by seed: firearms with Protocol markings and
// lifecycle histories produced by walking the lifecycle state machine (manufacture, import,
// licence issue/transfer, lost, stolen, seized, surrendered in campaigns, deactivated, destroyed),
// trace requests for seized weapons and their answers. Makes, districts, agencies and campaigns
// come from data/reference/firearm-generator.yaml. All data is synthetic.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/firearms/firearm.h"
#include "kashf/firearms/firearm_reference.h"
#include "kashf/firearms/firearm_registry.h"
#include "kashf/firearms/lifecycle_event.h"
#include "kashf/firearms/lifecycle_rules.h"
#include "kashf/firearms/serial_search.h"
#include "kashf/firearms/trace_request.h"

namespace kashf::firearms {

struct GeneratorOptions {
  size_t count = 1000;
  uint64_t seed = 1;
  double obliterated_share = 0.05;  // seized weapons whose serial is recorded with '?' characters
  std::string config_path;          // empty = DataPath("data/reference/firearm-generator.yaml")
};

struct SyntheticFirearm {
  Firearm firearm;                     // id = position + 1
  std::vector<LifecycleEvent> events;  // firearm_id set, valid under the lifecycle rules
};

struct SyntheticRegistry {
  std::vector<SyntheticFirearm> firearms;
  std::vector<TraceRequest> trace_requests;  // firearm_id refers to SyntheticFirearm ids
  std::vector<TraceAnswer> trace_answers;    // request_id refers to trace_requests ids
};

class RegistryGenerator {
 public:
  static Result<RegistryGenerator> Create(const GeneratorOptions& options, const LifecycleRules& rules);
  Result<SyntheticRegistry> Generate();
  // Serial, make and calibre only (for the 10M search benchmark), with the same distributions.
  std::vector<SerialRecord> GenerateSerials();

 public:
  struct Config;  // parsed firearm-generator.yaml (internal)

 private:
  RegistryGenerator() = default;
  GeneratorOptions options_;
  const LifecycleRules* rules_ = nullptr;
  std::shared_ptr<const Config> config_;
};

// Loads the generator, writes every firearm, event, trace request and answer through the
// registry (so every event is checked by the lifecycle rules), in one transaction.
struct SimulationSummary {
  int64_t firearms = 0, events = 0, trace_requests = 0, trace_answers = 0;
};
Result<SimulationSummary> SimulateIntoRegistry(FirearmRegistry& registry, const GeneratorOptions& options);

}  // namespace kashf::firearms
