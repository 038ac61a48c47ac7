// Import and export of survivor cases in the shape of the IOM Human Trafficking Case Data Standard
// v2 (HTCDS): a JSON document whose cases are grouped as HTCDS groups them (case, person,
// victim_context, events, referrals, support_plans, perpetrators, comments) with HTCDS v2 field
// names and picklist value names, and the spreadsheet layout partners use (one sheet per group,
// HTCDS column names, a case's rows joined by cas_CaseId). docs/victims.md lists every field.
// Identities (names, contact, vulnerability details, event coordinates, comments) are in a document
// only when the exporter holds the identity key; otherwise the document says "sealed" and has none.
// An import checks every case on its own: a case with a problem is reported (which case, where,
// which field, what is wrong; never a value of an identity field) and not stored, the others are;
// a case whose cas_CaseId was imported before is skipped, so importing twice adds nothing.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/core/result.h"
#include "kashf/victims/case_registry.h"
#include "kashf/victims/htcds_picklists.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

// A case as exchanged: the record and, when identities travel, its identity.
struct ExchangeCase {
  VictimCase record;
  Identity identity;
  bool identity_included = false;
};

// One problem of an import.
struct ImportProblem {
  std::string case_ref;  // the case's cas_CaseId, or "#N" (its position) when it has none
  std::string where;     // "cases[2].person" in a JSON document, "Person row 4" in a workbook
  std::string field;     // the HTCDS field name, or "" for the case as a whole
  std::string problem;   // what is wrong and what is accepted
};

// The HTCDS JSON document of `cases`. Picklist values are written as HTCDS value names. Sealed
// fields are written only for cases whose identity is included.
nlohmann::json HtcdsDocument(const std::vector<ExchangeCase>& cases, const HtcdsPicklists& picklists);

struct ParsedHtcds {
  std::vector<std::pair<ImportProblem, ExchangeCase>> cases;  // the good cases, with where they came from
  std::vector<ImportProblem> problems;                        // every problem of the cases left out
};
// The cases of an HTCDS JSON document (or of a workbook read by ReadHtcdsWorkbook). A case with an
// unknown picklist value, a value of the wrong kind, an unknown field or a missing required field
// is left out and each of its problems listed. InvalidArgument if `doc` is not an HTCDS document.
Result<ParsedHtcds> ParseHtcdsDocument(const nlohmann::json& doc, const HtcdsPicklists& picklists);

// Writes `doc` (from HtcdsDocument) as an XLSX workbook, one sheet per group.
Status WriteHtcdsWorkbook(const nlohmann::json& doc, const std::string& path);
// Reads a workbook in that layout back into a document for ParseHtcdsDocument. Cells that do not
// hold their column's kind are kept as text, so the parse reports them with their sheet and row.
Result<nlohmann::json> ReadHtcdsWorkbook(const std::string& path);

// Every case visible to `actor`, with identities when `with_identities` (needs the registry's key;
// each reveal is audited as "identity.read" for case_management; each read as "case.read").
Result<std::vector<ExchangeCase>> CasesForExport(CaseRegistry& registry, const Actor& actor, bool with_identities);

struct HtcdsImportReport {
  std::vector<std::string> created;                          // new case ids, in document order
  std::vector<std::pair<std::string, std::string>> skipped;  // cas_CaseId -> the case it was imported as before
  std::vector<ImportProblem> problems;                       // cases not stored and why
};
// Stores each parsed case on its own (a refused case does not stop the others). The case's
// cas_CaseId becomes its source id.
Result<HtcdsImportReport> ImportHtcdsCases(CaseRegistry& registry, const Actor& actor, ParsedHtcds parsed);

}  // namespace kashf::victims
