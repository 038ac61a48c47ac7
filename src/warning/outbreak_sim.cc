#include "kashf/warning/outbreak_sim.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::warning {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  double Uniform() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return static_cast<double>(s_ >> 11) / 9007199254740992.0;
  }
  int64_t Poisson(double mu) {
    if (mu <= 0) return 0;
    if (mu > 50) return std::max<int64_t>(0, std::llround(mu + std::sqrt(mu) * Normal()));
    double u = Uniform(), p = std::exp(-mu), cdf = p;
    int64_t x = 0;
    while (u > cdf && x < 10000) {
      ++x;
      p *= mu / static_cast<double>(x);
      cdf += p;
    }
    return x;
  }
  double Normal() {
    double u1 = std::max(Uniform(), 1e-300), u2 = Uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979323846 * u2);
  }
  int64_t Below(int64_t n) {
    return std::min<int64_t>(n - 1, static_cast<int64_t>(Uniform() * static_cast<double>(n)));
  }

 private:
  uint64_t s_;
};

}  // namespace

Result<SimulatedSeries> SimulateOutbreaks(const OutbreakSimOptions& o) {
  if (o.districts < 1 || o.categories < 1 || o.years < 3 || o.threats < 0)
    return Status::InvalidArgument("outbreak simulation needs districts >= 1, categories >= 1, years >= 3");
  SimulatedSeries s;
  s.first_day = ParseDay(o.first_week);
  if (s.first_day < 0) return Status::InvalidArgument("first_week is not a date");
  const int64_t weeks = 52LL * o.years;
  const int64_t n = static_cast<int64_t>(o.districts) * o.categories;
  Rng r(o.seed);
  std::vector<double> level(static_cast<size_t>(n));
  for (int d = 0; d < o.districts; ++d)
    for (int c = 0; c < o.categories; ++c) {
      s.names.push_back(fmt::format("district=D{:03d};category=C{:02d}", d + 1, c + 1));
      level[s.names.size() - 1] = 0.3 + 4.0 * r.Uniform() * r.Uniform();
    }
  // Threat cells, distinct, in the last two years, each ending before the series does.
  std::vector<bool> taken(static_cast<size_t>(n), false);
  const char* kinds[] = {"new_route", "rising_calibre", "victim_burst"};
  for (int t = 0; t < o.threats && t < n; ++t) {
    int64_t cell;
    do cell = r.Below(n);
    while (taken[static_cast<size_t>(cell)]);
    taken[static_cast<size_t>(cell)] = true;
    Threat th;
    th.kind = kinds[t % 3];
    th.series = cell;
    th.start = weeks - 104 + r.Below(104 - 14);
    th.end = th.start + (th.kind == std::string("rising_calibre") ? 11
                         : th.kind == std::string("victim_burst") ? 3
                                                                  : 12);
    s.truth.push_back(th);
  }
  s.counts.assign(static_cast<size_t>(n), std::vector<int64_t>(static_cast<size_t>(weeks)));
  for (int64_t i = 0; i < n; ++i) {
    const Threat* th = nullptr;
    for (const auto& t : s.truth)
      if (t.series == i) th = &t;
    const bool overdispersed = i % 4 == 0;
    for (int64_t w = 0; w < weeks; ++w) {
      double mu = level[static_cast<size_t>(i)] *
                  std::exp(0.3 * std::sin(2 * 3.14159265358979323846 * static_cast<double>(w) / 52));
      if (overdispersed) mu *= -std::log(std::max(1e-12, 1 - r.Uniform())) * 0.5 + 0.5;
      if (th && th->kind == "new_route") mu = w >= th->start ? 1.5 + level[static_cast<size_t>(i)] : 0;
      if (th && th->kind == "rising_calibre" && w >= th->start && w <= th->end)
        mu *= 1 + 3 * std::min(1.0, static_cast<double>(w - th->start + 1) / 8);
      if (th && th->kind == "victim_burst" && w >= th->start && w <= th->end) mu = std::max(3 * mu, mu + 4);
      int64_t y = r.Poisson(mu);
      if (th && th->kind == "new_route" && w == th->start) y = std::max<int64_t>(y, 1);  // the route opens that week
      s.counts[static_cast<size_t>(i)][static_cast<size_t>(w)] = y;
    }
  }
  return s;
}

Result<std::vector<Event>> SeriesToEvents(const SimulatedSeries& s, int64_t max_events) {
  int64_t total = 0;
  for (const auto& c : s.counts)
    for (int64_t v : c) total += v;
  if (total > max_events)
    return Status::InvalidArgument(
        fmt::format("{} events are too many to expand (at most {}); simulate fewer cells", total, max_events));
  std::vector<Event> out;
  out.reserve(static_cast<size_t>(total));
  for (size_t i = 0; i < s.counts.size(); ++i) {
    auto parts = Split(s.names[i], ';');
    std::string district = parts[0].substr(parts[0].find('=') + 1), calibre = parts[1].substr(parts[1].find('=') + 1);
    for (size_t w = 0; w < s.counts[i].size(); ++w)
      for (int64_t k = 0; k < s.counts[i][w]; ++k) {
        Event e;
        e.day = s.first_day + 7 * static_cast<int64_t>(w) + k % 5;
        e.record = fmt::format("sim:{}:{}:{}", i, w, k);
        e.source = "seizure";
        e.dims = {{"district", district}, {"calibre", calibre}};
        out.push_back(std::move(e));
      }
  }
  return out;
}

