#include "kashf/legal/catalogue.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::legal {

std::string_view ForceName(Force force) { return force == Force::kMandatory ? "mandatory" : "optional"; }

const Requirement* Catalogue::Find(std::string_view requirement_id) const {
  for (const auto& r : requirements)
    if (r.id == requirement_id) return &r;
  return nullptr;
}

std::string Catalogue::ChapterTitle(std::string_view chapter_id) const {
  for (const auto& c : chapters)
    if (c.id == chapter_id) return c.title;
  return std::string(chapter_id);
}

namespace {

const std::vector<std::string> kColumns = {"id",   "article",    "chapter",        "force",
                                           "kind", "obligation", "evidence_in_law"};

// Applies one "# key: value" header line to `c`; unknown keys (e.g. "source") are documentation.
Status ApplyHeader(std::string_view line, Catalogue& c, const std::string& where) {
  std::string_view body = Trim(line.substr(1));
  size_t colon = body.find(':');
  if (colon == std::string_view::npos) return Status::Ok();  // a plain comment
  std::string key(Trim(body.substr(0, colon)));
  std::string value(Trim(body.substr(colon + 1)));
  if (key == "catalogue") c.id = value;
  if (key == "title") c.title = value;
  if (key == "short_name") c.short_name = value;
  if (key == "version") c.version = value;
  if (key == "chapter") {
    size_t bar = value.find('|');
    if (bar == std::string::npos)
      return Status::InvalidArgument(where + ": a chapter line reads '# chapter: id | title'");
    c.chapters.push_back({std::string(Trim(std::string_view(value).substr(0, bar))),
                          std::string(Trim(std::string_view(value).substr(bar + 1)))});
  }
  return Status::Ok();
}

Result<Requirement> ParseRow(const std::vector<std::string>& f, const Catalogue& c, const std::string& where) {
  if (f.size() != kColumns.size())
    return Status::InvalidArgument(
        fmt::format("{}: {} columns, expected {} ({})", where, f.size(), kColumns.size(), Join(kColumns, ", ")));
  Requirement r{f[0], f[1], f[2], Force::kMandatory, f[4], f[5], f[6]};
  if (r.id.empty() || r.obligation.empty()) return Status::InvalidArgument(where + ": id and obligation are required");
  if (f[3] == "optional") {
    r.force = Force::kOptional;
  } else if (f[3] != "mandatory") {
    return Status::InvalidArgument(fmt::format("{}: force '{}' is neither mandatory nor optional", where, f[3]));
  }
  if (std::none_of(c.chapters.begin(), c.chapters.end(), [&](const Chapter& ch) { return ch.id == r.chapter; }))
    return Status::InvalidArgument(
        fmt::format("{}: chapter '{}' is not declared in a '# chapter:' line", where, r.chapter));
  return r;
}

}  // namespace

Result<Catalogue> LoadCatalogue(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the catalogue file " + path);
  Catalogue c;
  bool header_seen = false;
  std::set<std::string> ids;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string where = fmt::format("{} line {}", path, n);
    if (Trim(line).empty()) continue;
    if (line[0] == '#') {
      KASHF_RETURN_IF_ERROR(ApplyHeader(line, c, where));
      continue;
    }
    std::vector<std::string> fields = Split(line, '\t');
    if (!header_seen) {
      if (fields != kColumns)
        return Status::InvalidArgument(fmt::format("{}: the header must be: {}", where, Join(kColumns, " TAB ")));
      header_seen = true;
      continue;
    }
    KASHF_ASSIGN_OR_RETURN(Requirement r, ParseRow(fields, c, where));
    if (!ids.insert(r.id).second) return Status::InvalidArgument(fmt::format("{}: duplicate id {}", where, r.id));
    c.requirements.push_back(std::move(r));
  }
  if (c.id.empty() || c.version.empty())
    return Status::InvalidArgument(path + ": '# catalogue:' and '# version:' header lines are required");
  if (c.short_name.empty()) c.short_name = c.id;
  if (c.requirements.empty()) return Status::InvalidArgument(path + ": no requirements");
  return c;
}

Result<std::vector<Catalogue>> LoadCatalogues(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".tsv") files.push_back(e.path().string());
  if (ec) return Status::NotFound("cannot list the catalogue folder " + dir);
  std::vector<Catalogue> out;
  std::set<std::string> ids;
  for (const auto& f : files) {
    KASHF_ASSIGN_OR_RETURN(Catalogue c, LoadCatalogue(f));
    for (const auto& r : c.requirements)
      if (!ids.insert(r.id).second)
        return Status::InvalidArgument(fmt::format("{}: requirement id {} is used by another catalogue", f, r.id));
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Catalogue& a, const Catalogue& b) { return a.id < b.id; });
  return out;
}

const Catalogue* CatalogueOf(const std::vector<Catalogue>& catalogues, std::string_view requirement_id) {
  for (const auto& c : catalogues)
    if (c.Find(requirement_id)) return &c;
  return nullptr;
}

}  // namespace kashf::legal
