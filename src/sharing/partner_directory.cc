#include "kashf/sharing/partner_directory.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/new_file.h"

namespace kashf::sharing {
namespace {

constexpr int kDirectoryVersion = 1;

}  // namespace

Result<PartnerDirectory> PartnerDirectory::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    if (::access(path.c_str(), F_OK) != 0) return PartnerDirectory();  // no partner yet
    return Status::IoError(fmt::format("partner directory {} cannot be read: check its permissions", path));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<PartnerDirectory> PartnerDirectory::Parse(std::string_view yaml, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("partner directory {} line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  PartnerDirectory dir;
  if (root.IsNull()) return dir;
  if (!root.IsMap() || !root["partners"] || !(root["partners"].IsSequence() || root["partners"].IsNull()))
    return Status::InvalidArgument(
        fmt::format("partner directory {}: expected `kashf_partners: 1` and `partners:`, a list of agencies", origin));
  if (root["kashf_partners"] && root["kashf_partners"].as<std::string>() != std::to_string(kDirectoryVersion))
    return Status::InvalidArgument(fmt::format("partner directory {}: version {} is not known to this Kashf (1 is)",
                                               origin, root["kashf_partners"].as<std::string>()));
  size_t entry = 0;
  for (const auto& n : root["partners"]) {
    ++entry;
    const std::string where = fmt::format("partner directory {} entry {} (line {})", origin, entry, n.Mark().line + 1);
    YAML::Emitter one;
    one << n;
    KASHF_ASSIGN_OR_RETURN(AgencyCard card, ParseCard(one.c_str(), where));
    if (const AgencyCard* before = dir.Find(card.agency_id))
      return Status::InvalidArgument(
          fmt::format("{}: agency id '{}' is listed twice; keep one entry per agency (remove one with `kashf agency "
                      "remove-partner`, or edit the file)",
                      where, before->agency_id));
    dir.partners_.push_back(std::move(card));
  }
  return dir;
}

const AgencyCard* PartnerDirectory::Find(std::string_view agency_id) const {
  for (const auto& p : partners_)
    if (p.agency_id == agency_id) return &p;
  return nullptr;
}

Status PartnerDirectory::Add(AgencyCard card, std::string_view expected_fingerprint) {
  KASHF_RETURN_IF_ERROR(CheckCard(&card, "the partner's card"));
  if (!SameFingerprint(expected_fingerprint, card.Fingerprint()))
    return Status::InvalidArgument(fmt::format(
        "the fingerprint given does not match the card of '{}' (its keys give {}): do not add it; the card was "
        "altered, swapped or is not the one the partner read out. Get it again through another channel",
        card.agency_id, card.Fingerprint()));
  if (Find(card.agency_id))
    return Status::AlreadyExists(fmt::format(
        "'{}' is already a partner; to replace its keys, remove it first (`kashf agency remove-partner {}`)",
        card.agency_id, card.agency_id));
  partners_.push_back(std::move(card));
  return Status::Ok();
}

Status PartnerDirectory::Remove(std::string_view agency_id) {
  auto it =
      std::find_if(partners_.begin(), partners_.end(), [&](const AgencyCard& p) { return p.agency_id == agency_id; });
  if (it == partners_.end())
    return Status::NotFound(
        fmt::format("'{}' is not in the partner directory; list partners with `kashf agency partners`", agency_id));
  partners_.erase(it);
  return Status::Ok();
}

std::string PartnerDirectory::ToYaml() const {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "kashf_partners" << YAML::Value << kDirectoryVersion;
  out << YAML::Key << "partners" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : partners_)
    out << YAML::BeginMap << YAML::Key << "agency_id" << YAML::Value << p.agency_id << YAML::Key << "name"
        << YAML::Value << p.name << YAML::Key << "country" << YAML::Value << p.country << YAML::Key << "sign_public"
        << YAML::Value << KeyHex(p.sign_public) << YAML::Key << "encrypt_public" << YAML::Value
        << KeyHex(p.encrypt_public) << YAML::Key << "fingerprint" << YAML::Value << p.Fingerprint() << YAML::EndMap;
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(
             "# Kashf partner directory: agencies whose packages this installation accepts (docs/sharing.md).\n"
             "# Compare every fingerprint with the partner by telephone or letter before adding it.\n") +
         out.c_str() + "\n";
}

Status PartnerDirectory::Save(const std::string& path) const { return ReplaceFile(path, ToYaml(), 0644); }

}  // namespace kashf::sharing