Status WriteSimulatedSeries(const SimulatedSeries& s, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::ofstream series(dir + "/series.csv", std::ios::binary), truth(dir + "/truth.csv", std::ios::binary);
  if (!series || !truth) return Status::IoError(fmt::format("cannot write into '{}'", dir));
  series << "week_start";
  for (const auto& n : s.names) series << ',' << n;
  series << '\n';
  const size_t weeks = s.counts.empty() ? 0 : s.counts[0].size();
  for (size_t w = 0; w < weeks; ++w) {
    series << FormatDay(s.first_day + 7 * static_cast<int64_t>(w));
    for (const auto& c : s.counts) series << ',' << c[w];
    series << '\n';
  }
  truth << "series,kind,start_week,end_week,start_date\n";
  for (const auto& t : s.truth)
    truth << s.names[static_cast<size_t>(t.series)] << ',' << t.kind << ',' << t.start << ',' << t.end << ','
          << FormatDay(s.first_day + 7 * t.start) << '\n';
  if (!series || !truth) return Status::IoError(fmt::format("writing into '{}' failed", dir));
  return Status::Ok();
}

Result<SimulatedSeries> ReadSimulatedSeries(const std::string& dir) {
  std::ifstream series(dir + "/series.csv", std::ios::binary), truth(dir + "/truth.csv", std::ios::binary);
  if (!series || !truth)
    return Status::NotFound(fmt::format("{}: series.csv and truth.csv not found (kashf simulate --outbreaks)", dir));
  SimulatedSeries s;
  std::string line;
  std::getline(series, line);
  auto head = Split(line, ',');
  if (head.size() < 2 || head[0] != "week_start") return Status::InvalidArgument(dir + "/series.csv: bad header");
  s.names.assign(head.begin() + 1, head.end());
  s.counts.resize(s.names.size());
  bool first = true;
  while (std::getline(series, line)) {
    auto f = Split(line, ',');
    if (f.size() != head.size()) return Status::InvalidArgument(dir + "/series.csv: a row has the wrong width");
    if (first) s.first_day = ParseDay(f[0]), first = false;
    for (size_t i = 1; i < f.size(); ++i) s.counts[i - 1].push_back(std::stoll(f[i]));
  }
  std::map<std::string, int64_t> index;
  for (size_t i = 0; i < s.names.size(); ++i) index[s.names[i]] = static_cast<int64_t>(i);
  std::getline(truth, line);
  while (std::getline(truth, line)) {
    auto f = Split(line, ',');
    if (f.size() < 4 || !index.count(f[0])) return Status::InvalidArgument(dir + "/truth.csv: bad row");
    s.truth.push_back({f[1], index[f[0]], std::stoll(f[2]), std::stoll(f[3])});
  }
  return s;
}

Status WriteEventsCsv(const std::vector<Event>& events, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return Status::IoError(fmt::format("cannot write '{}'", path));
  out << "date,source,record,district,calibre\n";
  for (const auto& e : events)
    out << FormatDay(e.day) << ',' << e.source << ',' << e.record << ',' << e.Value("district") << ','
        << e.Value("calibre") << '\n';
  return out ? Status::Ok() : Status::IoError(fmt::format("writing '{}' failed", path));
}

Result<std::vector<Event>> ReadEventsCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: events file not found", path));
  std::string line;
  std::getline(in, line);
  auto head = Split(line, ',');
  if (head.size() < 3 || head[0] != "date" || head[1] != "source" || head[2] != "record")
    return Status::InvalidArgument(fmt::format("{}: the header must start date,source,record", path));
  std::vector<Event> out;
  int64_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    auto f = Split(line, ',');
    if (f.size() != head.size())
      return Status::InvalidArgument(fmt::format("{}:{}: expected {} fields", path, line_no, head.size()));
    Event e;
    e.day = ParseDay(f[0]);
    if (e.day < 0)
      return Status::InvalidArgument(fmt::format("{}:{}: '{}' is not a date YYYY-MM-DD", path, line_no, f[0]));
    e.source = f[1];
    e.record = f[2];
    for (size_t i = 3; i < f.size(); ++i) e.dims[head[i]] = f[i];
    out.push_back(std::move(e));
  }
  return out;
}

DetectorScore ScoreAlarms(const SimulatedSeries& s, const std::string& detector,
                          const std::vector<std::vector<bool>>& alarms, int64_t from) {
  DetectorScore sc;
  sc.detector = detector;
  std::vector<const Threat*> by_series(s.names.size(), nullptr);
  for (const auto& t : s.truth) by_series[static_cast<size_t>(t.series)] = &t;
  std::vector<double> delays;
  int64_t false_alarms = 0, weeks = 0;
  for (size_t i = 0; i < alarms.size(); ++i) {
    const Threat* t = by_series[i];
    bool detected = false;
    for (size_t w = static_cast<size_t>(from); w < alarms[i].size(); ++w) {
      ++weeks;
      if (!alarms[i][w]) continue;
      const auto iw = static_cast<int64_t>(w);
      if (t && iw >= t->start && iw <= t->end + 2) {
        if (!detected) delays.push_back(static_cast<double>(iw - t->start));
        detected = true;
      } else if (!(t && iw > t->end + 2 && t->kind == "new_route")) {
        ++false_alarms;  // alarms after a new route has become the norm are not counted either way
      }
    }
    if (t) {
      ++sc.threats;
      sc.detected += detected ? 1 : 0;
    }
  }
  sc.probability_of_detection = sc.threats ? static_cast<double>(sc.detected) / static_cast<double>(sc.threats) : 0;
  sc.false_alarms_per_series_year = weeks ? static_cast<double>(false_alarms) / (static_cast<double>(weeks) / 52.0) : 0;
  if (!delays.empty()) {
    std::sort(delays.begin(), delays.end());
    sc.median_delay_weeks = delays.size() % 2 ? delays[delays.size() / 2]
                                              : 0.5 * (delays[delays.size() / 2 - 1] + delays[delays.size() / 2]);
  }
  return sc;
}

}  // namespace kashf::warning
