// Simulated emerging threats with ground truth, for measuring the detectors: weekly background
// counts for districts x categories (seasonal Poisson, some cells overdispersed) over some years, and
// threats injected in the last two years:
//   new_route      a cell that had nothing starts receiving events from a week on;
//   rising_calibre a cell's mean grows linearly to 4x over 8 weeks and stays there 4 weeks;
//   victim_burst   a cell gets 3x its mean (at least +4) for 4 weeks.
// Deterministic for a seed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/warning/event.h"

namespace kashf::warning {

struct OutbreakSimOptions {
  int districts = 150;
  int categories = 20;
  int years = 10;
  int threats = 60;
  uint64_t seed = 1;
  std::string first_week = "2016-01-04";  // a Monday
};

struct Threat {
  std::string kind;            // new_route | rising_calibre | victim_burst
  int64_t series = 0;          // index into names
  int64_t start = 0, end = 0;  // week indices, inclusive
};

struct SimulatedSeries {
  std::vector<std::string> names;            // "district=D017;category=C03"
  std::vector<std::vector<int64_t>> counts;  // [series][week]
  std::vector<Threat> truth;
  int64_t first_day = 0;  // day number of week 0
};

Result<SimulatedSeries> SimulateOutbreaks(const OutbreakSimOptions& options);

// Expands series into one Event per count (source "seizure", dims district and calibre), for the
// store-free path of `kashf alerts run --events`. Refuses more than `max_events`.
Result<std::vector<Event>> SeriesToEvents(const SimulatedSeries& s, int64_t max_events);

// CSV files: series.csv (week_start, then one column per series) and truth.csv
// (series,kind,start_week,end_week,start_date); events.csv (date,source,record,district,calibre).
Status WriteSimulatedSeries(const SimulatedSeries& s, const std::string& dir);
Result<SimulatedSeries> ReadSimulatedSeries(const std::string& dir);
Status WriteEventsCsv(const std::vector<Event>& events, const std::string& path);
Result<std::vector<Event>> ReadEventsCsv(const std::string& path);

// Probability of detection, false alarms per series-year and median delay of one detector over the
// evaluated weeks [from, end) of every series (a threat counts as detected if any alarm falls in
// [start, end + 2]; alarms elsewhere are false).
struct DetectorScore {
  std::string detector;
  int64_t threats = 0, detected = 0;
  double probability_of_detection = 0;
  double false_alarms_per_series_year = 0;
  double median_delay_weeks = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // process CPU time (steadier on a loaded machine)
  int64_t points = 0;
};
DetectorScore ScoreAlarms(const SimulatedSeries& s, const std::string& detector,
                          const std::vector<std::vector<bool>>& alarms, int64_t from);

}  // namespace kashf::warning
