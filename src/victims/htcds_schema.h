// The HTCDS v2 exchange layout, one table: for each HTCDS group (case, person, victim context,
// events, referrals, support plans, perpetrators, comments) its JSON key, its sheet in the
// spreadsheet layout and its fields, each with the HTCDS v2 name, the value's kind, the picklist of
// data/reference/htcds_picklists.tsv it takes, whether an import needs it and whether it is sealed
// (travels only with identities). Both the JSON document (htcds_exchange.cc) and the workbook
// (htcds_workbook.cc) are generated from and read by this table, so the two stay one format.
// Fields Kashf keeps beyond HTCDS are named kashf_*; support plans (spl_*) and comments (cmt_*) are
// named by Kashf where the Field Reference gives no names (docs/victims.md).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/victims/htcds_exchange.h"

namespace kashf::victims::htcds {

enum class Kind {
  kText,      // a string
  kDate,      // a YYYY-MM-DD string
  kInt,       // a whole number (omitted when unknown, i.e. negative)
  kBool,      // true / false
  kNumber,    // a number (coordinates)
  kTextList,  // a list of strings (multi-select); "a; b" in a spreadsheet cell
  kJson,      // a JSON value (Kashf's NRM history and consents); its JSON text in a cell
};

struct Field {
  const char* name;      // HTCDS v2 name, e.g. "prs_Gender"
  Kind kind;             // what the value must be
  const char* picklist;  // list of htcds_picklists.tsv, or nullptr
  bool required;         // an import without it is refused (a core field Kashf cannot register without)
  bool sealed;           // identity-level: exported only with identities
  // The value of element `i` of the group (null when not recorded), in Kashf ids.
  std::function<nlohmann::json(const ExchangeCase&, size_t i)> get;
  // Sets element `i` from a value of the right kind, in Kashf ids; "" or what is wrong.
  std::function<std::string(ExchangeCase&, size_t i, const nlohmann::json&)> set;
};

struct Group {
  const char* key;    // JSON key in a case object: "case", "person", ..., "comments"
  const char* sheet;  // spreadsheet tab: "Case", "Person", ...
  bool many;          // a list of records (events, referrals, ...) rather than one object
  std::function<size_t(const ExchangeCase&)> count;  // records of the group in a case (1 when !many)
  std::function<void(ExchangeCase&)> add;            // appends an empty record (many only)
  std::vector<Field> fields;
};

// The groups in document order; the first field of "case" is cas_CaseId.
const std::vector<Group>& Groups();
// The name of the case id field ("cas_CaseId").
inline constexpr const char* kCaseId = "cas_CaseId";
// The document's "standard" value.
inline constexpr const char* kStandard = "IOM Human Trafficking Case Data Standard v2";

}  // namespace kashf::victims::htcds
