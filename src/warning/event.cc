#include "kashf/warning/event.h"

#include "kashf/victims/civil_date.h"

namespace kashf::warning {

const std::string& Event::Value(const std::string& dimension) const {
  static const std::string kUnknown = "unknown";
  if (dimension == "source") return source.empty() ? kUnknown : source;
  auto it = dims.find(dimension);
  return it == dims.end() || it->second.empty() ? kUnknown : it->second;
}

const std::vector<std::string>& EventSourceNames() {
  static const std::vector<std::string> names = {"seizure", "victim", "report", "fir", "payment"};
  return names;
}

int64_t ParseDay(const std::string& iso_date) {
  auto d = victims::DayNumber(iso_date);
  return d ? *d : -1;
}

std::string FormatDay(int64_t day) { return victims::DateFromDayNumber(day); }

}  // namespace kashf::warning
