// Offences and penalties as data (data/reference/offences.tsv): PTPA 2018, PSMA 2018, amendments,
// the UN Protocols, and any other country's law added as rows. Rows marked verified=no have not
// been checked against the official text.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::victims {

struct Offence {
  std::string id;            // "pk-ptpa-2018-s3"
  std::string jurisdiction;  // ISO alpha-3 or INT
  std::string law;
  std::string section;
  std::string title;
  std::string iccs;  // UNODC ICCS code, e.g. 0204 trafficking in persons
  std::optional<double> prison_min_years, prison_max_years, fine_max;
  std::string currency;
  std::string in_force_from;
  bool verified = false;
  std::string note;
};

class OffenceTable {
 public:
  static Result<OffenceTable> LoadFile(const std::string& path);
  static Result<OffenceTable> LoadDefault();  // data/reference/offences.tsv
  const std::vector<Offence>& offences() const { return offences_; }
  const Offence* Find(const std::string& id) const;

 private:
  std::vector<Offence> offences_;
};

}  // namespace kashf::victims
