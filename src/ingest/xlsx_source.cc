// XLSX reader (ECMA-376 SpreadsheetML): libzip opens the package, expat streams the sheet XML so
// memory stays bounded by the shared-string table, not the sheet size. Row 1 is the header.
// Cells with a date number format are returned as ISO dates (1900 date system).
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "csv_source.h"
#include "kashf/core/text.h"

namespace kashf {
namespace {

std::string LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

const char* Attr(const char** atts, const char* want) {
  for (int i = 0; atts[i]; i += 2)
    if (LocalName(atts[i]) == want) return atts[i + 1];
  return nullptr;
}

// Parts larger than this are also held to limits.max_zip_ratio (small parts compress unevenly).
constexpr uint64_t kRatioCheckedFrom = uint64_t{1} << 20;

// Reads a whole part into memory, within limits.max_xlsx_part_bytes and limits.max_zip_ratio
// (a zip bomb declares a huge uncompressed size for a few compressed bytes).
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
                    "possible zip "
                    "bomb (save the sheet as CSV to import it)",
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

// Runs expat over a whole in-memory document with the given element handlers.
template <typename Ctx>
Status ParseXml(const std::string& doc, Ctx* ctx, XML_StartElementHandler start, XML_EndElementHandler end,
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

struct SharedStrings {
  std::vector<std::string> strings;
  std::string cur;
  bool in_t = false, in_si = false;
  int skip = 0;                         // inside <rPh> (phonetic runs): ignored
  size_t max_count = 0, max_bytes = 0;  // limits.max_shared_strings; a string is cut at max_bytes
  bool too_many = false;
};

// Appends at most up to `cap` bytes (one past a cell limit, so the row mapper still sees it as too long).
void AppendCapped(std::string* s, const char* text, int len, size_t cap) {
  if (s->size() < cap) s->append(text, std::min(static_cast<size_t>(len), cap - s->size()));
}

struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  std::unordered_map<std::string, std::string> targets;     // relationship id -> part
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

class XlsxSource final : public RowSource {
 public:
  ~XlsxSource() override {
    if (parser_) XML_ParserFree(parser_);
    if (sheet_) zip_fclose(sheet_);
    if (zip_) zip_discard(zip_);
  }

  Status Init(const std::string& path, const SourceOptions& opt, const std::vector<std::string>& columns) {
    limits_ = opt.limits;
    int zerr = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &zerr);
    if (!zip_) {
      if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN)
        return Status::NotFound(fmt::format("file '{}' does not exist or cannot be opened", path));
      return Status::InvalidArgument(
          fmt::format("'{}' is not an XLSX workbook (not a zip package); if it is CSV, rename it to .csv", path));
    }
    if (zip_get_num_entries(zip_, 0) > static_cast<zip_int64_t>(limits_.max_zip_entries))
      return Status::InvalidArgument(
          fmt::format("'{}' holds more than {} files; not a workbook Kashf reads (save the "
                      "sheet as CSV to import it)",
                      path, limits_.max_zip_entries));
    KASHF_ASSIGN_OR_RETURN(std::string wb_xml, ReadEntry(zip_, "xl/workbook.xml", true, limits_));
    KASHF_ASSIGN_OR_RETURN(std::string rels_xml, ReadEntry(zip_, "xl/_rels/workbook.xml.rels", true, limits_));
    Workbook wb;
    KASHF_RETURN_IF_ERROR(ParseXml(
        wb_xml, &wb,
        [](void* u, const char* n, const char** a) {
          if (LocalName(n) == "sheet") {
            const char* name = Attr(a, "name");
            const char* id = Attr(a, "id");
            if (name && id) static_cast<Workbook*>(u)->sheets.emplace_back(name, id);
          }
        },
        [](void*, const char*) {}, [](void*, const char*, int) {}, "workbook.xml"));
    KASHF_RETURN_IF_ERROR(ParseXml(
        rels_xml, &wb,
        [](void* u, const char* n, const char** a) {
          if (LocalName(n) == "Relationship") {
            const char* id = Attr(a, "Id");
            const char* target = Attr(a, "Target");
            if (id && target) static_cast<Workbook*>(u)->targets[id] = target;
          }
        },
        [](void*, const char*) {}, [](void*, const char*, int) {}, "workbook.xml.rels"));
    if (wb.sheets.empty()) return Status::InvalidArgument(fmt::format("'{}' has no worksheet", path));
    std::string rel;
    if (opt.sheet.empty()) {
      rel = wb.sheets[0].second;
    } else {
      std::vector<std::string> names;
      for (const auto& [n, id] : wb.sheets) {
        names.push_back(n);
        if (n == opt.sheet) rel = id;
      }
      if (rel.empty()) {
        auto hint = ClosestMatch(opt.sheet, names);
        return Status::InvalidArgument(fmt::format("'{}' has no sheet '{}'{}; sheets: {}", path, opt.sheet,
                                                   hint ? fmt::format(" (did you mean '{}'?)", *hint) : "",
                                                   Join(names, ", ")));
      }
    }
    std::string target = wb.targets[rel];
    std::string part = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;

    KASHF_ASSIGN_OR_RETURN(std::string ss_xml, ReadEntry(zip_, "xl/sharedStrings.xml", false, limits_));
    shared_.max_count = limits_.max_shared_strings;
    shared_.max_bytes = limits_.max_cell_bytes + 1;
    if (!ss_xml.empty()) {
      KASHF_RETURN_IF_ERROR(ParseXml(
          ss_xml, &shared_,
          [](void* u, const char* n, const char**) {
            auto* s = static_cast<SharedStrings*>(u);
            std::string ln = LocalName(n);
            if (ln == "si") {
              s->in_si = true;
              s->cur.clear();
            } else if (ln == "rPh") ++s->skip;
            else if (ln == "t" && s->skip == 0) s->in_t = true;
          },
          [](void* u, const char* n) {
            auto* s = static_cast<SharedStrings*>(u);
            std::string ln = LocalName(n);
            if (ln == "si") {
              if (s->strings.size() < s->max_count) s->strings.push_back(s->cur);
              else s->too_many = true;
              s->in_si = false;
            } else if (ln == "rPh") --s->skip;
            else if (ln == "t") s->in_t = false;
          },
          [](void* u, const char* t, int len) {
            auto* s = static_cast<SharedStrings*>(u);
            if (s->in_t) AppendCapped(&s->cur, t, len, s->max_bytes);
          },
          "sharedStrings.xml"));
      if (shared_.too_many)
        return Status::InvalidArgument(fmt::format("'{}' has more than {} shared strings, the limit per workbook", path,
                                                   limits_.max_shared_strings));
    }
    KASHF_ASSIGN_OR_RETURN(std::string styles_xml, ReadEntry(zip_, "xl/styles.xml", false, limits_));
    for (int id : {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}) styles_.date_formats.insert(id);
    if (!styles_xml.empty()) {
      KASHF_RETURN_IF_ERROR(ParseXml(
          styles_xml, &styles_,
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
          [](void*, const char*, int) {}, "styles.xml"));
    }

    zip_stat_t st;
    if (zip_stat(zip_, part.c_str(), 0, &st) != 0)
      return Status::InvalidArgument(fmt::format("'{}': worksheet part '{}' is missing", path, part));
    total_ = st.comp_size;
    sheet_ = zip_fopen(zip_, part.c_str(), 0);
    if (!sheet_) return Status::InvalidArgument(fmt::format("'{}': cannot open worksheet '{}'", path, part));
    parser_ = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XlsxSource::OnStart, &XlsxSource::OnEnd);
    XML_SetCharacterDataHandler(parser_, &XlsxSource::OnText);

