// Laundering typologies over a set of transfers (docs/network.md, "Laundering typologies"):
//   fan-in / fan-out structuring (smurfing): many near-identical amounts from (to) distinct
//     counterparties at a steady rhythm within a window;
//   cycle: a time-ordered chain of transfers back to its first payer, each hop a little smaller;
//   scatter-gather: one source pays several intermediaries who each pass the money on to one sink;
//   pass-through (mule chains): money in and out again within hours, the account keeping little;
//   hawala settlement: many customers' payments collected, then settled as one lump to a counterpart.
// Each detector is one file (src/network/typology_*.cc) with its parameters (documented defaults,
// checked by Validate: a value out of range is an InvalidArgument naming the option and its range).
// Detectors stream their findings to a HitSink as they find them, one hit per (account, typology),
// so memory stays bounded by the transfers, not by the number of patterns.
// Thread safety: a TransferSet is immutable after Finish(); detectors only read it.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/core/result.h"
#include "kashf/graph/graph.h"

namespace kashf::network {

struct Transfer {
  uint32_t from = 0, to = 0;  // account numbers (TransferSet::accounts())
  int64_t time = 0;           // seconds since 1970-01-01 UTC (day * 86400 when only the day is known)
  double amount = 0;
  uint16_t currency = 0;  // index into TransferSet::currencies()
  graph::Channel channel = graph::Channel::kNone;
};

// Transfers between named accounts, indexed per account in time order both ways.
class TransferSet {
 public:
  uint32_t Account(std::string_view name);   // the account's number; new names are added
  uint16_t Currency(std::string_view code);  // the currency's number (codes upper-cased; "" = not recorded)
  void Add(const Transfer& t);               // before Finish()
  void Finish();                             // builds the per-account indexes

  const std::vector<Transfer>& transfers() const { return transfers_; }
  const std::vector<std::string>& accounts() const { return accounts_; }
  const std::vector<std::string>& currencies() const { return currencies_; }
  uint32_t num_accounts() const { return static_cast<uint32_t>(accounts_.size()); }
  // The number of the account of this name, or UINT32_MAX.
  uint32_t Find(std::string_view name) const;
  // Indexes into transfers() of the account's outgoing (incoming) transfers, in time order.
  std::span<const uint32_t> Out(uint32_t account) const;
  std::span<const uint32_t> In(uint32_t account) const;

