// Small text utilities shared by every layer.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kashf {

// True when `s` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
// On failure `bad_offset` (if given) receives the byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Levenshtein edit distance in bytes (for "did you mean" suggestions on short identifiers).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible typo, else nullopt.
std::optional<std::string> ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

std::string_view Trim(std::string_view s);
std::string ToLowerAscii(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
bool StartsWith(std::string_view s, std::string_view prefix);
// One CSV field (RFC 4180): `v` in double quotes, with quotes doubled, when it holds a comma, quote
// or line break; otherwise as it is.
std::string CsvCell(std::string_view v);
// One CSV line split into fields (RFC 4180 quoting: "a,\"b,c\"" -> a | b,c; "" inside quotes is one
// quote; CR dropped). Line breaks inside a field are not supported (the caller reads by line).
std::vector<std::string> SplitCsvLine(std::string_view line);

// Seconds since the Unix epoch, UTC.
int64_t NowUnixSeconds();
// "2026-11-22T19:08:09Z"
std::string FormatIsoUtc(int64_t unix_seconds);

}  // namespace kashf
