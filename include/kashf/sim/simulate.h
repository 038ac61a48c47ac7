// kashf simulate: a synthetic, deterministic multi-agency data set with ground truth.
// All people, numbers and events are invented. See docs/simulator.md for the population model,
// the noise model and its default levels.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::sim {

struct SimulationOptions {
  uint64_t seed = 42;
  // Approximate total number of data rows over all data files (1k .. 10M).
  int64_t records = 20000;
  // Output folder; created if missing. Existing files of the same names are overwritten.
  std::string out_dir;
  // Share of rows made deliberately invalid (impossible date, broken UTF-8, empty required field,
  // non-numeric amount) so that ingest has rows to reject.
  double bad_row_rate = 0.001;
  // Noise levels (shares of person records); defaults are realistic but resolvable.
  double name_variant_rate = 0.35;    // a name token written with a non-standard Latin spelling
  double cnic_missing_rate = 0.20;    // CNIC left empty
  double cnic_typo_rate = 0.04;       // CNIC with a wrong/transposed/dropped digit
  double cnic_no_dash_rate = 0.30;    // CNIC written without dashes
  double phone_missing_rate = 0.30;   // phone left empty
  double phone_typo_rate = 0.03;      // phone with one wrong digit
  double father_missing_rate = 0.15;  // father's name left empty
  // Shielded leaders (docs/simulator.md): each organiser deals with the network only through one
  // trusted lieutenant (the broker in the same slot): only the lieutenant calls and pays it, the
  // other brokers pass the proceeds to a lieutenant, and organisers are never named in a case
  // record or seizure. Degree and PageRank then rank organisers low; roles must find them by who
  // defers to them and where the money ends.
  bool shielded_leaders = false;
  // Text leads (docs/simulator.md, "Text leads"): DIR/text/ with ads, chat exports and FIR
  // narratives mentioning the networks' phones, wallets and CNICs, and their ground truth.
  bool text = true;
  int64_t ads = 0;  // ads to write; 0: records / 10, at least 300 (up to 100,000,000)
  // Directory holding data/reference/ and mappings/sim/ (default: KashfHome()).
  std::string home;
};

struct DatasetSummary {
  std::string dataset;    // e.g. "punjab-police-fir"
  std::string data_file;  // relative to out_dir, e.g. "data/punjab-police-fir.csv"
  std::string mapping_file;
  int64_t rows = 0;
  int64_t bad_rows = 0;
};

struct SimulationSummary {
  std::vector<DatasetSummary> datasets;
  int64_t rows = 0;           // data rows over all files
  int64_t bad_rows = 0;       // deliberately invalid rows over all files
  int64_t persons = 0;        // true people in the population
  int64_t networks = 0;       // trafficking networks
  int64_t truth_records = 0;  // lines of truth/records.csv
  // Text leads (zero when SimulationOptions::text is off).
  int64_t ads = 0, advertisers = 0, chats = 0, chat_messages = 0, narratives = 0, text_labels = 0;
};

// Writes DIR/data/*, DIR/mappings/*.yaml, DIR/truth/{records,roles,networks}.csv, DIR/README.txt and
// (with `text`) DIR/text/ (src/sim/text_leads.h).
// Contract: the same options give byte-identical files; memory does not grow with `records`
// beyond a few bits per true person. Errors: InvalidArgument for bad options, NotFound when
// reference data is missing, IoError when a file cannot be written.
Result<SimulationSummary> Simulate(const SimulationOptions& options);

}  // namespace kashf::sim
