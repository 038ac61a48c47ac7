// Shared by the `kashf network ...` subcommands (commands/network*.cc): the options that choose
// which network to build (view, dates, relations, agencies), building it from --db, and a
// sub-registry so each subcommand lives in its own file.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "kashf/core/result.h"
#include "kashf/network/analysis.h"
#include "kashf/network/money.h"

namespace kashf::cli {

struct NetworkArgs {
  std::string view = "persons";
  std::string from, to;                // YYYY[-MM[-DD]]
  std::vector<std::string> relations;  // call, payment, involvement, ...
  std::vector<std::string> agencies;   // dataset names
  unsigned threads = 0;
  uint32_t samples = 1024;  // betweenness pivots above the exact limit
  uint32_t exact_limit = 5000;
  int32_t report_window = 2;      // roles: days after an event in which calls count as reports
  std::string convert_to, rates;  // convert every payment to one currency (ISO 4217) with a rates CSV
};

// Adds --view, --from, --to, --relation, --agency, --threads, --samples, --exact-limit,
// --report-window and --convert-to/--rates to `cmd`. With dates = false the date options are left
// out (trail and layering use --from/--to for the first payment); with convert = false the
// conversion options (trail and layering convert their own payments, network_money.cc).
void AddNetworkOptions(CLI::App* cmd, NetworkArgs& a, bool dates = true, bool convert = true);

// "amounts converted to PKR; 1 USD = 280 PKR (State Bank of Pakistan, 2024-03-01)" when `c` converted
// anything (to is set), else nothing; and the same as JSON {to, rates: [{from, to, rate, source, date}]}.
void PrintConversion(const network::Conversion& c);
nlohmann::json ConversionJson(const network::Conversion& c);

// Builds the network from --db with the chosen filters; with --convert-to, its payments converted
// (EntityNetwork::conversion()).
Result<std::unique_ptr<network::NetworkAnalysis>> LoadNetwork(const GlobalOptions& g, const NetworkArgs& a);

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a day number; `end` picks the last day of a
// year or month given without its day.
Result<int32_t> ParseDayArg(const std::string& text, bool end);

struct NetworkSubcommandRegistration {
  NetworkSubcommandRegistration(int order, SetupFn setup);
};
std::vector<RegisteredCommand>& NetworkSubcommands();

}  // namespace kashf::cli
