#include "kashf/warning/event.h"

#include "kashf/core/text.h"
#include "kashf/victims/civil_date.h"

namespace kashf::warning {

const std::string& Event::Value(const std::string& dimension) const {
  static const std::string kUnknown = "unknown";
  if (dimension == "source") return source.empty() ? kUnknown : source;
  auto it = dims.find(dimension);
  return it == dims.end() || it->second.empty() ? kUnknown : it->second;
}

std::vector<std::string> Event::Values(const std::string& dimension) const {
  const std::string& value = Value(dimension);
  return dimension == "transit_country" ? Split(value, '>') : std::vector<std::string>{value};
}

const std::vector<std::string>& EventSourceNames() {
  static const std::vector<std::string> names = {"seizure", "victim", "report", "fir", "payment", "travel"};
  return names;
}

int64_t ParseDay(const std::string& iso_date) {
  auto d = victims::DayNumber(iso_date);
  return d ? *d : -1;
}

std::string FormatDay(int64_t day) { return victims::DateFromDayNumber(day); }

}  // namespace kashf::warning
