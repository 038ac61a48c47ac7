#include "kashf/model/grading.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf {
namespace {

const GradingCode* FindCode(const std::vector<GradingCode>& codes, std::string_view code) {
  const std::string want = ToLowerAscii(code);
  for (const auto& c : codes)
    if (ToLowerAscii(c.code) == want) return &c;
  return nullptr;
}

std::string CodeList(const std::vector<GradingCode>& codes) {
  std::vector<std::string> all;
  for (const auto& c : codes) all.push_back(c.code);
  return Join(all, ", ");
}

// One list of codes (`key:` of the scheme): each entry a map with code: and meaning: (handling
// codes also shareable: and purposes:); codes unique.
Result<std::vector<GradingCode>> ParseCodes(const YAML::Node& root, const char* key, bool handling,
                                            const std::string& origin) {
  const YAML::Node list = root[key];
  if (!list || !list.IsSequence() || list.size() == 0)
    return Status::InvalidArgument(fmt::format("{}: '{}:' must list at least one code", origin, key));
  std::vector<GradingCode> out;
  std::set<std::string> seen;
  for (const auto& n : list) {
    if (!n.IsMap() || !n["code"] || !n["meaning"])
      return Status::InvalidArgument(fmt::format("{}: every entry of '{}:' needs code: and meaning:", origin, key));
    GradingCode c;
    c.code = n["code"].as<std::string>();
    c.meaning = n["meaning"].as<std::string>();
    if (Trim(c.code).empty() || c.code.find_first_of(" /") != std::string::npos)
      return Status::InvalidArgument(
          fmt::format("{}: '{}:' code '{}' must be non-empty without spaces or '/'", origin, key, c.code));
    if (!seen.insert(ToLowerAscii(c.code)).second)
      return Status::InvalidArgument(fmt::format("{}: '{}:' lists code '{}' twice", origin, key, c.code));
    if (handling) {
      if (!n["shareable"])
        return Status::InvalidArgument(
            fmt::format("{}: handling code '{}' must say shareable: true or false", origin, c.code));
      c.shareable = n["shareable"].as<bool>();
      if (n["purposes"]) c.purposes = n["purposes"].as<std::vector<std::string>>();
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string Grading::Compact() const {
  std::string out = source + information;
  if (!handling.empty()) out += (out.empty() ? "" : " ") + handling;
  return out;
}

Result<GradingScheme> GradingScheme::LoadDefault() { return LoadFile(DataPath("data/reference/grading-europol.yaml")); }

Result<GradingScheme> GradingScheme::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(fmt::format(
        "grading scheme '{}' cannot be opened; set KASHF_HOME to the folder holding data/reference/", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return LoadYaml(ss.str(), path);
}

Result<GradingScheme> GradingScheme::LoadYaml(const std::string& text, const std::string& origin) {
  GradingScheme s;
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap() || !root["scheme"])
      return Status::InvalidArgument(
          fmt::format("{}: not a grading scheme (scheme:, source_evaluation:, ...)", origin));
    s.id_ = root["scheme"].as<std::string>();
    s.name_ = root["name"] ? root["name"].as<std::string>() : s.id_;
    if (root["purposes"])
      for (const auto& p : root["purposes"]) {
        if (!p.IsMap() || !p["id"])
          return Status::InvalidArgument(fmt::format("{}: every purpose needs id: and meaning:", origin));
        s.purposes_.push_back({p["id"].as<std::string>(), p["meaning"] ? p["meaning"].as<std::string>() : ""});
      }
    KASHF_ASSIGN_OR_RETURN(s.source_, ParseCodes(root, "source_evaluation", false, origin));
    KASHF_ASSIGN_OR_RETURN(s.information_, ParseCodes(root, "information_evaluation", false, origin));
    KASHF_ASSIGN_OR_RETURN(s.handling_, ParseCodes(root, "handling", true, origin));
    for (const auto& h : s.handling_)
      for (const auto& p : h.purposes)
        if (!s.FindPurpose(p))
          return Status::InvalidArgument(fmt::format(
              "{}: handling code '{}' names purpose '{}', which purposes: does not list", origin, h.code, p));
    if (!root["ungraded_handling"])
      return Status::InvalidArgument(
          fmt::format("{}: 'ungraded_handling:' must name the handling code of a value without one", origin));
    const GradingCode* ungraded = s.FindHandling(root["ungraded_handling"].as<std::string>());
    if (!ungraded)
      return Status::InvalidArgument(
          fmt::format("{}: ungraded_handling must be one of the handling codes ({})", origin, CodeList(s.handling_)));
    s.ungraded_ = static_cast<size_t>(ungraded - s.handling_.data());
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  return s;
}

const GradingCode& GradingScheme::ungraded_handling() const { return handling_[ungraded_]; }

const GradingCode* GradingScheme::FindSource(std::string_view code) const { return FindCode(source_, code); }
const GradingCode* GradingScheme::FindInformation(std::string_view code) const { return FindCode(information_, code); }
const GradingCode* GradingScheme::FindHandling(std::string_view code) const { return FindCode(handling_, code); }

const SharingPurpose* GradingScheme::FindPurpose(std::string_view id) const {
  for (const auto& p : purposes_)
    if (p.id == id) return &p;
  return nullptr;
}

Result<Grading> GradingScheme::Canonical(const Grading& g, std::string_view where) const {
  Grading out;
  const std::string prefix = where.empty() ? std::string() : std::string(where) + ": ";
  struct Axis {
    const std::string& in;
    std::string* dest;
    const std::vector<GradingCode>& codes;
    const char* name;
  };
  for (const Axis& a : {Axis{g.source, &out.source, source_, "source evaluation"},
                        Axis{g.information, &out.information, information_, "information evaluation"},
                        Axis{g.handling, &out.handling, handling_, "handling code"}}) {
    const std::string_view code = Trim(a.in);
    if (code.empty()) continue;
    const GradingCode* found = FindCode(a.codes, code);
    if (!found)
      return Status::InvalidArgument(
          fmt::format("{}'{}' is not a {} of the {} scheme; valid: {}", prefix, code, a.name, id_, CodeList(a.codes)));
    *a.dest = found->code;
  }
  return out;
}

bool GradingScheme::PermitsSharing(const Grading& g, std::string_view purpose, std::string* reason) const {
  auto say = [&](std::string text) {
    if (reason) *reason = std::move(text);
  };
  if (!FindPurpose(purpose)) {
    say(fmt::format("'{}' is not a sharing purpose of the {} scheme", purpose, id_));
    return false;
  }
  const GradingCode* h = g.handling.empty() ? &ungraded_handling() : FindHandling(g.handling);
  const std::string code_text =
      g.handling.empty() ? fmt::format("ungraded (treated as {})", ungraded_handling().code) : g.handling;
  if (!h) {
    say(fmt::format("handling code '{}' is not in the {} scheme", g.handling, id_));
    return false;
  }
  if (!h->shareable) {
    say(fmt::format("handling code {}: {}", code_text, h->meaning));
    return false;
  }
  if (!h->purposes.empty() && std::find(h->purposes.begin(), h->purposes.end(), purpose) == h->purposes.end()) {
    say(fmt::format("handling code {} does not permit sharing for {}: {}", code_text, purpose, h->meaning));
    return false;
  }
  say(fmt::format("handling code {} permits sharing for {}", code_text, purpose));
  return true;
}

}  // namespace kashf
