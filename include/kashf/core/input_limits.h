// Limits on input from outside (HTTP requests, source files, mapping files), in one place with
// their defaults. Every parser of outside input takes its limits from an InputLimits value, so a
// limit is changed here (or per run through the CLI flags named below) and nowhere else.
// docs/security.md ("Limits") lists each one with where it is enforced.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kashf/core/status.h"

namespace kashf {

struct InputLimits {
  // ---- JSON and YAML ----------------------------------------------------------------------
  // Deepest nesting of objects/arrays (JSON) or of block/flow collections (YAML). Nothing Kashf
  // reads nests deeper than 5; deep nesting only serves to exhaust the stack of a recursive walk.
  size_t max_nesting_depth = 64;

  // ---- HTTP server (kashf serve) --------------------------------------------------------------
  size_t max_request_body_bytes = size_t{1} << 20;  // 413 above; `serve --max-body`
  // Request line (so also the whole query string) and each header line: cpp-httplib's
  // compile-time limits (414 / 431), listed here so the documentation has one source; they
  // cannot be changed at run time. Each handler bounds its own parameters further (e.g. q).
  size_t max_uri_bytes = 8192;
  size_t max_header_line_bytes = 8192;
  size_t max_header_count = 100;     // 431 above
  size_t max_query_parameters = 64;  // 414 above

  // ---- Source files (kashf ingest) ------------------------------------------------------------
  // Longest record (CSV/JSON line) in bytes; a longer one is usually an unclosed quote and stops
  // the read with the rows before it kept.
  size_t max_record_bytes = size_t{16} << 20;
  // Largest cell: a row with a longer value is rejected (located: file, line, column); Excel's own
  // limit is 32,767 characters, 3 bytes each in Urdu. `ingest --max-cell-bytes`.
  size_t max_cell_bytes = size_t{128} << 10;
  // Widest row or header, in columns (XLSX's own maximum is 16,384). `ingest --max-columns`.
  size_t max_columns = 16384;

  // ---- XLSX packages ------------------------------------------------------------------------
  size_t max_zip_entries = 10000;                      // files inside the workbook
  uint64_t max_xlsx_part_bytes = uint64_t{256} << 20;  // uncompressed size of a part read whole
  uint64_t max_zip_ratio = 200;                        // uncompressed / compressed size of such a part
  size_t max_shared_strings = 20'000'000;              // entries of xl/sharedStrings.xml

  // ---- Mapping files ------------------------------------------------------------------------
  size_t max_mapping_bytes = size_t{1} << 20;
};

// InvalidArgument if `json` nests objects/arrays deeper than `max_depth`, naming the limit; Ok for
// anything else, malformed JSON included (the real parser reports that). One pass over the bytes,
// no recursion and no allocation, so it is safe to run before any DOM is built.
Status CheckJsonNesting(std::string_view json, size_t max_depth);

// The same for YAML text: counts flow brackets ([ {) and block indentation levels. Conservative:
// it may count a level a YAML parser would not, never fewer.
Status CheckYamlNesting(std::string_view yaml, size_t max_depth);

}  // namespace kashf
