#include "kashf/sharing/hit_selector.h"

#include <fmt/format.h>

#include "kashf/model/values.h"

namespace kashf::sharing {
namespace {

constexpr std::string_view kKindList = "cnic, passport, phone, wallet, iban, account, vehicle, serial";

// Upper-case ASCII letters and digits only (the store's identifier-key form).
std::string CompactIdentifier(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 'a' + 'A'));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

}  // namespace

std::string_view HitKindName(HitKind kind) {
  switch (kind) {
    case HitKind::kCnic: return "cnic";
    case HitKind::kPassport: return "passport";
    case HitKind::kPhone: return "phone";
    case HitKind::kWallet: return "wallet";
    case HitKind::kIban: return "iban";
    case HitKind::kAccount: return "account";
    case HitKind::kVehicle: return "vehicle";
    case HitKind::kSerial: return "serial";
  }
  return "";
}

std::optional<HitKind> ParseHitKind(std::string_view name) {
  for (HitKind k : kAllHitKinds)
    if (HitKindName(k) == name) return k;
  return std::nullopt;
}

Result<std::string> NormaliseHitSelector(HitKind kind, std::string_view raw) {
  std::string value;
  if (kind == HitKind::kCnic || kind == HitKind::kPhone || kind == HitKind::kWallet) {
    const Status st = ValidateValue(kind == HitKind::kCnic ? PropertyType::kCnic : PropertyType::kPhone, raw, &value);
    if (!st.ok())
      return Status::InvalidArgument(fmt::format("not a valid {} selector: {}", HitKindName(kind), st.message()));
  } else {
    value = CompactIdentifier(raw);
    if (value.empty())
      return Status::InvalidArgument(
          fmt::format("not a valid {} selector: it has no letter or digit", HitKindName(kind)));
  }
  return fmt::format("{}:{}", HitKindName(kind), value);
}

Result<std::string> NormaliseHitSelector(std::string_view kind_and_value) {
  const size_t colon = kind_and_value.find(':');
  const auto kind = colon == std::string_view::npos ? std::nullopt : ParseHitKind(kind_and_value.substr(0, colon));
  if (!kind)
    return Status::InvalidArgument(fmt::format(
        "a selector is written KIND:VALUE (e.g. cnic:NNNNN-NNNNNNN-N, phone:+92...); KIND is one of {}", kKindList));
  return NormaliseHitSelector(*kind, kind_and_value.substr(colon + 1));
}

std::optional<HitKind> HitKindOfProperty(std::string_view schema, std::string_view property) {
  if (property == "cnic") return HitKind::kCnic;
  if (property == "passportNumber") return HitKind::kPassport;
  if (property == "phone" || (schema == "Phone" && property == "number")) return HitKind::kPhone;
  if (property == "walletNumber") return HitKind::kWallet;
  if (property == "iban") return HitKind::kIban;
  if (property == "accountNumber") return HitKind::kAccount;
  if (schema == "Vehicle" && property == "registrationNumber") return HitKind::kVehicle;
  if (schema == "Firearm" && property == "serialNumber") return HitKind::kSerial;
  return std::nullopt;
}

}  // namespace kashf::sharing
