// TransferSet: transfers between named accounts, indexed per account in time order (a counting
// sort by account, then a stable sort by time within each account), and readers that build one.
#include <algorithm>
#include <charconv>
#include <numeric>

#include <fmt/format.h>

#include "csv_rows.h"
#include "kashf/core/text.h"
#include "kashf/network/typology.h"

namespace kashf::network {

uint32_t TransferSet::Account(std::string_view name) {
  auto [it, added] = account_ids_.try_emplace(std::string(name), static_cast<uint32_t>(accounts_.size()));
  if (added) accounts_.emplace_back(name);
  return it->second;
}

uint16_t TransferSet::Currency(std::string_view code) {
  std::string upper(code);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (size_t i = 0; i < currencies_.size(); ++i)
    if (currencies_[i] == upper) return static_cast<uint16_t>(i);
  currencies_.push_back(upper);
  return static_cast<uint16_t>(currencies_.size() - 1);
}

uint32_t TransferSet::Find(std::string_view name) const {
  auto it = account_ids_.find(std::string(name));
  return it == account_ids_.end() ? UINT32_MAX : it->second;
}

void TransferSet::Add(const Transfer& t) { transfers_.push_back(t); }

namespace {

// Offsets and indexes of the transfers by `key` (from or to), each account's in time order.
void BuildIndex(const std::vector<Transfer>& ts, uint32_t n, bool by_from, std::vector<uint64_t>& off,
                std::vector<uint32_t>& idx) {
  off.assign(n + 1, 0);
  for (const Transfer& t : ts) ++off[(by_from ? t.from : t.to) + 1];
  std::partial_sum(off.begin(), off.end(), off.begin());
  idx.assign(ts.size(), 0);
  std::vector<uint64_t> next(off.begin(), off.end() - 1);
  for (uint32_t i = 0; i < ts.size(); ++i) idx[next[by_from ? ts[i].from : ts[i].to]++] = i;
  for (uint32_t v = 0; v < n; ++v)
    std::stable_sort(idx.begin() + static_cast<std::ptrdiff_t>(off[v]),
                     idx.begin() + static_cast<std::ptrdiff_t>(off[v + 1]),
                     [&](uint32_t a, uint32_t b) { return ts[a].time < ts[b].time; });
}

}  // namespace

void TransferSet::Finish() {
  BuildIndex(transfers_, num_accounts(), true, out_off_, out_idx_);
  BuildIndex(transfers_, num_accounts(), false, in_off_, in_idx_);
}

std::span<const uint32_t> TransferSet::Out(uint32_t account) const {
  return {out_idx_.data() + out_off_[account], out_idx_.data() + out_off_[account + 1]};
}
std::span<const uint32_t> TransferSet::In(uint32_t account) const {
  return {in_idx_.data() + in_off_[account], in_idx_.data() + in_off_[account + 1]};
}

namespace {

bool ParseInt(std::string_view s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Seconds since 1970 of "YYYY-MM-DD", "YYYY-MM-DD[T ]HH:MM[:SS]" or a plain number of seconds.
Result<int64_t> ParseTime(const std::string& s) {
  int64_t secs = 0;
  if (ParseInt(s, secs)) return secs;
  if (s.size() < 10) return Status::InvalidArgument("'" + s + "' is not a time (YYYY-MM-DD[THH:MM[:SS]])");
  KASHF_ASSIGN_OR_RETURN(int32_t day, graph::DayFromIso(s.substr(0, 10)));
  int64_t h = 0, m = 0, sec = 0;
  if (s.size() > 10) {
    bool ok = (s[10] == 'T' || s[10] == ' ') && s.size() >= 16 && s[13] == ':' &&
              ParseInt(std::string_view(s).substr(11, 2), h) && ParseInt(std::string_view(s).substr(14, 2), m);
    if (ok && s.size() > 16) {
      std::string_view rest = std::string_view(s).substr(16);
      if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
      ok = rest.size() == 3 && rest[0] == ':' && ParseInt(rest.substr(1), sec);
    }
    if (!ok || h > 23 || m > 59 || sec > 60)
      return Status::InvalidArgument("'" + s + "' is not a time (YYYY-MM-DD[THH:MM[:SS]])");
  }
  return int64_t{day} * 86400 + h * 3600 + m * 60 + sec;
}

}  // namespace

Result<TransferSet> ReadTransfersCsv(const std::string& path) {
  int c_time = -1, c_from = -1, c_to = -1, c_amount = -1, c_currency = -1, c_channel = -1, needed = 0;
  auto header = [&](const std::vector<std::string>& names) -> Status {
    auto column = [&](std::string_view name) -> int {
      for (size_t i = 0; i < names.size(); ++i)
        if (ToLowerAscii(Trim(names[i])) == name) return static_cast<int>(i);
      return -1;
    };
    c_time = column("time");
    c_from = column("from");
    c_to = column("to");
    c_amount = column("amount");
    c_currency = column("currency");
    c_channel = column("channel");
    if (c_time < 0 || c_from < 0 || c_to < 0 || c_amount < 0)
      return Status::InvalidArgument(path + ":1: the header must name the columns time, from, to and amount");
    needed = std::max({c_time, c_from, c_to, c_amount, c_currency, c_channel}) + 1;
    return Status::Ok();
  };
  TransferSet ts;
  auto row = [&](const std::vector<std::string>& f, const std::string& where) -> Status {
    if (static_cast<int>(f.size()) < needed)
      return Status::InvalidArgument(where + fmt::format("expected at least {} fields, found {}", needed, f.size()));
    auto field = [&](int c) -> const std::string& { return f[static_cast<size_t>(c)]; };
    Transfer t;
    auto time = ParseTime(field(c_time));
    if (!time.ok()) return Status::InvalidArgument(where + time.status().message());
    t.time = *time;
    const std::string& amount = field(c_amount);
    auto [p, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), t.amount);
    if (ec != std::errc() || p != amount.data() + amount.size() || !(t.amount > 0))
      return Status::InvalidArgument(where + "amount '" + amount + "' is not a positive number");
    if (field(c_from).empty() || field(c_to).empty())
      return Status::InvalidArgument(where + "the from and to accounts must not be empty");
    t.from = ts.Account(field(c_from));
    t.to = ts.Account(field(c_to));
    if (c_currency >= 0) t.currency = ts.Currency(Trim(field(c_currency)));
    if (c_channel >= 0) t.channel = graph::ParseChannel(ToLowerAscii(field(c_channel)));
    ts.Add(t);
    return Status::Ok();
  };
  KASHF_RETURN_IF_ERROR(ReadCsvRows(path, "transfers", header, row));
  ts.Finish();
  return ts;
}

Result<std::vector<std::string>> ReadAccountList(const std::string& path) {
  std::vector<std::string> names;
  auto header = [&](const std::vector<std::string>& h) -> Status {
    if (ToLowerAscii(Trim(h[0])) != "account")
      return Status::InvalidArgument(path + ":1: expected a header whose first column is account");
    return Status::Ok();
  };
  auto row = [&](const std::vector<std::string>& f, const std::string&) -> Status {
    if (!Trim(f[0]).empty()) names.emplace_back(Trim(f[0]));
    return Status::Ok();
  };
  KASHF_RETURN_IF_ERROR(ReadCsvRows(path, "account list", header, row));
  return names;
}

TransferSet TransfersFromPayments(const graph::EdgeList& payments, const std::function<std::string(uint32_t)>& name) {
  TransferSet ts;
  std::vector<uint32_t> account(payments.num_nodes, UINT32_MAX);
  auto id = [&](uint32_t node) {
    if (account[node] == UINT32_MAX) account[node] = ts.Account(name(node));
    return account[node];
  };
  for (const graph::Edge& e : payments.edges) {
    if (e.rel != graph::Relation::kPayment || e.day == 0 || !(e.amount > 0)) continue;
    Transfer t;
    t.from = id(e.src);
    t.to = id(e.dst);
    t.time = int64_t{e.day} * 86400;
    t.amount = e.amount;
    if (e.currency != 0 && e.currency < payments.currencies.size())
      t.currency = ts.Currency(payments.currencies[e.currency]);
    t.channel = e.channel;
    ts.Add(t);
  }
  ts.Finish();
  return ts;
}

}  // namespace kashf::network
