// How agencies write down a true value: spelling variants, Urdu script, typos, formats.
// Every function draws from the given Rng only, so output is deterministic.
#pragma once
#include <string>
#include <vector>

#include "random.h"
#include "reference.h"

namespace kashf::sim {

// Latin spelling of `tokens`: each token takes a non-standard variant with probability
// `variant_rate` (when the table has one). E.g. {muhammad, asif} -> "Mohd Asif".
std::string LatinName(const ReferenceData& ref, const std::vector<size_t>& tokens, double variant_rate, Rng& rng);
// Urdu-script spelling of `tokens`, e.g. "محمد آصف".
std::string UrduName(const ReferenceData& ref, const std::vector<size_t>& tokens);

// CNIC as written, from the true 13 digits: "NNNNN-NNNNNNN-N", or without dashes with probability
// `no_dash_rate`; with probability `typo_rate` one of: a wrong digit, two adjacent digits swapped,
// a dropped digit (never the first, province, digit).
std::string WriteCnic(const std::string& digits, double no_dash_rate, double typo_rate, Rng& rng);
// Marks: which kind of CNIC typo was made (for tests and docs).
enum class CnicTypo { kNone, kWrongDigit, kTransposed, kDropped };
std::string CnicWithTypo(const std::string& digits, CnicTypo typo, Rng& rng);

// Mobile number as written, from the national number "3001234567": "0300-1234567",
// "03001234567", "+92 300 1234567", "923001234567" or "+92-300-1234567"; with probability
// `typo_rate` one subscriber digit is wrong.
std::string WritePhone(const std::string& national, double typo_rate, Rng& rng);

// Date from a day number (days since 1970-01-01), in the given layout:
// 'I' ISO YYYY-MM-DD, 'D' DD/MM/YYYY, 'H' DD-MM-YYYY, 'P' DD.MM.YYYY.
std::string FormatDate(int64_t days, char layout);
// Days since 1970-01-01 of a civil date (H. Hinnant, "chrono-compatible low-level date algorithms").
int64_t DaysFromCivil(int y, unsigned m, unsigned d);

// Replaces 1..3 characters of `serial` by '?' (a partly obliterated marking).
std::string ObliterateSerial(const std::string& serial, Rng& rng);

}  // namespace kashf::sim
