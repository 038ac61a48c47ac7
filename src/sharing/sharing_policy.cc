#include "kashf/sharing/sharing_policy.h"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/sharing/agency_card.h"

namespace kashf::sharing {
namespace {

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// A scalar or a list of scalars as a list ("*" stays one element).
std::vector<std::string> Strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n.IsScalar()) out.push_back(n.as<std::string>());
  if (n.IsSequence())
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

std::string Blake2bHex(std::string_view bytes) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  std::string hex(64, '\0');
  sodium_bin2hex(hex.data(), hex.size() + 1, h, sizeof h);
  return hex;
}

}  // namespace

std::string ShareConsentPurpose(std::string_view recipient, std::string_view purpose) {
  return fmt::format("share:{}:{}", recipient, purpose);
}

Result<SharingPolicy> SharingPolicy::LoadFile(const std::string& path, const std::vector<std::string>& known_purposes) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("sharing policy {} cannot be read; check the path", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path, known_purposes);
}

Result<SharingPolicy> SharingPolicy::Parse(std::string_view yaml, const std::string& origin,
                                           const std::vector<std::string>& known_purposes) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("sharing policy {} line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  if (!root.IsMap() || !root["kashf_sharing_policy"] || root["kashf_sharing_policy"].as<std::string>() != "1" ||
      !root["rules"] || !root["rules"].IsSequence())
    return Status::InvalidArgument(
        fmt::format("sharing policy {}: expected `kashf_sharing_policy: 1` and `rules:`, a list of rules "
                    "(data/reference/sharing-policy.example.yaml)",
                    origin));
  SharingPolicy policy;
  policy.hash_ = Blake2bHex(yaml);
  size_t number = 0;
  for (const auto& r : root["rules"]) {
    ++number;
    const std::string where = fmt::format("sharing policy {} rule {} (line {})", origin, number, r.Mark().line + 1);
    PolicyRule rule;
    rule.recipients = Strings(r["recipients"]);
    rule.purposes = Strings(r["purposes"]);
    if (rule.recipients.empty() || rule.purposes.empty() || !r["schemas"] || !r["schemas"].IsMap())
      return Status::InvalidArgument(fmt::format("{}: a rule needs recipients, purposes and schemas", where));
    for (const auto& id : rule.recipients)
      if (id != "*" && !IsAgencyId(id))
        return Status::InvalidArgument(fmt::format("{}: recipient '{}' is not an agency id", where, id));
    for (const auto& p : rule.purposes)
      if (!known_purposes.empty() && !Contains(known_purposes, p))
        return Status::InvalidArgument(
            fmt::format("{}: purpose '{}' is not a sharing purpose of the grading scheme", where, p));
    for (const auto& s : r["schemas"]) {
      PolicyRule::SchemaRule sr;
      sr.schema = s.first.as<std::string>();
      const YAML::Node body = s.second;
      const YAML::Node props = body.IsMap() ? body["properties"] : body;
      sr.properties = Strings(props);
      sr.all_properties = Contains(sr.properties, "*");
      if (body.IsMap()) sr.redact = Strings(body["redact"]);
      if (sr.properties.empty())
        return Status::InvalidArgument(
            fmt::format("{}: schema {} lists no properties (a list, or \"*\" for all)", where, sr.schema));
      rule.schemas.push_back(std::move(sr));
    }
    policy.rules_.push_back(std::move(rule));
  }
  return policy;
}

Withheld SharingPolicy::Check(const Statement& s, std::string_view recipient, std::string_view purpose) const {
  bool allowed = false;
  for (const auto& rule : rules_) {
    if (!Contains(rule.recipients, "*") && !Contains(rule.recipients, recipient)) continue;
    if (!Contains(rule.purposes, purpose)) continue;
    for (const auto& sr : rule.schemas) {
      if (sr.schema != s.schema && sr.schema != "*") continue;
      if (Contains(sr.redact, s.prop)) return Withheld::kRedacted;  // a redaction wins over every grant
      if (sr.all_properties || Contains(sr.properties, s.prop)) allowed = true;
    }
  }
  return allowed ? Withheld::kNone : Withheld::kPolicy;
}

}  // namespace kashf::sharing
