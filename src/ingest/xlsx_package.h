// The parts of an XLSX package (ECMA-376 Part 1 SpreadsheetML inside a Part 2 Open Packaging
// Conventions zip) that both readers need: the streaming row source (xlsx_source.cc) and the
// whole-workbook reader (xlsx_workbook.cc). libzip opens the package, expat parses the XML.
// Every part is read within the InputLimits package limits (size, zip ratio, entry count).
#pragma once
#include <expat.h>
#include <zip.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kashf/core/input_limits.h"
#include "kashf/core/result.h"

namespace kashf::xlsx {

// "x:row" -> "row" (SpreadsheetML may be written with or without a namespace prefix).
std::string LocalName(const char* name);
// The attribute whose local name is `want`, or nullptr.
const char* Attr(const char** atts, const char* want);
// Appends at most up to `cap` bytes (one past a cell limit, so a caller still sees it as too long).
void AppendCapped(std::string* s, const char* text, int len, size_t cap);
// Zero-based column of a cell reference ("C7" -> 2); saturates at SIZE_MAX / 32 (too wide anyway).
size_t ColumnIndex(const char* ref);
// Excel 1900-system serial day number -> "YYYY-MM-DD".
std::string SerialToIsoDate(double serial);

// True when `head` starts with the OLE2 Compound File Binary signature (MS-CFB 2.2: D0 CF 11 E0 A1
// B1 1A E1). A password-encrypted .xlsx is such a file (MS-OFFCRYPTO: an EncryptedPackage stream),
// and so is an old .xls; neither is a zip.
bool IsCompoundFile(std::string_view head);
// The InvalidArgument to give for such a file: what it is and how to get a readable workbook.
Status CompoundFileError(const std::string& what);

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

// Opens a workbook file read-only. NotFound when it cannot be opened; InvalidArgument (with advice)
// when it is an encrypted/legacy compound file, not a zip, or holds more than max_zip_entries files.
Result<ZipPtr> OpenPackage(const std::string& path, const InputLimits& limits);
// The same over bytes held in memory (`bytes` must outlive the package); `what` names it in errors.
Result<ZipPtr> OpenPackageBytes(std::string_view bytes, const std::string& what, const InputLimits& limits);

// Reads a whole part into memory within limits.max_xlsx_part_bytes and limits.max_zip_ratio (a zip
// bomb declares a huge uncompressed size for a few compressed bytes). A missing part is "" unless
// `required`, when it is an InvalidArgument.
Result<std::string> ReadEntry(zip_t* z, const std::string& name, bool required, const InputLimits& limits);

// Runs expat over a whole in-memory document with the given element handlers; InvalidArgument
// naming `what` if the XML is malformed.
Status ParseXml(const std::string& doc, void* ctx, XML_StartElementHandler start, XML_EndElementHandler end,
                XML_CharacterDataHandler text, const std::string& what);

struct SheetPart {
  std::string name;     // the tab's name
  std::string part;     // zip entry of its worksheet XML, e.g. "xl/worksheets/sheet1.xml"
  bool hidden = false;  // state="hidden" or "veryHidden"
};
// The worksheets in tab order (xl/workbook.xml resolved through xl/_rels/workbook.xml.rels).
// InvalidArgument when there is none.
Result<std::vector<SheetPart>> ReadSheetList(zip_t* z, const InputLimits& limits);

// xl/sharedStrings.xml (empty when absent); phonetic runs skipped, each string cut at
// limits.max_cell_bytes + 1 bytes; InvalidArgument past limits.max_shared_strings.
Result<std::vector<std::string>> ReadSharedStrings(zip_t* z, const InputLimits& limits);

// For each cellXfs index of xl/styles.xml: does its number format show a date?
Result<std::vector<bool>> ReadDateStyles(zip_t* z, const InputLimits& limits);

}  // namespace kashf::xlsx
