#include "reference.h"

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

namespace kashf::sim {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

// Reads a TSV: skips '#' comments and the header line; `row` gets the fields and the line number.
template <typename Row>
Status ReadTsv(const std::string& path, Row row) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::NotFound(fmt::format("{}: reference file missing (is KASHF_HOME set to the Kashf folder?)", path));
  std::string line;
  bool header_seen = false;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    KASHF_RETURN_IF_ERROR(row(Split(line, '\t'), line_no));
  }
  return Status::Ok();
}

Status BadLine(const std::string& path, int line_no, const char* what) {
  return Status::Corruption(fmt::format("{}:{}: {}", path, line_no, what));
}

int ParseWeight(const std::string& s) {
  int w = std::atoi(s.c_str());
  return w > 0 ? w : 1;
}

}  // namespace

void WeightedPick::Add(int weight) { cumulative_.push_back(total() + static_cast<uint64_t>(weight)); }

size_t WeightedPick::Pick(uint64_t u) const {
  return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin());
}

const std::vector<std::vector<std::string>>& ReferenceData::List(const std::string& name) const {
  return vocabulary.at(name);
}

Result<ReferenceData> ReferenceData::Load(const std::string& home) {
  ReferenceData r;
  const std::string dir = home + "/data/reference/";
  std::string path = dir + "names-pk.tsv";
  KASHF_RETURN_IF_ERROR(ReadTsv(path, [&](std::vector<std::string> f, int n) -> Status {
    if (f.size() != 5) return BadLine(path, n, "expected 5 tab-separated fields: token kind weight latin urdu");
    NameToken t{f[0], f[1], ParseWeight(f[2]), Split(f[3], '|'), f[4]};
    size_t i = r.tokens.size();
    if (t.kind == "male") {
      r.male.push_back(i);
      r.male_pick.Add(t.weight);
    } else if (t.kind == "female") {
      r.female.push_back(i);
      r.female_pick.Add(t.weight);
    } else if (t.kind == "clan") {
      r.clan.push_back(i);
      r.clan_pick.Add(t.weight);
    } else if (t.kind == "prefix") r.prefix.push_back(i);
    else if (t.kind == "suffix") r.suffix.push_back(i);
    else return BadLine(path, n, "kind must be male, female, clan, prefix or suffix");
    r.tokens.push_back(std::move(t));
    return Status::Ok();
  }));
  if (r.male.empty() || r.female.empty() || r.clan.empty() || r.prefix.empty() || r.suffix.empty()) {
    return Status::Corruption(path + ": needs at least one token of each kind (male, female, clan, prefix, suffix)");
  }
  path = dir + "pk-districts.tsv";
  KASHF_RETURN_IF_ERROR(ReadTsv(path, [&](std::vector<std::string> f, int n) -> Status {
    if (f.size() != 4 || f[2].size() != 1)
      return BadLine(path, n, "expected: district province cnic_province_digit weight");
    r.districts.push_back({f[0], f[1], f[2][0], ParseWeight(f[3])});
    r.district_pick.Add(r.districts.back().weight);
    return Status::Ok();
  }));
  path = dir + "routes.tsv";
  KASHF_RETURN_IF_ERROR(ReadTsv(path, [&](std::vector<std::string> f, int n) -> Status {
    if (f.size() != 7)
      return BadLine(path, n, "expected: route_id origin transit destination mode exploitation weight");
    Route route{f[0], f[1], f[3], f[4], f[5], {}, ParseWeight(f[6])};
    if (!f[2].empty()) route.transit = Split(f[2], '|');
    r.routes.push_back(std::move(route));
    r.route_pick.Add(r.routes.back().weight);
    return Status::Ok();
  }));
  path = dir + "sim-vocabulary.tsv";
  KASHF_RETURN_IF_ERROR(ReadTsv(path, [&](std::vector<std::string> f, int n) -> Status {
    if (f.size() < 2) return BadLine(path, n, "expected: list<TAB>value...");
    std::string list = f[0];
    f.erase(f.begin());
    r.vocabulary[list].push_back(std::move(f));
    return Status::Ok();
  }));
  for (const char* list :
       {"station",         "fir_offence",       "fia_offence",      "bank",           "wallet",
        "collectorate",    "firearm",           "ad_opener_a",      "ad_opener_b",    "ad_job",
        "ad_job_line",     "ad_salary_line",    "ad_perk",          "ad_requirement", "ad_fee_line",
        "ad_contact_line", "ad_no_contact",     "ad_agency_a",      "ad_agency_b",    "ad_country",
        "ad_city",         "ad_weapon",         "ad_weapon_opener", "ad_weapon_line", "ad_weapon_detail",
        "ad_weapon_price", "ad_weapon_delivery"}) {
    if (r.vocabulary[list].empty()) return Status::Corruption(fmt::format("{}: list \"{}\" is empty", path, list));
  }
  for (const char* list : {"ad_country", "ad_city", "ad_weapon"})
    for (const auto& row : r.vocabulary[list])
      if (row.size() != 2)
        return Status::Corruption(
            fmt::format("{}: {} needs the text as written and the value it reads as", path, list));
  for (const auto& row : r.vocabulary["fir_offence"]) {
    if (row.size() != 3) return Status::Corruption(path + ": fir_offence needs section, offence, kind");
  }
  for (const auto& row : r.vocabulary["firearm"]) {
    if (row.size() != 6) return Status::Corruption(path + ": firearm needs make, model, type, calibre, country, bore");
  }
  if (r.districts.empty() || r.routes.empty()) return Status::Corruption(dir + ": districts or routes table is empty");
  return r;
}

}  // namespace kashf::sim
