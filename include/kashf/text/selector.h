// Selector: one lead found in free text (a phone number in an FIR narrative, a wallet in an ad),
// typed, located and normalised so that it can be linked to the entity it names.
// Contract: [begin, end) is a byte span of the text given to the extractor (UTF-8, never split
// inside a character); `value` is the canonical form the store uses for that kind of value (see
// kashf/model/values.h), so the same number written "0300-1234567", "۰۳۰۰۱۲۳۴۵۶۷" or
// "zero three zero zero ..." has one value. A selector becomes a statement of the entity named by
// SchemaFor(kind) (property PropertyFor(kind) = value), with the source record and the span as
// its provenance (docs/text-leads.md).
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kashf::text {

enum class SelectorKind {
  kPhone,     // E.164 "+923001234567"
  kCnic,      // "35202-1234567-1"
  kPassport,  // upper case, no spaces: "AB1234567"
  kIban,      // ISO 13616, compact upper case: "PK36SCBL0000001123456702"
  kAccount,   // bank account number, digits only
  kWallet,    // mobile-wallet number, E.164; attribute provider ("easypaisa")
  kEmail,     // lower case "name@example.com"
  kHandle,    // "@name" lower case; attribute platform when the text says it
  kUrl,       // host lower case without scheme and "www.", path kept: "facebook.com/ali.k"
  kMoney,     // "<ISO 4217 code> <plain decimal>": "PKR 250000"; attributes currency, amount
  kFirearm,   // "type=pistol make=Glock calibre=9mm" (parts present); attributes type, make, calibre
  kPlace,     // canonical place name from the reference data: "Rawalpindi"; attribute province
  kDate,      // ISO 8601 with partial precision: "2024-03-12"
};

inline constexpr SelectorKind kAllSelectorKinds[] = {
    SelectorKind::kPhone,   SelectorKind::kCnic,  SelectorKind::kPassport, SelectorKind::kIban, SelectorKind::kAccount,
    SelectorKind::kWallet,  SelectorKind::kEmail, SelectorKind::kHandle,   SelectorKind::kUrl,  SelectorKind::kMoney,
    SelectorKind::kFirearm, SelectorKind::kPlace, SelectorKind::kDate};

// "phone", "cnic", "passport", "iban", "account", "wallet", "email", "handle", "url", "money",
// "firearm", "place", "date".
std::string_view KindName(SelectorKind kind);
std::optional<SelectorKind> ParseKind(std::string_view name);
// The entity schema and property of schema/kashf.yaml a selector of `kind` fills ("Phone",
// "number"; handles and URLs: "OnlineAccount", "handle" / "url").
std::string_view SchemaFor(SelectorKind kind);
std::string_view PropertyFor(SelectorKind kind);

struct Selector {
  SelectorKind kind = SelectorKind::kPhone;
  size_t begin = 0;  // byte offsets into the original text
  size_t end = 0;
  std::string value;                              // normalised (see SelectorKind)
  std::map<std::string, std::string> attributes;  // kind-specific detail (provider, currency, make ...)
};

// Where a text came from: the dataset and record (e.g. "ads.jsonl:17", a message id) and the field
// ("body"). With a selector's span this is the provenance of the statement it becomes.
struct TextSource {
  std::string dataset;
  std::string record_id;
  std::string field;
};

}  // namespace kashf::text
