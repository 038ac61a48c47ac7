// kashf simulate-typologies: ordinary payments among invented accounts (people paying
// acquaintances and merchants, payrolls, rents, money-service agents) with laundering patterns
// injected into them, and the truth of which account takes part in which pattern. Each draw is a
// pure function of (seed, stream, index) (kashf/core/random.h), so the same options give the same
// bytes. Parameters and the model: docs/simulator.md, "Laundering typologies".
#include "kashf/sim/typologies.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "noise.h"
#include "text_out.h"

namespace kashf::sim {
namespace {

// Random streams of this generator (numbers apart from kashf/sim/random.h's).
enum TypologyStream : uint64_t {
  kKindStream = 1001,
  kBackgroundStream,
  kPeriodicStream,
  kPatternStream,
  kAccountStream,
};

constexpr int64_t kHour = 3600, kDay = 86400;
const int64_t kYearStart = DaysFromCivil(2024, 1, 1) * kDay;
constexpr int64_t kYear = 366 * kDay;
constexpr double kTwoPi = 6.283185307179586;

enum class Kind { kPerson, kMerchant, kEmployer, kLandlord, kAgent };

Kind KindOf(uint64_t seed, uint32_t a) {
  const double u = Rng(seed, kKindStream, a).Unit();
  if (u < 0.010) return Kind::kMerchant;
  if (u < 0.013) return Kind::kEmployer;
  if (u < 0.018) return Kind::kLandlord;
  if (u < 0.0185) return Kind::kAgent;
  return Kind::kPerson;
}

double LogUniform(Rng& r, double lo, double hi) { return lo * std::exp(r.Unit() * std::log(hi / lo)); }
double Normal(Rng& r) { return std::sqrt(-2 * std::log(1 - r.Unit())) * std::cos(kTwoPi * r.Unit()); }
double Jitter(Rng& r, double noise) { return 1 + noise * (2 * r.Unit() - 1); }
double Round(double x, double unit) { return std::max(unit, std::round(x / unit) * unit); }

const char* ChannelOf(Rng& r) {
  const double u = r.Unit();
  return u < 0.6 ? "wallet" : u < 0.95 ? "bank" : "hawala";
}

class Writer {
 public:
  explicit Writer(const TypologySimOptions& o) : o_(o) {}
  Status Open() {
    KASHF_RETURN_IF_ERROR(data_.Open(o_.out_dir + "/data/transfers.csv"));
    KASHF_RETURN_IF_ERROR(truth_.Open(o_.out_dir + "/truth/typologies.csv"));
    data_.Write("txn_id,time,channel,from,to,amount,currency\n");
    truth_.Write("account,typology,role\n");
    return Status::Ok();
  }
  void Pay(uint32_t from, uint32_t to, int64_t time, double amount, const char* channel) {
    const int64_t day = time / kDay, s = time % kDay;
    data_.CsvLine(fmt::format("TT{:09d}", ++rows_),
                  fmt::format("{}T{:02d}:{:02d}:{:02d}", FormatDate(day, 'I'), s / kHour, s / 60 % 60, s % 60),
                  std::string_view(channel), Name(from), Name(to), fmt::format("{:.0f}", amount),
                  std::string_view("PKR"));
  }
  void Label(uint32_t account, int typology, const char* role, bool counted) {
    static const char* kNames[] = {"fan-in", "fan-out", "cycle", "scatter-gather", "pass-through", "hawala-settlement"};
    truth_.CsvLine(Name(account), std::string_view(kNames[typology]), std::string_view(role));
    if (counted) ++summary.labelled[static_cast<size_t>(typology)];
  }
  Status Close() {
    KASHF_RETURN_IF_ERROR(data_.Close());
    summary.transfers = rows_;
    return truth_.Close();
  }
  static std::string Name(uint32_t a) { return fmt::format("AC{:08d}", a); }
  uint64_t rows() const { return rows_; }
  TypologySimSummary summary;

 private:
  const TypologySimOptions& o_;
  BufferedFile data_, truth_;
  uint64_t rows_ = 0;
};

class Generator {
 public:
  Generator(const TypologySimOptions& o, Writer& w) : o_(o), w_(w), used_(o.accounts, 0) {
    for (uint32_t a = 0; a < o.accounts; ++a) {
      switch (KindOf(o.seed, a)) {
        case Kind::kMerchant: merchants_.push_back(a); break;
        case Kind::kEmployer: employers_.push_back(a); break;
        case Kind::kLandlord: landlords_.push_back(a); break;
        case Kind::kAgent: agents_.push_back(a); break;
        case Kind::kPerson: break;
      }
    }
  }

