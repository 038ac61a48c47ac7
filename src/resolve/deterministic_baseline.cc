#include "kashf/resolve/deterministic_baseline.h"

#include <unordered_map>

#include "kashf/core/text.h"
#include "kashf/resolve/clustering.h"

namespace kashf::resolve {

std::vector<std::string> ResolveDeterministicBaseline(const std::vector<PersonRecord>& records) {
  UnionFind uf(records.size());
  std::unordered_map<std::string, uint32_t> first_with;
  auto link = [&](const std::string& key, uint32_t i) {
    auto [it, inserted] = first_with.emplace(key, i);
    if (!inserted) uf.Union(it->second, i);
  };
  for (uint32_t i = 0; i < records.size(); ++i) {
    const PersonRecord& r = records[i];
    for (const auto& id : r.national_ids) {
      std::string digits;
      for (char c : id)
        if (c >= '0' && c <= '9') digits.push_back(c);
      if (!digits.empty()) link("id\x1f" + digits, i);
    }
    for (const auto& phone : r.phones)
      if (!r.IsPerson()) link("phone\x1f" + phone, i);
    for (const auto& name : r.names)
      for (const auto& birth : r.birth_dates) link("nb\x1f" + ToLowerAscii(Trim(name)) + "\x1f" + birth, i);
  }
  std::vector<std::string> out(records.size());
  std::vector<uint32_t> smallest(records.size(), UINT32_MAX);
  for (uint32_t i = 0; i < records.size(); ++i) {
    const uint32_t root = uf.Find(i);
    if (smallest[root] == UINT32_MAX) smallest[root] = i;
    out[i] = std::to_string(smallest[root]);
  }
  return out;
}

}  // namespace kashf::resolve
