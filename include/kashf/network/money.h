// Money with its currency: every amount is printed with the currency it was recorded in; amounts
// are summed or compared only within one currency; conversion to one currency happens only when
// asked, with a rates file whose source and date are reported with the result.
// Thread safety: ExchangeRates is immutable after loading.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/graph/graph.h"

namespace kashf::network {

// "USD 1,250", "PKR 1.25M"; an amount whose currency was not recorded prints without a code
// ("1,250"), never as a currency it may not be.
std::string FormatMoney(double amount, std::string_view currency);

// Amounts kept apart by currency: ISO 4217 code -> total ("" = not recorded). Totals are added only
// within one currency, never across.
using CurrencyTotals = std::map<std::string, double>;

// "PKR 1.25M, USD 3,000" (by code); "0" when there is none.
std::string FormatTotals(const CurrencyTotals& totals);

// The one currency the payments of `edges` (rel == kPayment) are in: "" when none is recorded.
// Payments without a recorded currency do not count. InvalidArgument when two or more currencies
// are present (naming them and how to convert), since `what` ("layering", "a money trail") sums
// or compares the amounts.
Result<std::string> SingleCurrency(const graph::EdgeList& edges, std::string_view what);

struct ExchangeRate {
  std::string from, to;  // ISO 4217 codes, upper case
  double rate = 0;       // 1 `from` = rate `to`
  std::string source;    // who published it ("State Bank of Pakistan")
  std::string date;      // the day it applies to (YYYY-MM-DD)
};

class ExchangeRates {
 public:
  // A CSV with the header from,to,rate,source,date (one line per pair; the inverse of a pair is
  // used when only it is given). Errors name the file and line: a missing column, a rate that is
  // not a positive number, a code that is not three letters.
  static Result<ExchangeRates> LoadCsv(const std::string& path);
  static ExchangeRates FromList(std::vector<ExchangeRate> rates) {
    ExchangeRates r;
    r.rates_ = std::move(rates);
    return r;
  }
  // The rate taking 1 `from` to `to` (an identity rate for from == to); NotFound names the pair.
  Result<ExchangeRate> Find(const std::string& from, const std::string& to) const;
  const std::vector<ExchangeRate>& rates() const { return rates_; }

 private:
  std::vector<ExchangeRate> rates_;
};

struct Conversion {
  std::string to;                  // the target currency
  std::vector<ExchangeRate> used;  // the rates applied (one per source currency), for the report
};

// The payments of `edges` converted to `to` (amount * rate, currency = `to`); other edges unchanged.
// InvalidArgument for a payment without a recorded currency (it cannot be converted) or a
// currency the rates do not cover (naming it and the file to add it to).
Result<graph::EdgeList> ConvertPayments(const graph::EdgeList& edges, const ExchangeRates& rates, const std::string& to,
                                        Conversion* used);

}  // namespace kashf::network
