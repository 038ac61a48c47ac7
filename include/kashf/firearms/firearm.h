// A firearm record with the markings the UN Firearms Protocol asks a national register to keep
// (Art. 7(a) records of Art. 8 markings): maker, country/place of manufacture and serial
// (Art. 8.1(a)); the import mark with country and year (Art. 8.1(b)); the mark applied when State
// stock passes to permanent civilian use (Art. 8.1(c)). Type, calibre and bore class are codes from
// data/reference/firearm-*.tsv (see FirearmReference), never fixed in code.
#pragma once
#include <cstdint>
#include <string>

namespace kashf::firearms {

struct Firearm {
  int64_t id = 0;      // assigned by the registry; 0 before AddFirearm
  std::string serial;  // as marked; may contain '?' for unreadable characters
  std::string make;    // manufacturer (Art. 8.1(a))
  std::string model;
  std::string type;                    // code from firearm-types.tsv (pistol, revolver, ..., craft_made)
  std::string calibre;                 // e.g. "9mm", "7.62x39mm"
  std::string bore_class;              // derived from firearm-calibres.tsv when empty
  std::string country_of_manufacture;  // ISO 3166 alpha-2, lower case (Art. 8.1(a))
  std::string place_of_manufacture;
  std::string import_country;    // import mark (Art. 8.1(b)); empty when not imported
  int import_year = 0;           // 0 = not marked
  std::string state_stock_mark;  // Art. 8.1(c)
  std::string licence_number;    // current licence, if any
  std::string state = "none";    // current lifecycle state (see firearm-lifecycle.yaml)
};

}  // namespace kashf::firearms