  void Background() {
    const uint32_t n = o_.accounts;
    for (uint64_t row = 0; row < o_.transfers; ++row) {
      Rng r(o_.seed, kBackgroundStream, row);
      const uint32_t from = static_cast<uint32_t>(r.Below(n));
      const int64_t time = kYearStart + static_cast<int64_t>(r.Below(kYear));
      if (!merchants_.empty() && r.Chance(0.3)) {  // a purchase: each merchant has its typical price
        const uint32_t m = merchants_[r.Below(merchants_.size())];
        Rng price(o_.seed, kKindStream, m + uint64_t{n});
        const double typical = LogUniform(price, 300, 30000);
        w_.Pay(from, m, time, Round(typical * std::exp(0.6 * Normal(r)), 10), ChannelOf(r));
      } else {  // an acquaintance: one of six fixed contacts
        const uint32_t to = static_cast<uint32_t>(SplitMix64(o_.seed ^ (uint64_t{from} * 8 + r.Below(6))) % n);
        if (to != from) w_.Pay(from, to, time, Round(LogUniform(r, 200, 300000), 10), ChannelOf(r));
      }
    }
    uint64_t k = 0;
    for (uint32_t e : employers_) {  // monthly payroll at one moment
      Rng r(o_.seed, kPeriodicStream, k++);
      const int staff = static_cast<int>(r.Between(5, 40));
      for (int i = 0; i < staff; ++i) {
        const uint32_t emp = Person(r);
        const double salary = Round(LogUniform(r, 25000, 150000), 1000);
        for (int m = 0; m < 12; ++m)
          w_.Pay(e, emp, kYearStart + (m * 30 + 27) * kDay + 10 * kHour + i * 60, salary, "bank");
      }
    }
    for (uint32_t l : landlords_) {  // monthly rents of similar amounts, early in the month
      Rng r(o_.seed, kPeriodicStream, k++);
      const int tenants = static_cast<int>(r.Between(3, 8));
      const double base = LogUniform(r, 15000, 120000);
      for (int i = 0; i < tenants; ++i) {
        const uint32_t t = Person(r);
        const double rent = Round(base * Jitter(r, 0.05), 500);
        for (int m = 0; m < 12; ++m)
          w_.Pay(t, l, kYearStart + m * 30 * kDay + static_cast<int64_t>(r.Below(6 * kDay)), rent, ChannelOf(r));
      }
    }
    for (uint32_t a : agents_) {  // money-service agents: customers' money passed on within hours
      Rng r(o_.seed, kPeriodicStream, k++);
      const int jobs = static_cast<int>(r.Between(50, 200));
      for (int i = 0; i < jobs; ++i) {
        const int64_t t = kYearStart + static_cast<int64_t>(r.Below(kYear - 2 * kDay));
        const double amount = Round(LogUniform(r, 10000, 500000), 100);
        w_.Pay(Person(r), a, t, amount, "hawala");
        w_.Pay(a, Person(r), t + static_cast<int64_t>(r.Between(kHour, 20 * kHour)),
               Round(amount * (1 - 0.005 - 0.015 * r.Unit()), 10), "hawala");
      }
    }
  }

  void Patterns() {
    for (int typ = 0; typ < 6; ++typ)
      for (uint32_t i = 0; i < o_.patterns[static_cast<size_t>(typ)]; ++i) {
        Rng r(o_.seed, kPatternStream, uint64_t{static_cast<unsigned>(typ)} << 32 | i);
        const int64_t start = kYearStart + static_cast<int64_t>(r.Below(kYear - 60 * kDay));
        switch (typ) {
          case 0: Fan(r, start, true); break;
          case 1: Fan(r, start, false); break;
          case 2: Cycle(r, start); break;
          case 3: ScatterGather(r, start); break;
          case 4: MuleChain(r, start); break;
          default: Hawala(r, start); break;
        }
      }
  }

 private:
  // An ordinary person not yet in a pattern (used at most once per pattern account).
  uint32_t Fresh(Rng& r) {
    for (;;) {
      const uint32_t a = static_cast<uint32_t>(r.Below(o_.accounts));
      if (!used_[a] && KindOf(o_.seed, a) == Kind::kPerson) {
        used_[a] = 1;
        return a;
      }
    }
  }
  uint32_t Person(Rng& r) {
    for (;;) {
      const uint32_t a = static_cast<uint32_t>(r.Below(o_.accounts));
      if (KindOf(o_.seed, a) == Kind::kPerson) return a;
    }
  }
  void Emit(uint32_t from, uint32_t to, int64_t time, double amount, const char* channel) {
    w_.Pay(from, to, time, amount, channel);
    ++w_.summary.pattern_transfers;
  }

