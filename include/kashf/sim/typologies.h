// kashf simulate-typologies: a synthetic payment set (accounts and transfers with time, amount,
// currency and channel) with laundering typologies injected into ordinary payments, and their
// ground truth, so that the typology detectors (kashf/network/typology.h) can be evaluated
// reproducibly. All accounts and payments are invented. docs/simulator.md, "Laundering typologies".
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "kashf/core/result.h"

namespace kashf::sim {

struct TypologySimOptions {
  uint64_t seed = 42;
  std::string out_dir;  // created if missing; files of the same names are overwritten
  // Background: accounts and ordinary payments over one year (2024), among them merchants (many
  // payers, varied amounts), employers (monthly payroll, one moment), landlords (monthly rents of
  // similar amounts) and money-service agents (pass money on within hours for a commission).
  uint32_t accounts = 20000;    // 100 .. 10,000,000
  uint64_t transfers = 120000;  // ordinary payments, 0 .. 100,000,000
  // Injected patterns per typology (fan-in, fan-out, cycle, scatter-gather, pass-through chains,
  // hawala dealer pairs).
  std::array<uint32_t, 6> patterns{100, 100, 100, 60, 60, 40};
  double amount_noise = 0.03;  // relative jitter of a structured amount, 0 .. 0.5
  double timing_noise = 0.3;   // relative jitter of a pattern's rhythm and delays, 0 .. 1
};

struct TypologySimSummary {
  uint32_t accounts = 0;
  uint64_t transfers = 0;              // rows of data/transfers.csv
  uint64_t pattern_transfers = 0;      // of which injected
  std::array<uint32_t, 6> labelled{};  // accounts labelled per typology (truth/typologies.csv)
};

// Writes DIR/data/transfers.csv (txn_id,time,channel,from,to,amount,currency),
// DIR/data/licensed-agents.csv (account: the money-service agents, as a regulator's register would
// list them) and DIR/truth/typologies.csv (account,typology,role). Contract: the same options give
// byte-identical files. Errors: InvalidArgument for options out of range (naming the option),
// IoError when a file cannot be written.
Result<TypologySimSummary> SimulateTypologies(const TypologySimOptions& options);

}  // namespace kashf::sim
