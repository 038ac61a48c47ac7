#include "kashf/firearms/firearm_reference.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/tsv_file.h"

namespace kashf::firearms {

Result<FirearmReference> FirearmReference::Load(const std::string& dir, const std::string& jurisdiction) {
  FirearmReference ref;
  ref.jurisdiction_ = jurisdiction;
  KASHF_ASSIGN_OR_RETURN(auto types, ReadTsvFile(dir + "/firearm-types.tsv", {"code", "label"}));
  for (const auto& r : types) ref.types_[r.cells.at("code")] = r.cells.at("label");
  KASHF_ASSIGN_OR_RETURN(auto bores,
                         ReadTsvFile(dir + "/firearm-calibres.tsv", {"jurisdiction", "calibre", "bore_class"}));
  for (const auto& r : bores)
    if (r.cells.at("jurisdiction") == jurisdiction) ref.bore_[r.cells.at("calibre")] = r.cells.at("bore_class");

  ref.fold_.resize(256);
  for (int c = 0; c < 256; ++c) ref.fold_[static_cast<size_t>(c)] = static_cast<char>(c);
  KASHF_ASSIGN_OR_RETURN(auto conf, ReadTsvFile(dir + "/firearm-serial-confusables.tsv", {"character", "folds_to"}));
  for (const auto& r : conf) {
    const std::string& from = r.cells.at("character");
    const std::string& to = r.cells.at("folds_to");
    if (from.size() != 1 || to.size() != 1)
      return Status::InvalidArgument(
          fmt::format("{}/firearm-serial-confusables.tsv:{}: give one character in each column", dir, r.line));
    ref.fold_[static_cast<unsigned char>(from[0])] = to[0];
  }

  std::string retention_path = dir + "/firearm-retention.yaml";
  try {
    YAML::Node y = YAML::LoadFile(retention_path);
    int minimum = y["minimum_years"].as<int>(10);
    ref.retention_default_ = y["default_years"].as<int>(20);
    if (ref.retention_default_ < minimum)
      return Status::InvalidArgument(
          fmt::format("{}: default_years {} is below minimum_years {} (Firearms Protocol Art. 7)", retention_path,
                      ref.retention_default_, minimum));
    for (const auto& kv : y["by_event"]) {
      int years = kv.second.as<int>();
      if (years < minimum)
        return Status::InvalidArgument(
            fmt::format("{}: {} is kept {} years, below minimum_years {} (Firearms Protocol Art. 7)", retention_path,
                        kv.first.as<std::string>(), years, minimum));
      ref.retention_[kv.first.as<std::string>()] = years;
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", retention_path, e.what()));
  }
  return ref;
}

Result<FirearmReference> FirearmReference::LoadDefault(const std::string& jurisdiction) {
  return Load(DataPath("data/reference"), jurisdiction);
}

std::vector<std::string> FirearmReference::TypeCodes() const {
  std::vector<std::string> out;
  for (const auto& [code, label] : types_) out.push_back(code);
  return out;
}

const std::string& FirearmReference::TypeLabel(const std::string& code) const {
  static const std::string kEmpty;
  auto it = types_.find(code);
  return it == types_.end() ? kEmpty : it->second;
}

std::string FirearmReference::BoreClass(const std::string& calibre) const {
  auto it = bore_.find(calibre);
  return it == bore_.end() ? "unclassified" : it->second;
}

std::vector<std::string> FirearmReference::Calibres() const {
  std::vector<std::string> out;
  for (const auto& [calibre, bore_class] : bore_) out.push_back(calibre);
  return out;
}

int FirearmReference::RetentionYears(const std::string& event_kind) const {
  auto it = retention_.find(event_kind);
  return it == retention_.end() ? retention_default_ : it->second;
}

}  // namespace kashf::firearms
