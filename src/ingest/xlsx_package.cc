#include "xlsx_package.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

namespace kashf::xlsx {

std::string LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

const char* Attr(const char** atts, const char* want) {
  for (int i = 0; atts[i]; i += 2)
    if (LocalName(atts[i]) == want) return atts[i + 1];
  return nullptr;
}

void AppendCapped(std::string* s, const char* text, int len, size_t cap) {
  if (s->size() < cap) s->append(text, std::min(static_cast<size_t>(len), cap - s->size()));
}

size_t ColumnIndex(const char* ref) {
  size_t col = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ++ref)
    col = std::min(SIZE_MAX / 32, col * 26 + static_cast<size_t>(*ref - 'A' + 1));
  return col ? col - 1 : 0;
}

std::string SerialToIsoDate(double serial) {
  // 1900 date system: serial 25569 = 1970-01-01; serials below 61 precede Excel's fictitious
  // 1900-02-29 and are one day later than that count implies.
  int64_t serial_days = static_cast<int64_t>(std::floor(serial));
  int64_t z = serial_days - (serial_days < 61 ? 25568 : 25569);  // days since 1970-01-01
  // civil_from_days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

bool IsCompoundFile(std::string_view head) {
  static constexpr unsigned char kSignature[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  return head.size() >= sizeof kSignature && std::memcmp(head.data(), kSignature, sizeof kSignature) == 0;
}

Status CompoundFileError(const std::string& what) {
  return Status::InvalidArgument(
      fmt::format("'{}' is password-protected (encrypted) or an old Excel .xls file, not an .xlsx workbook Kashf can "
                  "read: open it in Excel or LibreOffice, remove the password to open (File > Info > Protect Workbook "
                  "> Encrypt with Password) and save it as .xlsx",
                  what));
}

namespace {

Status CheckEntryCount(zip_t* z, const std::string& what, const InputLimits& limits) {
  if (zip_get_num_entries(z, 0) > static_cast<zip_int64_t>(limits.max_zip_entries))
    return Status::InvalidArgument(
        fmt::format("'{}' holds more than {} files; not a workbook Kashf reads (save the sheet as CSV to import it)",
                    what, limits.max_zip_entries));
  return Status::Ok();
}

Status NotAZip(const std::string& what) {
  return Status::InvalidArgument(
      fmt::format("'{}' is not an XLSX workbook (not a zip package); if it is CSV, rename it to .csv", what));
}

// Parts larger than this are also held to limits.max_zip_ratio (small parts compress unevenly).
constexpr uint64_t kRatioCheckedFrom = uint64_t{1} << 20;

}  // namespace

Result<ZipPtr> OpenPackage(const std::string& path, const InputLimits& limits) {
  int zerr = 0;
  ZipPtr z(zip_open(path.c_str(), ZIP_RDONLY, &zerr));
  if (!z) {
    if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN)
      return Status::NotFound(fmt::format("file '{}' does not exist or cannot be opened", path));
    std::ifstream in(path, std::ios::binary);
    char head[8] = {};
    in.read(head, sizeof head);
    if (IsCompoundFile(std::string_view(head, static_cast<size_t>(in.gcount())))) return CompoundFileError(path);
    return NotAZip(path);
  }
  KASHF_RETURN_IF_ERROR(CheckEntryCount(z.get(), path, limits));
  return z;
}

Result<ZipPtr> OpenPackageBytes(std::string_view bytes, const std::string& what, const InputLimits& limits) {
  if (IsCompoundFile(bytes)) return CompoundFileError(what);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) {
    zip_error_fini(&error);
    return Status::Internal("cannot allocate a zip source");
  }
  ZipPtr z(zip_open_from_source(src, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!z) {
    zip_source_free(src);
    return NotAZip(what);
  }
  KASHF_RETURN_IF_ERROR(CheckEntryCount(z.get(), what, limits));
  return z;
}

Result<std::string> ReadEntry(zip_t* z, const std::string& name, bool required, const InputLimits& limits) {
  zip_stat_t st;
  if (zip_stat(z, name.c_str(), 0, &st) != 0) {
    if (required) return Status::InvalidArgument(fmt::format("not a valid XLSX workbook: '{}' is missing", name));
    return std::string();
  }
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > limits.max_xlsx_part_bytes ||
      (st.size > kRatioCheckedFrom && st.size / std::max<zip_uint64_t>(st.comp_size, 1) > limits.max_zip_ratio))
    return Status::InvalidArgument(
        fmt::format("workbook part '{}' unpacks to more than {} MB or more than {} times its packed size; refused as a "
                    "possible zip bomb (save the sheet as CSV to import it)",
                    name, limits.max_xlsx_part_bytes >> 20, limits.max_zip_ratio));
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return Status::InvalidArgument(fmt::format("cannot read '{}' inside the workbook", name));
  std::string out(st.size, '\0');
  zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
    return Status::InvalidArgument(fmt::format("'{}' inside the workbook is damaged", name));
  return out;
}

Status ParseXml(const std::string& doc, void* ctx, XML_StartElementHandler start, XML_EndElementHandler end,
                XML_CharacterDataHandler text, const std::string& what) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, ctx);
  XML_SetElementHandler(p, start, end);
  XML_SetCharacterDataHandler(p, text);
  bool ok = XML_Parse(p, doc.data(), static_cast<int>(doc.size()), 1) != XML_STATUS_ERROR;
  std::string err = ok ? "" : XML_ErrorString(XML_GetErrorCode(p));
  XML_ParserFree(p);
  if (!ok) return Status::InvalidArgument(fmt::format("workbook part '{}' is not valid XML: {}", what, err));
  return Status::Ok();
}

