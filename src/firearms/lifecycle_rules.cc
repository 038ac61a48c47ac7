#include "kashf/firearms/lifecycle_rules.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf::firearms {

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Result<LifecycleRules> LifecycleRules::Load(const std::string& yaml_path) {
  LifecycleRules rules;
  try {
    YAML::Node y = YAML::LoadFile(yaml_path);
    for (const auto& kv : y["states"]) rules.lawful_[kv.first.as<std::string>()] = kv.second["lawful"].as<bool>(true);
    for (const auto& kv : y["events"]) {
      std::string kind = kv.first.as<std::string>();
      EventRule r;
      for (const auto& f : kv.second["from"]) r.from.insert(f.as<std::string>());
      r.to = kv.second["to"].as<std::string>("");
      if (kv.second["requires"])
        for (const auto& f : kv.second["requires"]) r.requires_fields.push_back(f.as<std::string>());
      for (const auto& s : r.from)
        if (!rules.lawful_.count(s))
          return Status::InvalidArgument(fmt::format(
              "{}: event '{}' starts from unknown state '{}'; declare it under states", yaml_path, kind, s));
      if (!rules.lawful_.count(r.to))
        return Status::InvalidArgument(
            fmt::format("{}: event '{}' leads to unknown state '{}'; declare it under states", yaml_path, kind, r.to));
      LifecycleEvent probe;
      for (const auto& f : r.requires_fields)
        if (!probe.Field(f))
          return Status::InvalidArgument(fmt::format("{}: event '{}' requires unknown field '{}'", yaml_path, kind, f));
      rules.events_[kind] = std::move(r);
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", yaml_path, e.what()));
  }
  if (!rules.lawful_.count("none"))
    return Status::InvalidArgument(fmt::format("{}: the state 'none' must be declared", yaml_path));
  if (rules.events_.empty()) return Status::InvalidArgument(fmt::format("{}: no events declared", yaml_path));
  return rules;
}

Result<LifecycleRules> LifecycleRules::LoadDefault() { return Load(DataPath("data/reference/firearm-lifecycle.yaml")); }

bool LifecycleRules::IsLawful(const std::string& state) const {
  auto it = lawful_.find(state);
  return it == lawful_.end() || it->second;
}

std::vector<std::string> LifecycleRules::EventKinds() const {
  std::vector<std::string> out;
  for (const auto& [k, r] : events_) out.push_back(k);
  return out;
}

std::vector<std::string> LifecycleRules::States() const {
  std::vector<std::string> out;
  for (const auto& [k, r] : lawful_) out.push_back(k);
  return out;
}

std::vector<std::string> LifecycleRules::AllowedFrom(const std::string& state) const {
  std::vector<std::string> out;
  for (const auto& [k, r] : events_)
    if (r.from.count(state)) out.push_back(k);
  return out;
}

Status LifecycleRules::Check(const std::string& state, const LifecycleEvent& last, const LifecycleEvent& event,
                             const std::string& serial) const {
  auto it = events_.find(event.kind);
  if (it == events_.end())
    return Status::InvalidArgument(
        fmt::format("unknown event kind '{}'; known kinds: {}", event.kind, Join(EventKinds(), ", ")));
  if (!IsIsoDate(event.date))
    return Status::InvalidArgument(fmt::format("event date '{}' is not a date; write YYYY-MM-DD", event.date));
  const EventRule& rule = it->second;
  if (!rule.from.count(state)) {
    std::vector<std::string> allowed = AllowedFrom(state);
    std::string after = last.kind.empty()
                            ? "the firearm has no recorded event yet"
                            : fmt::format("firearm {} was {} on {}{}", serial, last.kind, last.date,
                                          last.document.empty() ? "" : fmt::format(" ({})", last.document));
    return Status::FailedPrecondition(
        fmt::format("{}; '{}' is not a valid next event from state '{}' (allowed: {})", after, event.kind, state,
                    allowed.empty() ? "none, the record is closed" : Join(allowed, ", ")));
  }
  std::vector<std::string> missing;
  for (const auto& f : rule.requires_fields)
    if (Trim(*event.Field(f)).empty()) missing.push_back(f);
  if (!missing.empty())
    return Status::InvalidArgument(
        fmt::format("a '{}' event must record {} (Firearms Protocol Art. 7 records)", event.kind, Join(missing, ", ")));
  if (!last.date.empty() && event.date < last.date)
    return Status::FailedPrecondition(
        fmt::format("event date {} is before the last recorded event of firearm {} ({} on {}); "
                    "record events in date order",
                    event.date, serial, last.kind, last.date));
  return Status::Ok();
}

}  // namespace kashf::firearms
