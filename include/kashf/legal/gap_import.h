// Import of assessments made elsewhere (JSON or CSV; the XLSX workshop round trip builds on the
// same rows). Each row is checked on its own: unknown requirement ids, statuses outside the list,
// unknown jurisdictions, a catalogue version other than the current one, a base version that is no
// longer current (someone else changed the row: a conflict, never overwritten silently). Valid rows
// are stored together; invalid rows are reported with their row number and never stored.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/legal/assessment.h"
#include "kashf/legal/framework.h"

namespace kashf::legal {

// One row as read, before validation (every field text).
struct ImportRow {
  int line = 0;  // 1-based data row (CSV: line in file; JSON: index + 1)
  std::string requirement, jurisdiction, catalogue_version, status, provisions, justification, assessed_on;
  std::string base_version;  // optional: the version the row was edited from ("" = none given)
  bool illustrative = false;
  std::string problem;  // a row the parser could not read fully (wrong type, unknown column); reported, not stored
};

struct ImportError {
  int line = 0;
  std::string requirement;
  std::string jurisdiction;
  std::string field;
  std::string message;
};

struct ImportReport {
  int rows = 0;
  std::vector<Assessment> accepted;  // to store
  std::vector<ImportError> errors;
};

// CSV with a header naming the columns (requirement, jurisdiction, catalogue_version, status,
// provisions, justification, assessed_on, optional base_version, illustrative); RFC 4180 quoting.
Result<std::vector<ImportRow>> ParseImportCsv(const std::string& text);
// JSON: an array of objects with the same keys, or {"assessments": [...]}.
Result<std::vector<ImportRow>> ParseImportJson(const std::string& text);

// Validates every row against the framework and the current stored versions (`current`, from
// GapStore::Latest("")). `today` fills an empty assessed_on.
ImportReport ValidateImport(const LegalFramework& framework, const std::vector<Assessment>& current,
                            const std::vector<ImportRow>& rows, const std::string& today);

}  // namespace kashf::legal