 private:
  std::vector<Transfer> transfers_;
  std::vector<std::string> accounts_, currencies_{""};
  std::unordered_map<std::string, uint32_t> account_ids_;
  std::vector<uint64_t> out_off_, in_off_;
  std::vector<uint32_t> out_idx_, in_idx_;
};

// Reads a transfers CSV: a header naming at least the columns time, from, to, amount (and
// optionally currency, channel; other columns are ignored), one transfer per line. time is
// "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (UTC) or seconds since 1970. Errors name file and line.
Result<TransferSet> ReadTransfersCsv(const std::string& path);
// Account names from a CSV whose header's first column is "account" (e.g. a register of licensed
// money-service businesses, for TypologyOptions::exclude).
Result<std::vector<std::string>> ReadAccountList(const std::string& path);
// The payments of a network as transfers: account = node (named by `name`), time = the payment's
// day at 00:00, currency as recorded on the payment. Undated payments are left out (a typology needs the time).
TransferSet TransfersFromPayments(const graph::EdgeList& payments, const std::function<std::string(uint32_t)>& name);

enum class Typology : uint8_t { kFanIn, kFanOut, kCycle, kScatterGather, kPassThrough, kHawalaSettlement };
inline constexpr int kTypologyCount = 6;
// fan-in, fan-out, cycle, scatter-gather, pass-through, hawala-settlement
const char* TypologyName(Typology t);
// InvalidArgument listing the names for an unknown one.
Result<Typology> ParseTypology(std::string_view name);

// One account taking part in one pattern.
struct TypologyHit {
  uint32_t account = 0;
  Typology typology = Typology::kFanIn;
  double score = 0;                // 0..1: how closely the pattern fits (see each definition)
  std::vector<uint32_t> evidence;  // indexes into transfers(): the transfers that make the pattern, time order
  std::string reason;              // one line with the figures
};

// Receives hits as they are found; returns false to stop the search (a cap was reached).
using HitSink = std::function<bool(TypologyHit&&)>;

// Fan-in (fan-out) structuring: within window_days, at least min_transfers transfers into (out of)
// the account from (to) at least min_counterparties distinct accounts, whose amounts lie within
// amount_band of each other (max <= min * (1 + amount_band)), all below `threshold` when it is > 0,
// making up at least min_share of the account's transfers in that direction between the first and
// the last of them (the pattern dominates; a shop's many varied takings do not), arriving at a
// steady rhythm: the coefficient of variation of the gaps between them is at most max_gap_cv and
// the mean gap at least min_gap_hours (a batch sent at one moment, e.g. a payroll, is not a rhythm).
// Standing orders are set aside first: three or more transfers of one counterparty with like
// amounts, each recurring_days (+- 15%) after the previous (rents, salaries, bills), take no part.
struct FanParams {
  int32_t window_days = 30;         // 1 .. 366
  uint32_t min_transfers = 6;       // 3 .. 1000
  uint32_t min_counterparties = 4;  // 2 .. 1000
  double amount_band = 0.10;        // 0 .. 1
  double max_gap_cv = 0.5;          // 0 .. 2
  double min_gap_hours = 6;         // 0 .. 720
  double min_share = 0.5;           // 0 .. 1
  double recurring_days = 30;       // period of standing orders, 0 .. 366; 0 = keep them
  double threshold = 0;             // reporting threshold; 0 = not used
  uint32_t max_window = 2000;       // transfers per window examined (busy accounts: the first ones)
};

// Cycle: transfers e1..ek (min_hops <= k <= max_hops) from a0 -> a1 -> ... -> a0 visiting no
// account twice, each strictly later than the previous, all within window_days of e1, each
// amount between min_kept and max_kept of the previous one (the decay band: each hop passes on
// most of what it got).
struct CycleParams {
  uint32_t min_hops = 3;     // 2 .. 12
  uint32_t max_hops = 6;     // min_hops .. 12
  int32_t window_days = 30;  // 1 .. 366
  double min_kept = 0.80;    // 0 .. max_kept
  double max_kept = 1.00;    // min_kept .. 2
  uint64_t budget = 200000;  // hops examined per start account (bounds the work at busy accounts)
};

// Scatter-gather: a source pays at least min_intermediaries distinct accounts within window_days;
// each passes between min_kept and 1 of what it got on to one common sink (not the source), later
// than it received it and within the window.
struct ScatterGatherParams {
  uint32_t min_intermediaries = 3;  // 2 .. 1000
  int32_t window_days = 14;         // 1 .. 366
  double min_kept = 0.80;           // 0 .. 1
};

// Pass-through (mule): an account that, at least min_events times, receives money (one transfer,
// or several each within merge_hours of the previous) and within max_hold_hours of it sends on to
// others (not back to a payer) between 1 - max_retained and 1 of it, and whose passed-through
// money is at least min_share of all it received.
struct PassThroughParams {
  double max_hold_hours = 48;  // 0 .. 720
  double merge_hours = 1;      // 0 .. 48
  double max_retained = 0.10;  // 0 .. 1
  uint32_t min_events = 3;     // 1 .. 1000
  double min_share = 0.5;      // 0 .. 1
};

// Hawala settlement (collect and settle): an account that collects from at least min_customers
// distinct payers and then pays one counterpart a lump of between 1 - max_commission and 1 of all
// it received since its previous lump to that counterpart (at most period_days back), at least
// min_settlements times to the same counterpart. The collector and the counterpart are flagged.
struct HawalaParams {
  uint32_t min_customers = 5;    // 2 .. 1000
  int32_t period_days = 14;      // 1 .. 366
  double max_commission = 0.05;  // 0 .. 1
  uint32_t min_settlements = 2;  // 1 .. 1000
};

struct TypologyOptions {
  FanParams fan;
  CycleParams cycle;
  ScatterGatherParams scatter_gather;
  PassThroughParams pass_through;
  HawalaParams hawala;
  std::vector<Typology> only;  // typologies to run (empty = all)
  std::string currency;        // compare amounts in this currency only; "" = the data's only currency
  // Accounts never flagged (they still take part in others' patterns): known legitimate businesses
  // such as licensed money-service agents, whose trade looks like pass-through. Names not in the
  // transfers are ignored.
  std::vector<std::string> exclude;
};

// InvalidArgument naming the first parameter out of range, with its range.
Status Validate(const TypologyOptions& o);
// The currency to use: o.currency if the data has it, the data's only currency otherwise;
// InvalidArgument when the transfers mix currencies and none was chosen (amounts of different
// currencies cannot be compared within one pattern).
Result<uint16_t> ChooseCurrency(const TransferSet& ts, const std::string& currency);

// The detectors. Each calls `sink` once per account it flags (the first pattern found for it) and
// stops when the sink returns false. Only transfers in `currency` are used.
void DetectFan(const TransferSet& ts, uint16_t currency, bool fan_in, const FanParams& p, const HitSink& sink);
void DetectCycles(const TransferSet& ts, uint16_t currency, const CycleParams& p, const HitSink& sink);
void DetectScatterGather(const TransferSet& ts, uint16_t currency, const ScatterGatherParams& p, const HitSink& sink);
void DetectPassThrough(const TransferSet& ts, uint16_t currency, const PassThroughParams& p, const HitSink& sink);
void DetectHawalaSettlement(const TransferSet& ts, uint16_t currency, const HawalaParams& p, const HitSink& sink);

// Validates, chooses the currency and runs the chosen detectors in order.
Status DetectTypologies(const TransferSet& ts, const TypologyOptions& o, const HitSink& sink);

// {"account", "typology", "score", "reason", "evidence": [{"time", "from", "to", "amount", "currency",
// "channel"}]}: one JSON line of `kashf network typologies` and one item of the API's list.
nlohmann::json TypologyHitJson(const TransferSet& ts, const TypologyHit& h);

}  // namespace kashf::network