  // Structuring: 8..20 transfers of one amount (+- amount_noise) every 1..4 days (+- timing
  // noise) from (to) 5..12 smurfs, below PKR 500,000.
  void Fan(Rng& r, int64_t start, bool in) {
    const uint32_t centre = Fresh(r);
    std::vector<uint32_t> smurfs(static_cast<size_t>(r.Between(5, 12)));
    for (uint32_t& s : smurfs) s = Fresh(r);
    const int count = static_cast<int>(r.Between(8, 20));
    const double base = LogUniform(r, 20000, 450000), period = static_cast<double>(r.Between(kDay, 4 * kDay));
    const char* channel = ChannelOf(r);
    double t = static_cast<double>(start);
    for (int k = 0; k < count; ++k) {
      const uint32_t s = smurfs[static_cast<size_t>(k) % smurfs.size()];
      const double amount = Round(base * Jitter(r, o_.amount_noise), 10);
      if (in) Emit(s, centre, static_cast<int64_t>(t), amount, channel);
      else Emit(centre, s, static_cast<int64_t>(t), amount, channel);
      t += period * Jitter(r, o_.timing_noise);
    }
    w_.Label(centre, in ? 0 : 1, in ? "sink" : "source", true);
    for (uint32_t s : smurfs) w_.Label(s, in ? 0 : 1, "smurf", false);
  }

  // Round trip: 3..6 accounts, each hop 2..72 hours after the previous, keeping 85..99%.
  void Cycle(Rng& r, int64_t start) {
    std::vector<uint32_t> ring(static_cast<size_t>(r.Between(3, 6)));
    for (uint32_t& a : ring) a = Fresh(r);
    double amount = Round(LogUniform(r, 100000, 5000000), 100);
    int64_t t = start;
    for (size_t k = 0; k < ring.size(); ++k) {
      Emit(ring[k], ring[(k + 1) % ring.size()], t, amount, ChannelOf(r));
      t += static_cast<int64_t>(static_cast<double>(r.Between(2 * kHour, 72 * kHour)) * Jitter(r, o_.timing_noise));
      amount = Round(amount * (0.85 + 0.14 * r.Unit()), 10);
    }
    for (uint32_t a : ring) w_.Label(a, 2, "member", true);
  }

  // Scatter-gather: a source splits an amount unevenly over 3..6 intermediaries within two days;
  // each passes on 90..99% to one sink 2..96 hours later.
  void ScatterGather(Rng& r, int64_t start) {
    const uint32_t source = Fresh(r), sink = Fresh(r);
    std::vector<uint32_t> mids(static_cast<size_t>(r.Between(3, 6)));
    for (uint32_t& m : mids) m = Fresh(r);
    const double total = LogUniform(r, 300000, 10000000);
    for (uint32_t m : mids) {
      const double part = Round(total / static_cast<double>(mids.size()) * (0.5 + r.Unit()), 100);
      const int64_t t1 = start + static_cast<int64_t>(r.Below(2 * kDay));
      const int64_t t2 =
          t1 + static_cast<int64_t>(static_cast<double>(r.Between(2 * kHour, 96 * kHour)) * Jitter(r, o_.timing_noise));
      Emit(source, m, t1, part, ChannelOf(r));
      Emit(m, sink, std::max(t2, t1 + 1), Round(part * (0.90 + 0.09 * r.Unit()), 10), ChannelOf(r));
    }
    w_.Label(source, 3, "source", true);
    for (uint32_t m : mids) w_.Label(m, 3, "intermediary", true);
    w_.Label(sink, 3, "sink", true);
  }

  // Mule chain: an originator's money runs through 2..4 mules to a beneficiary, 3..6 times over
  // the following weeks; each mule sends on 95..99% within 1..12 hours, sometimes in two parts.
  void MuleChain(Rng& r, int64_t start) {
    const uint32_t origin = Fresh(r), beneficiary = Fresh(r);
    std::vector<uint32_t> mules(static_cast<size_t>(r.Between(2, 4)));
    for (uint32_t& m : mules) m = Fresh(r);
    const int runs = static_cast<int>(r.Between(3, 6));
    int64_t t = start;
    for (int run = 0; run < runs; ++run) {
      double amount = Round(LogUniform(r, 50000, 1000000), 100);
      Emit(origin, mules[0], t, amount, ChannelOf(r));
      int64_t hop = t;
      for (size_t k = 0; k < mules.size(); ++k) {
        const uint32_t next = k + 1 < mules.size() ? mules[k + 1] : beneficiary;
        hop += static_cast<int64_t>(static_cast<double>(r.Between(kHour, 12 * kHour)) * Jitter(r, o_.timing_noise));
        amount = Round(amount * (0.95 + 0.04 * r.Unit()), 10);
        if (r.Chance(0.3)) {  // two parts, minutes apart
          const double first = Round(amount * (0.3 + 0.4 * r.Unit()), 10);
          Emit(mules[k], next, hop, first, ChannelOf(r));
          Emit(mules[k], next, hop + 600, amount - first, ChannelOf(r));
          hop += 600;
        } else {
          Emit(mules[k], next, hop, amount, ChannelOf(r));
        }
      }
      t += static_cast<int64_t>(static_cast<double>(r.Between(3 * kDay, 14 * kDay)));
    }
    w_.Label(origin, 4, "originator", false);
    for (uint32_t m : mules) w_.Label(m, 4, "mule", true);
    w_.Label(beneficiary, 4, "beneficiary", false);
  }

