#include "kashf/text/selector.h"

namespace kashf::text {
namespace {

struct KindInfo {
  SelectorKind kind;
  std::string_view name, schema, property;
};

// Schema and property per kind: schema/kashf.yaml.
constexpr KindInfo kKinds[] = {
    {SelectorKind::kPhone, "phone", "Phone", "number"},
    {SelectorKind::kCnic, "cnic", "Person", "cnic"},
    {SelectorKind::kPassport, "passport", "Person", "passportNumber"},
    {SelectorKind::kIban, "iban", "BankAccount", "iban"},
    {SelectorKind::kAccount, "account", "BankAccount", "accountNumber"},
    {SelectorKind::kWallet, "wallet", "Wallet", "walletNumber"},
    {SelectorKind::kEmail, "email", "Person", "email"},
    {SelectorKind::kHandle, "handle", "OnlineAccount", "handle"},
    {SelectorKind::kUrl, "url", "OnlineAccount", "url"},
    {SelectorKind::kMoney, "money", "Payment", "amount"},
    {SelectorKind::kFirearm, "firearm", "Firearm", "firearmType"},
    {SelectorKind::kPlace, "place", "Location", "name"},
    {SelectorKind::kDate, "date", "Event", "date"},
};

const KindInfo& Info(SelectorKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds[0];
}

}  // namespace

std::string_view KindName(SelectorKind kind) { return Info(kind).name; }
std::string_view SchemaFor(SelectorKind kind) { return Info(kind).schema; }
std::string_view PropertyFor(SelectorKind kind) { return Info(kind).property; }

std::optional<SelectorKind> ParseKind(std::string_view name) {
  for (const auto& k : kKinds)
    if (k.name == name) return k.kind;
  return std::nullopt;
}

}  // namespace kashf::text
