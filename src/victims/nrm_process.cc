#include "kashf/victims/nrm_process.h"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/victims/civil_date.h"

namespace kashf::victims {

Result<NrmProcess> NrmProcess::LoadFile(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("cannot read NRM profile {}: {}", path, e.what()));
  }
  NrmProcess p;
  try {
    for (const auto& s : root["stages"]) {
      NrmStage st;
      st.id = s["id"].as<std::string>();
      st.name = s["name"] ? s["name"].as<std::string>() : st.id;
      if (s["deadline_days"]) st.deadline_days = s["deadline_days"].as<int>();
      if (s["extension_days"]) st.extension_days = s["extension_days"].as<int>();
      if (s["max_extensions"]) st.max_extensions = s["max_extensions"].as<int>();
      if (s["requires_authority"]) st.requires_authority = s["requires_authority"].as<bool>();
      if (s["authorities"]) st.authorities = s["authorities"].as<std::vector<std::string>>();
      if (s["next"]) st.next = s["next"].as<std::vector<std::string>>();
      p.stages_.push_back(std::move(st));
    }
    for (const auto& c : root["consent_purposes"])
      p.purposes_.push_back({c["id"].as<std::string>(), c["name"] ? c["name"].as<std::string>() : ""});
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("NRM profile {} is malformed: {}", path, e.what()));
  }
  if (p.stages_.empty()) return Status::InvalidArgument(fmt::format("NRM profile {} lists no stages", path));
  for (const auto& st : p.stages_)
    for (const auto& n : st.next)
      if (!p.Find(n))
        return Status::InvalidArgument(
            fmt::format("NRM profile {}: stage '{}' lists unknown next stage '{}'", path, st.id, n));
  return p;
}

Result<NrmProcess> NrmProcess::LoadDefault() { return LoadFile(DataPath("data/reference/nrm.yaml")); }

const NrmStage* NrmProcess::Find(const std::string& id) const {
  for (const auto& s : stages_)
    if (s.id == id) return &s;
  return nullptr;
}

bool NrmProcess::IsConsentPurpose(const std::string& id) const {
  // "share:<agency id>:<sharing purpose>": the survivor's identity may go to that partner agency
  // for that purpose in a sharing package (include/kashf/sharing/sharing_policy.h).
  if (id.starts_with("share:")) {
    const size_t colon = id.find(':', 6);
    return colon != std::string::npos && colon > 6 && colon + 1 < id.size();
  }
  return std::any_of(purposes_.begin(), purposes_.end(), [&](const auto& p) { return p.id == id; });
}

Status NrmProcess::CheckTransition(const VictimCase& c, const std::string& to, const std::string& date,
                                   const std::string& authority) const {
  const NrmStage* target = Find(to);
  if (!target) {
    std::vector<std::string> ids;
    for (const auto& s : stages_) ids.push_back(s.id);
    return Status::InvalidArgument(fmt::format("unknown NRM stage '{}'; stages are: {}", to, Join(ids, ", ")));
  }
  if (!DayNumber(date)) return Status::InvalidArgument(fmt::format("date '{}' is not YYYY-MM-DD", date));
  if (c.stages.empty()) {
    if (to != first_stage())
      return Status::FailedPrecondition(
          fmt::format("case {} has no stage yet; it must start with '{}'", c.id, first_stage()));
  } else {
    const NrmStage* from = Find(c.CurrentStage());
    if (!from) return Status::Corruption(fmt::format("case {} is in unknown stage '{}'", c.id, c.CurrentStage()));
    if (std::find(from->next.begin(), from->next.end(), to) == from->next.end())
      return Status::FailedPrecondition(
          fmt::format("case {} cannot go from '{}' to '{}'; allowed next: {}", c.id, from->id, to,
                      from->next.empty() ? std::string("none (the case is closed)") : Join(from->next, ", ")));
    if (date < c.stages.back().date)
      return Status::InvalidArgument(
          fmt::format("case {}: date {} is before the current stage began ({})", c.id, date, c.stages.back().date));
  }
  if (target->requires_authority && authority.empty())
    return Status::InvalidArgument(
        fmt::format("stage '{}' is a decision: name the deciding authority (--authority{})", to,
                    target->authorities.empty() ? "" : ", one of " + Join(target->authorities, ", ")));
  if (!authority.empty() && !target->authorities.empty() &&
      std::find(target->authorities.begin(), target->authorities.end(), authority) == target->authorities.end())
    return Status::InvalidArgument(fmt::format("'{}' may not decide stage '{}'; deciding authorities: {}", authority,
                                               to, Join(target->authorities, ", ")));
  return Status::Ok();
}

Status NrmProcess::CheckExtension(const VictimCase& c) const {
  const NrmStage* s = Find(c.CurrentStage());
  if (!s || s->max_extensions == 0)
    return Status::FailedPrecondition(fmt::format("case {}: stage '{}' cannot be extended", c.id, c.CurrentStage()));
  if (c.extensions >= s->max_extensions)
    return Status::FailedPrecondition(
        fmt::format("case {}: stage '{}' was already extended {} times (the most allowed)", c.id, s->id, c.extensions));
  return Status::Ok();
}

std::optional<int64_t> NrmProcess::DueDay(const VictimCase& c) const {
  if (c.stages.empty()) return std::nullopt;
  const NrmStage* s = Find(c.CurrentStage());
  if (!s || !s->deadline_days) return std::nullopt;
  auto start = DayNumber(c.stages.back().date);
  if (!start) return std::nullopt;
  return *start + *s->deadline_days + static_cast<int64_t>(c.extensions) * s->extension_days;
}

}  // namespace kashf::victims
