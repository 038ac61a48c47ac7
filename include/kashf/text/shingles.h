// Shingles: the set of overlapping character k-grams of a text, the unit MinHash compares ads by
// (near-duplicate detection, kashf/text/ad_clusters.h).
// The text is first read as the extractors read it (kashf/text/normalised_text.h: digits of every
// script to ASCII, zero-width and bidi marks dropped, Arabic letter forms to Urdu), then reduced to
// its word tokens in ASCII lower case joined by one space, so punctuation, spacing, line breaks and
// case do not count. Shingles are k code points (not bytes: an Urdu letter counts once) of that
// string; a shorter non-empty string is one shingle. Each shingle is hashed with StableHash64.
// Why characters and k = 5: an edited word changes only the few shingles that overlap it, so a
// reworded ad keeps most of its set (word 3-shingles lose three per changed word); k = 5 is long
// enough that unrelated texts in one language share few shingles (Manning, Raghavan & Schütze,
// "Introduction to Information Retrieval", 19.6; Broder 1997 used words, short texts favour characters).
// Thread safety: pure functions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kashf::text {

inline constexpr size_t kDefaultShingleSize = 5;

// The word tokens of `text`, normalised and lower-cased, joined by single spaces.
std::string ShingleBase(std::string_view text);

// Hashes of the k-code-point shingles of ShingleBase(text), sorted and unique; empty for a text
// without words. k = 0 is treated as 1.
std::vector<uint64_t> Shingles(std::string_view text, size_t k = kDefaultShingleSize);

// |A ∩ B| / |A ∪ B| of two sorted unique sets; 0 when both are empty.
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace kashf::text
