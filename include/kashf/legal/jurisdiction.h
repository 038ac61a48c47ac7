// Jurisdictions and their legal instruments. A country is data: one YAML file per country under
// data/reference/legal/countries/ lists its jurisdictions (the federation, provinces, territories)
// and the instruments each has enacted (act, ordinance, rules, SRO) with their sections, dates in
// force, amendments and repeal. A jurisdiction may defer to another (usually the federation) for a
// catalogue: its effective assessment is then inherited, with a note (see assessment.h).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::legal {

struct Deference {
  std::string catalogue;  // catalogue id, e.g. "un-tip-protocol"
  std::string to;         // jurisdiction id whose law applies, e.g. "pk"
  std::string note;       // why, e.g. "trafficking in persons is a federal subject"
};

struct Jurisdiction {
  std::string id;       // e.g. "pk", "pk-pb"
  std::string name;     // e.g. "Punjab"
  std::string country;  // ISO 3166 alpha-2, lower case
  std::string level;    // federal | provincial | territory
  std::string parent;   // enclosing jurisdiction id ("" for the federation)
  std::vector<Deference> defers;
};

struct Section {
  std::string number;  // e.g. "13", "3(1)(b)"
  std::string heading;
  std::string excerpt;  // short excerpt or paraphrase shown in drill-down; to be verified against the gazette
};

struct Amendment {
  std::string by;    // amending instrument id or title
  std::string date;  // YYYY-MM-DD
  std::string note;
};

struct Instrument {
  std::string id;            // e.g. "pk-pb-arms-ordinance-1965"
  std::string jurisdiction;  // jurisdiction id
  std::string title;
  std::string kind;      // act | ordinance | rules | sro
  std::string enacted;   // YYYY-MM-DD or YYYY
  std::string in_force;  // YYYY-MM-DD or YYYY
  std::string repealed;  // date of repeal, "" while in force
  std::string repealed_by;
  std::vector<Section> sections;
  std::vector<Amendment> amendments;

  const Section* FindSection(std::string_view number) const;
  // In force on `date` (YYYY-MM-DD): in_force <= date and not repealed on or before it.
  bool InForceOn(std::string_view date) const;
};

// A country's legal landscape.
struct Country {
  std::string id;  // ISO alpha-2
  std::string name;
  bool illustrative = false;  // data not yet verified against the law's text; reports say so
  std::string illustrative_note;
  std::vector<Jurisdiction> jurisdictions;  // federation first
  std::vector<Instrument> instruments;

  const Jurisdiction* FindJurisdiction(std::string_view jurisdiction_id) const;
  const Instrument* FindInstrument(std::string_view instrument_id) const;
};

// Parses one country file; errors name the file and the entry (unknown parent, deference to an
// unknown jurisdiction, instrument of an unknown jurisdiction, kind outside the list, duplicates).
Result<Country> LoadCountry(const std::string& path);
// Every *.yaml in `dir`; jurisdiction ids must be unique across countries.
Result<std::vector<Country>> LoadCountries(const std::string& dir);

}  // namespace kashf::legal
