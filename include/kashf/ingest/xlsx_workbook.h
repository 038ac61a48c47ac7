// A whole XLSX workbook read into memory: every sheet (hidden ones too), every cell with its
// reference and whether it holds a formula. For small structured workbooks that Kashf wrote
// itself and gets back (the legislative-gap workshop workbook); large tables are streamed by
// OpenRowSource (row_source.h) instead.
// Limits: the package limits of InputLimits (entry count, part size, zip ratio, shared strings),
// max_columns per row (a wider cell is dropped and its row flagged) and max_cell_bytes per cell (a
// longer value is cut one byte past the limit and flagged). A password-encrypted workbook (an OLE
// compound file, MS-OFFCRYPTO) is refused with advice on removing the password.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/input_limits.h"
#include "kashf/core/result.h"

namespace kashf {

struct XlsxCell {
  std::string value;      // text as shown: shared/inline strings, numbers as written, booleans "true"/"false"
  bool formula = false;   // the cell holds a formula (<f>); value is then its cached result, if any
  bool too_long = false;  // value was cut at max_cell_bytes + 1 bytes
};

struct XlsxRow {
  int64_t number = 0;                         // 1-based sheet row
  std::vector<XlsxCell> cells;                // by zero-based column; absent cells are empty
  bool too_wide = false;                      // had a cell at or past max_columns (dropped)
  const XlsxCell& Cell(size_t column) const;  // an empty cell past the end
};

struct XlsxSheet {
  std::string name;
  bool hidden = false;        // hidden or very hidden tab
  std::vector<XlsxRow> rows;  // rows present in the file, in sheet order (blank rows may be absent)
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;  // in tab order
  // The sheet named `name`, or nullptr.
  const XlsxSheet* Find(std::string_view name) const;
};

// Reads the workbook at `path`. NotFound if it cannot be opened; InvalidArgument (with what to do)
// if it is not a workbook, is encrypted, breaks a limit, or has malformed XML.
Result<XlsxWorkbook> ReadXlsxWorkbook(const std::string& path, const InputLimits& limits = {});
// The same from bytes in memory (an upload); `what` names the workbook in messages.
Result<XlsxWorkbook> ReadXlsxWorkbookBytes(std::string_view bytes, const std::string& what,
                                           const InputLimits& limits = {});

// "C7" for zero-based column 2 of row 7.
std::string XlsxCellReference(int64_t row, size_t column);

}  // namespace kashf
