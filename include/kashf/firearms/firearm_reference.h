// Reference data of the firearms layer, loaded from data/reference/firearm-*.{tsv,yaml}: firearm
// types, calibre -> bore class per jurisdiction, confusable serial characters, and record
// retention periods (Firearms Protocol Art. 7: >= 10 years; ITI para. 12: 30 years for
// manufacture, 20 for other records). Nothing here is specific to one country.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::firearms {

class FirearmReference {
 public:
  // Loads from `dir` (normally DataPath("data/reference")) for `jurisdiction` (e.g. "PK").
  // Errors name the file and line to fix.
  static Result<FirearmReference> Load(const std::string& dir, const std::string& jurisdiction);
  static Result<FirearmReference> LoadDefault(const std::string& jurisdiction = "PK");

  bool IsKnownType(const std::string& code) const { return types_.count(code) > 0; }
  std::vector<std::string> TypeCodes() const;
  const std::string& TypeLabel(const std::string& code) const;
  // "prohibited", "non-prohibited", ... or "unclassified" when the calibre has no row.
  std::string BoreClass(const std::string& calibre) const;
  // Calibres with a bore-class row for this jurisdiction, as written in firearm-calibres.tsv.
  std::vector<std::string> Calibres() const;
  // Confusable-character folding table (upper-case ASCII); identity for others.
  const std::string& ConfusableFold() const { return fold_; }
  // Years a record of `event_kind` must be kept.
  int RetentionYears(const std::string& event_kind) const;
  const std::string& jurisdiction() const { return jurisdiction_; }

 private:
  std::string jurisdiction_;
  std::map<std::string, std::string> types_;  // code -> label
  std::map<std::string, std::string> bore_;   // calibre -> class
  std::string fold_;                          // 256 entries
  int retention_default_ = 20;
  std::map<std::string, int> retention_;
};

}  // namespace kashf::firearms