    // Header row.
    KASHF_RETURN_IF_ERROR(Pump());
    if (rows_.empty()) return Status::InvalidArgument(fmt::format("'{}': the sheet is empty; nothing to import", path));
    if (rows_.front().too_wide)
      return Status::InvalidArgument(fmt::format("'{}': the header row {}", path, RowTooWide(limits_.max_columns)));
    header_.clear();
    for (auto& h : rows_.front().cells) header_.emplace_back(Trim(h));
    rows_.pop_front();
    std::unordered_map<std::string, size_t> pos;
    for (size_t i = 0; i < header_.size(); ++i)
      if (!header_[i].empty()) pos.emplace(header_[i], i);
    for (const auto& c : columns) {
      auto it = pos.find(c);
      if (it == pos.end()) return MissingColumnError(path, header_, c, ',');
      index_.push_back(it->second);
    }
    return Status::Ok();
  }

  Result<bool> Next(SourceRow* row) override {
    row->error.clear();
    row->error_column.clear();
    for (;;) {
      while (rows_.empty() && !done_) KASHF_RETURN_IF_ERROR(Pump());
      if (rows_.empty()) return false;
      auto [line, cells, too_wide] = std::move(rows_.front());
      rows_.pop_front();
      bool blank = !too_wide;
      for (const auto& c : cells) blank = blank && Trim(c).empty();
      if (blank) continue;
      row->line = line;
      row->values.assign(index_.size(), std::string());
      if (too_wide) {
        row->error = RowTooWide(limits_.max_columns);
        return true;
      }
      for (size_t i = 0; i < index_.size(); ++i)
        if (index_[i] < cells.size()) row->values[i] = std::move(cells[index_[i]]);
      return true;
    }
  }

  uint64_t BytesRead() const override { return read_; }
  uint64_t TotalBytes() const override { return total_; }

