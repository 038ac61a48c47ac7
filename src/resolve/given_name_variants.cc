#include "kashf/resolve/given_name_variants.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf::resolve {
namespace {

std::string Key(std::string_view token) { return ToLowerAscii(Trim(token)); }

bool Contains(const std::vector<uint32_t>& sorted, uint32_t value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

}  // namespace

Result<GivenNameVariants> GivenNameVariants::LoadDefault() { return LoadDirectory(DataPath("data/reference")); }

Result<GivenNameVariants> GivenNameVariants::LoadDirectory(const std::string& dir) {
  std::vector<std::string> files = {dir + "/name-variants.tsv"};
  std::vector<std::string> given;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (StartsWith(name, "given-name-variants") && name.size() > 4 && name.substr(name.size() - 4) == ".tsv")
      given.push_back(entry.path().string());
  }
  if (ec) return Status::NotFound(fmt::format("reference folder '{}' cannot be read; set KASHF_HOME", dir));
  std::sort(given.begin(), given.end());
  files.insert(files.end(), given.begin(), given.end());
  return Load(files);
}

Result<GivenNameVariants> GivenNameVariants::Load(const std::vector<std::string>& files) {
  GivenNameVariants table;
  for (const auto& path : files) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(fmt::format("name-variant table '{}' is missing; set KASHF_HOME", path));
    enum class Format { kUnknown, kStars, kPairs } format = Format::kUnknown;
    std::map<std::string, uint32_t> canonical_group;  // pairs format: canonical -> group
    std::string line;
    for (size_t number = 1; std::getline(in, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (Trim(line).empty() || line[0] == '#') continue;
      const auto fields = Split(line, '\t');
      if (format == Format::kUnknown) {
        const std::string header = fields.size() == 2 ? Key(fields[0]) + "\t" + Key(fields[1]) : "";
        if (header == "name\tvariants") format = Format::kStars;
        else if (header == "canonical\tvariant") format = Format::kPairs;
        else
          return Status::InvalidArgument(
              fmt::format("{}:{}: the header must be 'name<TAB>variants' or 'canonical<TAB>variant'", path, number));
        continue;
      }
      if (fields.size() < 2 || Key(fields[0]).empty())
        return Status::InvalidArgument(fmt::format("{}:{}: expected a name, a tab and its variants", path, number));
      const std::string head = Key(fields[0]);
      if (format == Format::kPairs) {
        auto [it, added] = canonical_group.emplace(head, static_cast<uint32_t>(table.group_mutual_.size()));
        if (added) {
          table.group_mutual_.push_back(true);
          table.AddToGroup(it->second, head, true);
        }
        if (!Key(fields[1]).empty()) table.AddToGroup(it->second, Key(fields[1]), false);
        continue;
      }
      const auto group = static_cast<uint32_t>(table.group_mutual_.size());
      table.group_mutual_.push_back(false);
      table.AddToGroup(group, head, true);
      for (const auto& variant : Split(fields[1], ','))
        if (!Key(variant).empty() && Key(variant) != head) table.AddToGroup(group, Key(variant), false);
    }
    if (format == Format::kUnknown)
      return Status::InvalidArgument(fmt::format("{}: empty; expected a header and rows", path));
  }
  return table;
}

void GivenNameVariants::AddToGroup(uint32_t group, const std::string& token, bool head) {
  Name& name = names_[token];
  // Groups are numbered in load order, so appending keeps the lists sorted.
  if (name.groups.empty() || name.groups.back() != group) name.groups.push_back(group);
  if (head && (name.heads.empty() || name.heads.back() != group)) name.heads.push_back(group);
}

const GivenNameVariants::Name* GivenNameVariants::Find(std::string_view token) const {
  auto it = names_.find(Key(token));
  return it == names_.end() ? nullptr : &it->second;
}

bool GivenNameVariants::AreVariants(std::string_view a, std::string_view b) const {
  if (Key(a) == Key(b)) return !Key(a).empty();
  const Name* x = Find(a);
  const Name* y = Find(b);
  if (!x || !y) return false;
  auto linked = [&](const Name& head, const Name& other) {
    for (uint32_t g : head.heads)
      if (Contains(other.groups, g)) return true;
    return false;
  };
  if (linked(*x, *y) || linked(*y, *x)) return true;
  for (uint32_t g : x->groups)
    if (group_mutual_[g] && Contains(y->groups, g)) return true;
  return false;
}

std::vector<uint32_t> GivenNameVariants::GroupsOf(std::string_view token) const {
  const Name* n = Find(token);
  return n ? n->groups : std::vector<uint32_t>{};
}

}  // namespace kashf::resolve
