// Packed storage of the statements of one source record (one SQLite row per record instead of
// one per statement; see migration 3 in migrations.cc and docs/bench/ingest.md for why).
// Layout: varint group count, then per group (one entity): entity id, schema, varint pair count,
// then (prop, value) pairs. Strings are a varint length followed by the bytes. Varints are
// LEB128 (7 bits per byte, low bits first).
// Contract: Decode(Encode(x)) == x; Decode rejects truncated or overlong input instead of reading
// past the end.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

struct PackedGroup {
  std::string_view entity_id, schema;
  std::vector<std::pair<std::string_view, std::string_view>> props;  // (prop, value)
};

// Building blocks of the encoder: write the group count with AppendVarint, then per group
// AppendString(entity id), AppendString(schema), AppendVarint(pairs), AppendString(prop/value)...
void AppendVarint(std::string* out, uint64_t v);
void AppendString(std::string* out, std::string_view s);

// Reads a packed record. Views point into `data`, which must outlive `groups`.
Status DecodeRecord(std::string_view data, std::vector<PackedGroup>* groups);

}  // namespace kashf
