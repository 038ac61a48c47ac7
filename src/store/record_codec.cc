#include "record_codec.h"

namespace kashf {
namespace {

bool ReadVarint(std::string_view data, size_t* pos, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= data.size()) return false;
    const auto byte = static_cast<unsigned char>(data[(*pos)++]);
    *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

bool ReadString(std::string_view data, size_t* pos, std::string_view* s) {
  uint64_t n = 0;
  if (!ReadVarint(data, pos, &n) || n > data.size() - *pos) return false;
  *s = data.substr(*pos, n);
  *pos += n;
  return true;
}

}  // namespace

void AppendVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void AppendString(std::string* out, std::string_view s) {
  AppendVarint(out, s.size());
  out->append(s);
}

Status DecodeRecord(std::string_view data, std::vector<PackedGroup>* groups) {
  groups->clear();
  size_t pos = 0;
  uint64_t n = 0;
  auto damaged = [] { return Status::Corruption("a stored record is damaged (packed statements cut short)"); };
  if (!ReadVarint(data, &pos, &n) || n > data.size()) return damaged();
  groups->resize(n);
  for (auto& g : *groups) {
    uint64_t pairs = 0;
    if (!ReadString(data, &pos, &g.entity_id) || !ReadString(data, &pos, &g.schema) ||
        !ReadVarint(data, &pos, &pairs) || pairs > data.size())
      return damaged();
    g.props.resize(pairs);
    for (auto& [prop, value] : g.props)
      if (!ReadString(data, &pos, &prop) || !ReadString(data, &pos, &value)) return damaged();
  }
  if (pos != data.size()) return damaged();
  return Status::Ok();
}

}  // namespace kashf
