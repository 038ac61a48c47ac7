// The straightforward baseline an analyst would write first (and the peer Kashf is compared with,
// since Python's recordlinkage cannot be installed here): two records are the same person when
// their national id digits are equal, or their lower-cased name text and birth date text are equal.
// No transliteration, no variants, no weights. Union-find over those links.
#pragma once
#include <string>
#include <vector>

#include "kashf/resolve/person_record.h"

namespace kashf::resolve {

// Cluster label per record (the index of the smallest record in its cluster, as text).
std::vector<std::string> ResolveDeterministicBaseline(const std::vector<PersonRecord>& records);

}  // namespace kashf::resolve
