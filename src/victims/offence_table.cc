#include "kashf/victims/offence_table.h"

#include <fstream>

#include <fmt/format.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf::victims {
namespace {

std::optional<double> Number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    return std::stod(s);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

Result<OffenceTable> OffenceTable::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("offence table {} not found", path));
  OffenceTable t;
  std::string line;
  bool header = true;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = Split(line, '\t');
    if (f.size() < 12)
      return Status::InvalidArgument(
          fmt::format("{}:{}: expected 13 tab-separated columns, found {}", path, line_no, f.size()));
    f.resize(13);
    Offence o{f[0],         f[1],         f[2], f[3],  f[4],           f[5], Number(f[6]),
              Number(f[7]), Number(f[8]), f[9], f[10], f[11] == "yes", f[12]};
    if (o.id.empty()) return Status::InvalidArgument(fmt::format("{}:{}: empty offence id", path, line_no));
    if (t.Find(o.id))
      return Status::InvalidArgument(fmt::format("{}:{}: offence id '{}' repeated", path, line_no, o.id));
    t.offences_.push_back(std::move(o));
  }
  return t;
}

Result<OffenceTable> OffenceTable::LoadDefault() { return LoadFile(DataPath("data/reference/offences.tsv")); }

const Offence* OffenceTable::Find(const std::string& id) const {
  for (const auto& o : offences_)
    if (o.id == id) return &o;
  return nullptr;
}

}  // namespace kashf::victims
