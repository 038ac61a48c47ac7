#include "kashf/victims/htcds_picklists.h"

#include <algorithm>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/core/tsv_file.h"

namespace kashf::victims {

Result<HtcdsPicklists> HtcdsPicklists::LoadFile(const std::string& path) {
  KASHF_ASSIGN_OR_RETURN(auto rows, ReadTsvFile(path, {"list", "id", "htcds_value"}));
  HtcdsPicklists p;
  for (TsvRow& row : rows) {
    const std::string &list = row.cells["list"], &id = row.cells["id"];
    if (list.empty() || id.empty())
      return Status::InvalidArgument(fmt::format("{}:{}: expected list, id, htcds_value", path, row.line));
    auto& ids = p.lists_[list];
    if (std::find(ids.begin(), ids.end(), id) != ids.end())
      return Status::InvalidArgument(fmt::format("{}:{}: {} lists '{}' twice", path, row.line, list, id));
    ids.push_back(id);
    p.htcds_[list].push_back(row.cells["htcds_value"]);
  }
  return p;
}

Result<HtcdsPicklists> HtcdsPicklists::LoadDefault() {
  return LoadFile(DataPath("data/reference/htcds_picklists.tsv"));
}

bool HtcdsPicklists::Has(const std::string& list, const std::string& id) const {
  auto it = lists_.find(list);
  return it != lists_.end() && std::find(it->second.begin(), it->second.end(), id) != it->second.end();
}

std::string HtcdsPicklists::HtcdsValue(const std::string& list, const std::string& id) const {
  auto it = lists_.find(list);
  if (it == lists_.end()) return id;
  auto pos = std::find(it->second.begin(), it->second.end(), id);
  if (pos == it->second.end()) return id;
  const std::string& value = htcds_.at(list)[static_cast<size_t>(pos - it->second.begin())];
  return value.empty() || value == "-" ? id : value;
}

std::string HtcdsPicklists::IdFor(const std::string& list, const std::string& value) const {
  auto it = lists_.find(list);
  if (it == lists_.end() || value.empty()) return "";
  const auto& values = htcds_.at(list);
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return it->second[i];
  return Has(list, value) ? value : "";
}

std::string HtcdsPicklists::Describe(const std::string& list) const {
  auto it = lists_.find(list);
  if (it == lists_.end()) return "";
  std::vector<std::string> shown;
  for (const auto& id : it->second) {
    std::string v = HtcdsValue(list, id);
    if (std::find(shown.begin(), shown.end(), v) == shown.end()) shown.push_back(v);
  }
  return Join(shown, ", ");
}

Status HtcdsPicklists::Check(const std::string& field, const std::string& list, const std::string& value) const {
  if (value.empty() || Has(list, value)) return Status::Ok();
  auto it = lists_.find(list);
  std::string ids = it == lists_.end() ? std::string() : Join(it->second, ", ");
  return Status::InvalidArgument(
      fmt::format("{}: '{}' is not an HTCDS value; use one of: {} (data/reference/htcds_picklists.tsv)", field,
                  value.size() > 64 ? value.substr(0, 64) + "..." : value, ids));
}

Status HtcdsPicklists::CheckCase(const VictimCase& c) const {
  KASHF_RETURN_IF_ERROR(Check("person.sex", "gender", c.sex));
  KASHF_RETURN_IF_ERROR(Check("person.education", "education", c.education));
  KASHF_RETURN_IF_ERROR(Check("person.marital_status", "marital_status", c.marital_status));
  auto each = [&](const std::string& field, const std::string& list, const std::vector<std::string>& values) {
    for (const auto& v : values) KASHF_RETURN_IF_ERROR(Check(field, list, v));
    return Status::Ok();
  };
  KASHF_RETURN_IF_ERROR(each("victim_context.recruitment_methods", "recruitment_method", c.recruitment_methods));
  KASHF_RETURN_IF_ERROR(each("victim_context.recruitment_platforms", "platform", c.recruitment_platforms));
  KASHF_RETURN_IF_ERROR(each("victim_context.means_of_control", "means_of_control", c.means_of_control));
  KASHF_RETURN_IF_ERROR(
      each("victim_context.sexual_exploitation_types", "sexual_exploitation", c.sexual_exploitation_types));
  KASHF_RETURN_IF_ERROR(each("victim_context.exploitation_platforms", "platform", c.exploitation_platforms));
  KASHF_RETURN_IF_ERROR(each("victim_context.vulnerabilities", "vulnerability", c.vulnerabilities));
  for (const auto& p : c.perpetrators) {
    KASHF_RETURN_IF_ERROR(each("perpetrators.roles", "perpetrator_role", p.roles));
    KASHF_RETURN_IF_ERROR(Check("perpetrators.sex", "gender", p.sex));
  }
  for (const auto& o : c.support_objectives)
    KASHF_RETURN_IF_ERROR(Check("support_objectives.status", "support_objective_status", o.status));
  KASHF_RETURN_IF_ERROR(Check("case.status", "case_status", c.case_status));
  for (const auto& r : c.referrals) KASHF_RETURN_IF_ERROR(CheckReferral(r));
  return Status::Ok();
}

Status HtcdsPicklists::CheckReferral(const Referral& r) const {
  KASHF_RETURN_IF_ERROR(Check("referral.reason", "referral_reason", r.reason));
  return Check("referral.outcome", "referral_outcome", r.outcome);
}

}  // namespace kashf::victims
