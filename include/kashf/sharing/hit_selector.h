// Hit selectors: the identifiers one agency may ask another about in a hit/no-hit query (issue 16,
// docs/sharing.md), as type-tagged canonical text "kind:value" — the OPRF input on both sides, so
// the same number written two ways is one selector:
//   cnic      "cnic:35202-1234567-1"   (13 digits, with or without dashes; kashf::ValidateValue)
//   phone     "phone:+923001234567"    (E.164; "0300-1234567", "0092 300 ..." too; ValidateValue)
//   wallet    "wallet:+923001234567"   (a mobile-wallet number, E.164 like a phone)
//   passport, iban, account, vehicle (registration number), serial (firearm serial number):
//             upper-case ASCII letters and digits only ("lea-123 4" -> "vehicle:LEA1234"), the
//             form the store's identifier index and exact-key resolution compare.
// The kind is part of the input, so a number that is a CNIC at one agency never hits a passport
// number at another. Errors say what is wrong without repeating the value (it may identify a person).
// Thread safety: pure functions.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "kashf/core/result.h"

namespace kashf::sharing {

enum class HitKind { kCnic, kPassport, kPhone, kWallet, kIban, kAccount, kVehicle, kSerial };

inline constexpr HitKind kAllHitKinds[] = {HitKind::kCnic, HitKind::kPassport, HitKind::kPhone,   HitKind::kWallet,
                                           HitKind::kIban, HitKind::kAccount,  HitKind::kVehicle, HitKind::kSerial};

// "cnic", "passport", "phone", "wallet", "iban", "account", "vehicle", "serial".
std::string_view HitKindName(HitKind kind);
std::optional<HitKind> ParseHitKind(std::string_view name);

// The canonical selector "kind:value" of `raw` as a `kind`. InvalidArgument naming the kind when
// `raw` is not a valid value of it.
Result<std::string> NormaliseHitSelector(HitKind kind, std::string_view raw);
// The same for text written "kind:value" (e.g. "cnic:35202-1234567-1"); InvalidArgument when the
// kind is missing or unknown (listing the kinds).
Result<std::string> NormaliseHitSelector(std::string_view kind_and_value);

// The kind of selector a stored property holds (schema/kashf.yaml): Person.cnic, passportNumber,
// phone and Phone.number, Wallet.walletNumber, iban, accountNumber, Vehicle.registrationNumber,
// Firearm.serialNumber. nullopt for every other property.
std::optional<HitKind> HitKindOfProperty(std::string_view schema, std::string_view property);

}  // namespace kashf::sharing
