// What the workshop workbook's writer and reader must agree on (assessment_workbook.h describes
// the layout): sheet names, the fixed columns, how a jurisdiction column is named, and the hash of
// a cell's exported values.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kashf::legal::workbook {

inline constexpr std::string_view kFormat = "kashf-gap-workbook/1";
inline constexpr std::string_view kMetaSheet = "_kashf";
inline constexpr std::string_view kReadMeSheet = "Read me";
inline constexpr std::string_view kInstrumentsSheet = "Instruments";

// Rows of a catalogue sheet (1-based): jurisdiction names, column headers, then requirements.
inline constexpr int64_t kHeaderRow = 2;
inline constexpr int64_t kFirstDataRow = 3;
// The locked columns A-E.
inline constexpr std::array<std::string_view, 5> kFixedHeaders = {"Requirement", "Article", "Chapter", "Obligation",
                                                                  "Evidence in law"};
// The three columns per jurisdiction, in order.
enum class Field { kStatus = 0, kProvisions = 1, kJustification = 2 };
inline constexpr std::array<std::string_view, 3> kFieldNames = {"status", "provisions", "justification"};

// "pk-pb status".
std::string ColumnHeader(std::string_view jurisdiction, Field field);
struct ParsedHeader {
  std::string jurisdiction;
  Field field = Field::kStatus;
};
// The inverse; nullopt when the header does not end in one of the three field names.
std::optional<ParsedHeader> ParseColumnHeader(std::string_view header);

// Sheet tab name for a catalogue: its short name without the characters Excel forbids ([]:*?/\),
// at most 31 characters, unique among `taken` (a counter is appended).
std::string SheetName(std::string_view short_name, const std::vector<std::string>& taken);

// Hex hash of one cell's exported values (StableHashParts), written in the _kashf sheet.
std::string CellHash(std::string_view requirement, std::string_view jurisdiction, int64_t version,
                     std::string_view status, std::string_view provisions, std::string_view justification);

// Kinds of _kashf rows (column A).
inline constexpr std::string_view kMetaFormat = "format";        // B: kFormat
inline constexpr std::string_view kMetaExported = "exported";    // B: date, C: user
inline constexpr std::string_view kMetaCatalogue = "catalogue";  // B: sheet, C: catalogue id, D: version
// B: sheet, C: requirement, D: jurisdiction, E: version, F: hash, G: status label, H: provisions,
// I: justification
inline constexpr std::string_view kMetaCell = "cell";

}  // namespace kashf::legal::workbook
