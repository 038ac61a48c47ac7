// Money with its currency (money.h).
#include "kashf/network/money.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::network {
namespace {

std::string Upper(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool IsCurrencyCode(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string Grouped(double a) {
  auto whole = static_cast<int64_t>(std::llround(a));
  std::string digits = std::to_string(whole < 0 ? -whole : whole), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (whole < 0 ? "-" : "") + out;
}

}  // namespace

std::string FormatMoney(double amount, std::string_view currency) {
  std::string number = std::fabs(amount) >= 1e6 ? fmt::format("{:.2f}M", amount / 1e6) : Grouped(amount);
  return currency.empty() ? number : fmt::format("{} {}", currency, number);
}

std::string FormatTotals(const CurrencyTotals& totals) {
  if (totals.empty()) return "0";
  std::vector<std::string> parts;
  for (const auto& [currency, amount] : totals) parts.push_back(FormatMoney(amount, currency));
  return Join(parts, ", ");
}

Result<std::string> SingleCurrency(const graph::EdgeList& edges, std::string_view what) {
  std::set<uint16_t> seen;
  for (const graph::Edge& e : edges.edges)
    if (e.rel == graph::Relation::kPayment && e.currency != 0) seen.insert(e.currency);
  if (seen.empty()) return std::string();
  std::vector<std::string> names;
  for (uint16_t c : seen) names.push_back(c < edges.currencies.size() ? edges.currencies[c] : "?");
  if (names.size() == 1) return names[0];
  return Status::InvalidArgument(fmt::format(
      "the payments are in {} currencies ({}), and {} adds and compares amounts; convert them to one: "
      "--convert-to {} --rates rates.csv (columns from,to,rate,source,date), or keep one currency's payments",
      names.size(), Join(names, ", "), what, names[0]));
}

Result<ExchangeRates> ExchangeRates::LoadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("rates file '{}' cannot be opened", path));
  std::string line;
  if (!std::getline(in, line)) return Status::InvalidArgument(fmt::format("rates file '{}' is empty", path));
  std::vector<std::string> header = SplitCsvLine(Trim(line));
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[ToLowerAscii(std::string(Trim(header[i])))] = i;
  for (const char* need : {"from", "to", "rate", "source", "date"})
    if (!col.count(need))
      return Status::InvalidArgument(
          fmt::format("rates file '{}' has no '{}' column; the header must be from,to,rate,source,date", path, need));
  ExchangeRates out;
  for (int64_t n = 2; std::getline(in, line); ++n) {
    if (Trim(line).empty()) continue;
    std::vector<std::string> f = SplitCsvLine(line);
    auto at = [&](const char* name) { return col[name] < f.size() ? std::string(Trim(f[col[name]])) : std::string(); };
    ExchangeRate r{Upper(at("from")), Upper(at("to")), 0, at("source"), at("date")};
    const std::string rate = at("rate");
    char* end = nullptr;
    r.rate = std::strtod(rate.c_str(), &end);
    if (!IsCurrencyCode(r.from) || !IsCurrencyCode(r.to))
      return Status::InvalidArgument(
          fmt::format("rates file '{}' line {}: from and to must be ISO 4217 codes such as PKR, USD", path, n));
    if (rate.empty() || end != rate.c_str() + rate.size() || !(r.rate > 0) || !std::isfinite(r.rate))
      return Status::InvalidArgument(fmt::format(
          "rates file '{}' line {}: rate must be a positive number (1 {} = rate {})", path, n, r.from, r.to));
    if (r.source.empty() || r.date.empty())
      return Status::InvalidArgument(
          fmt::format("rates file '{}' line {}: give the rate's source and date, so reports can cite them", path, n));
    out.rates_.push_back(std::move(r));
  }
  return out;
}

Result<ExchangeRate> ExchangeRates::Find(const std::string& from, const std::string& to) const {
  if (from == to) return ExchangeRate{from, to, 1, "identity", ""};
  for (const ExchangeRate& r : rates_)
    if (r.from == from && r.to == to) return r;
  for (const ExchangeRate& r : rates_)
    if (r.from == to && r.to == from) return ExchangeRate{from, to, 1 / r.rate, r.source + " (inverse)", r.date};
  return Status::NotFound(fmt::format(
      "no rate from {} to {} in the rates file; add a line {},{},<rate>,<source>,<date>", from, to, from, to));
}

Result<graph::EdgeList> ConvertPayments(const graph::EdgeList& edges, const ExchangeRates& rates, const std::string& to,
                                        Conversion* used) {
  const std::string target = Upper(to);
  if (!IsCurrencyCode(target))
    return Status::InvalidArgument(fmt::format("--convert-to '{}' is not an ISO 4217 code such as PKR or USD", to));
  graph::EdgeList out = edges;
  uint16_t target_index = 0;
  for (size_t i = 1; i < out.currencies.size(); ++i)
    if (out.currencies[i] == target) target_index = static_cast<uint16_t>(i);
  if (target_index == 0) {
    out.currencies.push_back(target);
    target_index = static_cast<uint16_t>(out.currencies.size() - 1);
  }
  std::map<uint16_t, double> factor;
  for (graph::Edge& e : out.edges) {
    if (e.rel != graph::Relation::kPayment) continue;
    if (e.currency == 0)
      return Status::InvalidArgument(
          "a payment has no recorded currency and cannot be converted; map the currency column of its file");
    auto it = factor.find(e.currency);
    if (it == factor.end()) {
      KASHF_ASSIGN_OR_RETURN(ExchangeRate r, rates.Find(edges.currencies[e.currency], target));
      it = factor.emplace(e.currency, r.rate).first;
      if (used && r.from != r.to) used->used.push_back(std::move(r));
    }
    e.amount *= it->second;
    e.currency = target_index;
  }
  if (used) used->to = target;
  return out;
}

}  // namespace kashf::network