  // Hawala dealers: a collector takes 8..25 customers' payments (PKR 10k-500k) over 4..12 days and
  // settles with its counterpart 1..24 hours after the last, keeping 0.5..3%; 3..6 times.
  void Hawala(Rng& r, int64_t start) {
    const uint32_t collector = Fresh(r), counterpart = Fresh(r);
    const int rounds = static_cast<int>(r.Between(3, 6));
    int64_t t = start;
    for (int k = 0; k < rounds; ++k) {
      const int customers = static_cast<int>(r.Between(8, 25));
      const int64_t span = r.Between(4 * kDay, 12 * kDay);
      double sum = 0;
      int64_t last = t;
      for (int i = 0; i < customers; ++i) {
        const int64_t when = t + static_cast<int64_t>(r.Below(static_cast<uint64_t>(span)));
        const double amount = Round(LogUniform(r, 10000, 500000), 100);
        Emit(Person(r), collector, when, amount, "hawala");
        sum += amount;
        last = std::max(last, when);
      }
      const int64_t lump = last + r.Between(kHour, 24 * kHour);
      Emit(collector, counterpart, lump, Round(sum * (0.97 + 0.025 * r.Unit()), 10), "hawala");
      t = lump + r.Between(kDay, 3 * kDay);
    }
    w_.Label(collector, 5, "collector", true);
    w_.Label(counterpart, 5, "counterpart", true);
  }

  const TypologySimOptions& o_;
  Writer& w_;
  std::vector<char> used_;

 public:
  const std::vector<uint32_t>& agents() const { return agents_; }

 private:
  std::vector<uint32_t> merchants_, employers_, landlords_, agents_;
};

template <typename T>
Status InRange(const char* name, T v, T lo, T hi) {
  if (v >= lo && v <= hi) return Status::Ok();
  return Status::InvalidArgument(fmt::format("{} must be between {} and {} (got {})", name, lo, hi, v));
}

}  // namespace

Result<TypologySimSummary> SimulateTypologies(const TypologySimOptions& o) {
  if (o.out_dir.empty()) return Status::InvalidArgument("the output folder is not set (--out)");
  KASHF_RETURN_IF_ERROR(InRange("accounts", o.accounts, 100u, 10000000u));
  KASHF_RETURN_IF_ERROR(InRange("transfers", o.transfers, uint64_t{0}, uint64_t{100000000}));
  KASHF_RETURN_IF_ERROR(InRange("amount noise", o.amount_noise, 0.0, 0.5));
  KASHF_RETURN_IF_ERROR(InRange("timing noise", o.timing_noise, 0.0, 1.0));
  uint64_t pattern_accounts = 0;
  for (uint32_t p : o.patterns) pattern_accounts += uint64_t{p} * 14;  // at most 14 accounts per pattern
  if (pattern_accounts > o.accounts / 2)
    return Status::InvalidArgument(
        fmt::format("{} accounts are too few for the requested patterns (they need up to {}; use at least twice that)",
                    o.accounts, pattern_accounts));
  std::error_code ec;
  for (const char* sub : {"data", "truth"}) {
    std::filesystem::create_directories(o.out_dir + "/" + sub, ec);
    if (ec) return Status::IoError(fmt::format("cannot create {}/{}: {}", o.out_dir, sub, ec.message()));
  }
  Writer w(o);
  KASHF_RETURN_IF_ERROR(w.Open());
  Generator g(o, w);
  g.Background();
  g.Patterns();
  KASHF_RETURN_IF_ERROR(w.Close());
  BufferedFile agents;  // what a regulator's register of licensed money-service businesses lists
  KASHF_RETURN_IF_ERROR(agents.Open(o.out_dir + "/data/licensed-agents.csv"));
  agents.Write("account\n");
  for (uint32_t a : g.agents()) agents.CsvLine(Writer::Name(a));
  KASHF_RETURN_IF_ERROR(agents.Close());
  w.summary.accounts = o.accounts;
  return w.summary;
}

}  // namespace kashf::sim
