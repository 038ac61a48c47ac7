// Jaro-Winkler string similarity (Jaro 1989; Winkler 1990, "String comparator metrics and enhanced
// decision rules in the Fellegi-Sunter model of record linkage").
// Contract: result in [0, 1]; 1 for equal strings, 0 when either is empty and the other is not.
// Works on bytes: callers pass normalised ASCII (see NameNormaliser). Thread-safe, no allocation
// for strings up to 64 bytes.
#pragma once
#include <string_view>

namespace kashf::resolve {

double JaroSimilarity(std::string_view a, std::string_view b);
// Winkler's prefix bonus: up to 4 common leading bytes, scaling factor p = 0.1.
double JaroWinklerSimilarity(std::string_view a, std::string_view b);

}  // namespace kashf::resolve