 private:
  // Feeds the next chunk of the sheet to expat, which appends complete rows to rows_.
  Status Pump() {
    char buf[1 << 16];
    zip_int64_t n = zip_fread(sheet_, buf, sizeof buf);
    if (n < 0) return Status::InvalidArgument("the worksheet inside the workbook is damaged (zip read error)");
    read_ += static_cast<uint64_t>(n);  // uncompressed; an estimate of progress only
    if (read_ > total_) total_ = read_ + 1;
    if (n == 0) done_ = true;
    if (XML_Parse(parser_, buf, static_cast<int>(n), n == 0) == XML_STATUS_ERROR)
      return Status::InvalidArgument(fmt::format("worksheet XML is damaged near row {}: {}", cur_row_,
                                                 XML_ErrorString(XML_GetErrorCode(parser_))));
    return Status::Ok();
  }

  // Zero-based column of a cell reference ("C7" -> 2); saturates at SIZE_MAX / 32 (too wide anyway).
  static size_t ColumnIndex(const char* ref) {
    size_t col = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ++ref)
      col = std::min(SIZE_MAX / 32, col * 26 + static_cast<size_t>(*ref - 'A' + 1));
    return col ? col - 1 : 0;
  }

  static void OnStart(void* u, const char* name, const char** atts) {
    auto* self = static_cast<XlsxSource*>(u);
    std::string ln = LocalName(name);
    if (ln == "row") {
      const char* r = Attr(atts, "r");
      self->cur_row_ = r ? std::atoll(r) : self->cur_row_ + 1;
      self->cells_.clear();
      self->row_too_wide_ = false;
      self->next_col_ = 0;
    } else if (ln == "c") {
      const char* r = Attr(atts, "r");
      const char* t = Attr(atts, "t");
      const char* s = Attr(atts, "s");
      self->col_ = r ? ColumnIndex(r) : self->next_col_;
      self->next_col_ = self->col_ + 1;
      self->type_ = t ? t : "n";
      size_t xf = s ? static_cast<size_t>(std::atoll(s)) : 0;
      self->is_date_ = s && xf < self->styles_.xf_is_date.size() && self->styles_.xf_is_date[xf];
      self->text_.clear();
    } else if (ln == "v" || (ln == "t" && self->type_ == "inlineStr")) {
      self->in_text_ = true;
    }
  }

  static void OnEnd(void* u, const char* name) {
    auto* self = static_cast<XlsxSource*>(u);
    std::string ln = LocalName(name);
    if (ln == "v" || ln == "t") {
      self->in_text_ = false;
    } else if (ln == "c") {
      std::string value;
      if (self->type_ == "s") {
        size_t i = static_cast<size_t>(std::atoll(self->text_.c_str()));
        if (i < self->shared_.strings.size()) value = self->shared_.strings[i];
      } else if (self->type_ == "b") {
        value = self->text_ == "1" ? "true" : "false";
      } else if (self->type_ == "n" && self->is_date_ && !self->text_.empty()) {
        value = SerialToIsoDate(std::atof(self->text_.c_str()));
      } else {
        value = self->text_;
      }
      if (self->col_ >= self->limits_.max_columns) {
        self->row_too_wide_ = true;
        return;
      }
      if (self->cells_.size() <= self->col_) self->cells_.resize(self->col_ + 1);
      self->cells_[self->col_] = std::move(value);
    } else if (ln == "row") {
      self->rows_.push_back({self->cur_row_, std::move(self->cells_), self->row_too_wide_});
      self->cells_.clear();
    }
  }

  static void OnText(void* u, const char* s, int len) {
    auto* self = static_cast<XlsxSource*>(u);
    if (self->in_text_) AppendCapped(&self->text_, s, len, self->limits_.max_cell_bytes + 1);
  }

  zip_t* zip_ = nullptr;
  zip_file_t* sheet_ = nullptr;
  XML_Parser parser_ = nullptr;
  SharedStrings shared_;
  Styles styles_;
  uint64_t read_ = 0, total_ = 0;
  bool done_ = false;
  struct SheetRow {
    int64_t line;
    std::vector<std::string> cells;
    bool too_wide;  // had a cell at or past limits_.max_columns (not kept)
  };
  InputLimits limits_;
  std::deque<SheetRow> rows_;
  std::vector<std::string> header_, cells_;
  std::vector<size_t> index_;
  int64_t cur_row_ = 0;
  size_t col_ = 0, next_col_ = 0;
  std::string type_, text_;
  bool in_text_ = false, is_date_ = false, row_too_wide_ = false;
};

}  // namespace

Result<std::unique_ptr<RowSource>> OpenXlsxSource(const std::string& path, const SourceOptions& options,
                                                  const std::vector<std::string>& columns) {
  auto src = std::make_unique<XlsxSource>();
  KASHF_RETURN_IF_ERROR(src->Init(path, options, columns));
  return std::unique_ptr<RowSource>(std::move(src));
}

}  // namespace kashf
