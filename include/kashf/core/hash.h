// Stable 64-bit hashing for identifiers that are persisted (entity ids, statement ids).
// Contract: the output never changes between versions or platforms; changing it is a migration.
// Algorithm: FNV-1a over the bytes, finished with the SplitMix64 mixer for avalanche.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace kashf {

uint64_t StableHash64(std::string_view bytes, uint64_t seed = 0);
// Hash of several parts, each length-prefixed so ("ab","c") != ("a","bc").
uint64_t StableHashParts(std::initializer_list<std::string_view> parts);
// 16 lower-case hex digits.
std::string Hex64(uint64_t value);

}  // namespace kashf
