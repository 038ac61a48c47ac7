// Requirement catalogues: what an international instrument (a UN Protocol, the International
// Tracing Instrument, later e.g. the Arms Trade Treaty) asks of national law, one row per obligation,
// written in the project's own words. A catalogue is data: one TSV file per instrument under
// data/reference/legal/catalogues/ (format in docs/legislative-gaps.md); a new instrument is a new
// file, never new code. Each file carries a version; an assessment records the version it was made
// against, so an import made against another version is refused row by row.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::legal {

// How binding the obligation is. The source text's finer wording ("shall consider", "encouraged",
// "political commitment", "definition") is kept in Requirement::kind.
enum class Force { kMandatory, kOptional };
// "mandatory" | "optional".
std::string_view ForceName(Force force);

struct Requirement {
  std::string id;       // unique across catalogues, e.g. "FP-08a", "TIP-06c"
  std::string article;  // e.g. "8.1(a)"
  std::string chapter;  // chapter id of the catalogue, e.g. "marking"
  Force force = Force::kMandatory;
  std::string kind;        // finer wording: definition | mandatory | conditional | consider | encourage | political
  std::string obligation;  // what the law must do, in the project's words
  std::string evidence_in_law;  // what provision in national law satisfies it
};

struct Chapter {
  std::string id;     // e.g. "marking"
  std::string title;  // e.g. "Marking of firearms (Art. 8)"
};

struct Catalogue {
  std::string id;                         // e.g. "un-firearms-protocol"
  std::string title;                      // e.g. "UN Firearms Protocol (2001)"
  std::string short_name;                 // e.g. "Firearms Protocol"
  std::string version;                    // e.g. "2026.1"; bumped whenever a row's meaning changes
  std::vector<Chapter> chapters;          // in report order
  std::vector<Requirement> requirements;  // file order

  // The requirement with `requirement_id`, or nullptr.
  const Requirement* Find(std::string_view requirement_id) const;
  // Title of chapter `chapter_id` (the id itself when unknown).
  std::string ChapterTitle(std::string_view chapter_id) const;
};

// Parses one catalogue file. Header lines "# key: value" give catalogue, title, short_name, version
// and chapters ("chapter: id | title", one line each, in order); then a TSV table with columns
// id, article, chapter, force, kind, obligation, evidence_in_law. Errors name file and line:
// duplicate ids, unknown chapter, force outside mandatory/optional, missing columns.
Result<Catalogue> LoadCatalogue(const std::string& path);
// Every *.tsv in `dir`, ordered by catalogue id; requirement ids must be unique across them.
Result<std::vector<Catalogue>> LoadCatalogues(const std::string& dir);

// The catalogue containing requirement `id` (nullptr when none).
const Catalogue* CatalogueOf(const std::vector<Catalogue>& catalogues, std::string_view requirement_id);

}  // namespace kashf::legal