namespace {

void NoEnd(void*, const char*) {}
void NoText(void*, const char*, int) {}

struct SheetList {
  std::vector<SheetPart> sheets;
  std::vector<std::string> rel_ids;                      // parallel to sheets
  std::unordered_map<std::string, std::string> targets;  // relationship id -> part
};

}  // namespace

Result<std::vector<SheetPart>> ReadSheetList(zip_t* z, const InputLimits& limits) {
  KASHF_ASSIGN_OR_RETURN(std::string wb_xml, ReadEntry(z, "xl/workbook.xml", true, limits));
  KASHF_ASSIGN_OR_RETURN(std::string rels_xml, ReadEntry(z, "xl/_rels/workbook.xml.rels", true, limits));
  SheetList list;
  KASHF_RETURN_IF_ERROR(ParseXml(
      wb_xml, &list,
      [](void* u, const char* n, const char** a) {
        if (LocalName(n) != "sheet") return;
        const char* name = Attr(a, "name");
        const char* id = Attr(a, "id");
        const char* state = Attr(a, "state");
        if (!name || !id) return;
        auto* l = static_cast<SheetList*>(u);
        l->sheets.push_back({name, "", state && std::strcmp(state, "visible") != 0});
        l->rel_ids.emplace_back(id);
      },
      NoEnd, NoText, "workbook.xml"));
  KASHF_RETURN_IF_ERROR(ParseXml(
      rels_xml, &list,
      [](void* u, const char* n, const char** a) {
        if (LocalName(n) != "Relationship") return;
        const char* id = Attr(a, "Id");
        const char* target = Attr(a, "Target");
        if (id && target) static_cast<SheetList*>(u)->targets[id] = target;
      },
      NoEnd, NoText, "workbook.xml.rels"));
  if (list.sheets.empty()) return Status::InvalidArgument("the workbook has no worksheet");
  for (size_t i = 0; i < list.sheets.size(); ++i) {
    const std::string& target = list.targets[list.rel_ids[i]];
    list.sheets[i].part = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
  }
  return std::move(list.sheets);
}

namespace {

struct SharedStrings {
  std::vector<std::string> strings;
  std::string cur;
  bool in_t = false;
  int skip = 0;                         // inside <rPh> (phonetic runs): ignored
  size_t max_count = 0, max_bytes = 0;  // limits.max_shared_strings; a string is cut at max_bytes
  bool too_many = false;
};

struct Styles {
  std::set<int> date_formats;    // numFmtIds that are dates
  std::vector<bool> xf_is_date;  // cellXfs index -> date?
  bool in_xfs = false;
};

bool FormatCodeIsDate(const std::string& code) {
  bool quoted = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') {  // skip [Red], [$-409] ...
      while (i < code.size() && code[i] != ']') ++i;
      continue;
    }
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

}  // namespace

Result<std::vector<std::string>> ReadSharedStrings(zip_t* z, const InputLimits& limits) {
  KASHF_ASSIGN_OR_RETURN(std::string ss_xml, ReadEntry(z, "xl/sharedStrings.xml", false, limits));
  SharedStrings shared;
  shared.max_count = limits.max_shared_strings;
  shared.max_bytes = limits.max_cell_bytes + 1;
  if (ss_xml.empty()) return std::move(shared.strings);
  KASHF_RETURN_IF_ERROR(ParseXml(
      ss_xml, &shared,
      [](void* u, const char* n, const char**) {
        auto* s = static_cast<SharedStrings*>(u);
        std::string ln = LocalName(n);
        if (ln == "si") s->cur.clear();
        else if (ln == "rPh") ++s->skip;
        else if (ln == "t" && s->skip == 0) s->in_t = true;
      },
      [](void* u, const char* n) {
        auto* s = static_cast<SharedStrings*>(u);
        std::string ln = LocalName(n);
        if (ln == "si") {
          if (s->strings.size() < s->max_count) s->strings.push_back(s->cur);
          else s->too_many = true;
        } else if (ln == "rPh") --s->skip;
        else if (ln == "t") s->in_t = false;
      },
      [](void* u, const char* t, int len) {
        auto* s = static_cast<SharedStrings*>(u);
        if (s->in_t) AppendCapped(&s->cur, t, len, s->max_bytes);
      },
      "sharedStrings.xml"));
  if (shared.too_many)
    return Status::InvalidArgument(
        fmt::format("the workbook has more than {} shared strings, the limit per workbook", limits.max_shared_strings));
  return std::move(shared.strings);
}

Result<std::vector<bool>> ReadDateStyles(zip_t* z, const InputLimits& limits) {
  KASHF_ASSIGN_OR_RETURN(std::string styles_xml, ReadEntry(z, "xl/styles.xml", false, limits));
  Styles styles;
  for (int id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}) styles.date_formats.insert(id);
  if (styles_xml.empty()) return std::move(styles.xf_is_date);
  KASHF_RETURN_IF_ERROR(ParseXml(
      styles_xml, &styles,
      [](void* u, const char* n, const char** a) {
        auto* s = static_cast<Styles*>(u);
        std::string ln = LocalName(n);
        if (ln == "numFmt") {
          const char* id = Attr(a, "numFmtId");
          const char* code = Attr(a, "formatCode");
          if (id && code && FormatCodeIsDate(code)) s->date_formats.insert(std::atoi(id));
        } else if (ln == "cellXfs") {
          s->in_xfs = true;
        } else if (ln == "xf" && s->in_xfs) {
          const char* id = Attr(a, "numFmtId");
          s->xf_is_date.push_back(id && s->date_formats.count(std::atoi(id)));
        }
      },
      [](void* u, const char* n) {
        if (LocalName(n) == "cellXfs") static_cast<Styles*>(u)->in_xfs = false;
      },
      NoText, "styles.xml"));
  return std::move(styles.xf_is_date);
}

}  // namespace kashf::xlsx
