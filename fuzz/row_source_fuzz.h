// One driver for the source-file harnesses (CSV, JSON lines, XLSX): the input is the file; it is
// opened with the ingest tests' FIR-register mapping's columns and every row is read and mapped, with small
// limits so that the limit paths are reached too. Crashes, leaks, UB and hangs are the findings;
// errors returned as values are the expected outcome for most inputs.
#pragma once
#include "fuzz_util.h"
#include "ingest_test_util.h"  // kFirMapping: the FIR-register mapping the ingest tests use
#include "kashf/ingest/mapping.h"
#include "kashf/ingest/row_mapper.h"
#include "kashf/ingest/row_source.h"

namespace kashf::fuzz {

// Reads the rows of `source` (at most 100,000) and maps each; stops at the end or a read error.
inline void MapEveryRow(RowSource& source, const RecordMapper& mapper) {
  SourceRow row;
  MappedRow mapped;
  for (int rows = 0; rows < 100000; ++rows) {
    auto more = source.Next(&row);
    if (!more.ok() || !*more) break;
    mapper.Map(row, &mapped);
  }
}

inline int FuzzRowSource(const uint8_t* data, size_t size, SourceFormat format) {
  static const Model model = Must(Model::LoadDefault(), "model");
  static const Mapping mapping = Must(ParseMapping(testing::kFirMapping, "fir.yaml", model), "mapping");
  static MemFile file;
  SourceOptions o;
  o.format = format;
  o.limits.max_record_bytes = size_t{1} << 20;
  o.limits.max_cell_bytes = 4096;
  o.limits.max_columns = 64;
  o.limits.max_xlsx_part_bytes = size_t{8} << 20;
  o.limits.max_shared_strings = 10000;
  const std::string& path = file.Write(data, size);
  auto source = OpenRowSource(path, o, mapping.Columns());
  if (!source.ok()) return 0;
  MapEveryRow(**source, RowMapper(mapping, "fuzz", 1700000000, o.limits.max_cell_bytes));
  return 0;
}

}  // namespace kashf::fuzz
