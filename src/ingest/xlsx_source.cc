// XLSX reader (ECMA-376 SpreadsheetML): libzip opens the package, expat streams the sheet XML so
// memory stays bounded by the shared-string table, not the sheet size. Row 1 is the header.
// Cells with a date number format are returned as ISO dates (1900 date system).
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <unordered_map>

#include <fmt/format.h>

#include "csv_source.h"
#include "kashf/core/text.h"
#include "xlsx_package.h"

namespace kashf {
namespace {

using xlsx::AppendCapped;
using xlsx::Attr;
using xlsx::ColumnIndex;
using xlsx::LocalName;
using xlsx::SerialToIsoDate;

class XlsxSource final : public RowSource {
 public:
  ~XlsxSource() override {
    if (parser_) XML_ParserFree(parser_);
    if (sheet_) zip_fclose(sheet_);
  }

  Status Init(const std::string& path, const SourceOptions& opt, const std::vector<std::string>& columns) {
    limits_ = opt.limits;
    KASHF_ASSIGN_OR_RETURN(package_, xlsx::OpenPackage(path, limits_));
    zip_ = package_.get();
    auto sheets = xlsx::ReadSheetList(zip_, limits_);
    if (!sheets.ok()) return sheets.status().WithContext(fmt::format("'{}'", path));
    std::string part;
    if (opt.sheet.empty()) {
      part = sheets->front().part;
    } else {
      std::vector<std::string> names;
      for (const auto& sheet : *sheets) {
        names.push_back(sheet.name);
        if (sheet.name == opt.sheet) part = sheet.part;
      }
      if (part.empty()) {
        auto hint = ClosestMatch(opt.sheet, names);
        return Status::InvalidArgument(fmt::format("'{}' has no sheet '{}'{}; sheets: {}", path, opt.sheet,
                                                   hint ? fmt::format(" (did you mean '{}'?)", *hint) : "",
                                                   Join(names, ", ")));
      }
    }
    auto strings = xlsx::ReadSharedStrings(zip_, limits_);
    if (!strings.ok()) return strings.status().WithContext(fmt::format("'{}'", path));
    shared_ = std::move(*strings);
    KASHF_ASSIGN_OR_RETURN(xf_is_date_, xlsx::ReadDateStyles(zip_, limits_));

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
      self->is_date_ = s && xf < self->xf_is_date_.size() && self->xf_is_date_[xf];
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
        if (i < self->shared_.size()) value = self->shared_[i];
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

  xlsx::ZipPtr package_;
  zip_t* zip_ = nullptr;  // package_.get()
  zip_file_t* sheet_ = nullptr;
  XML_Parser parser_ = nullptr;
  std::vector<std::string> shared_;  // shared strings
  std::vector<bool> xf_is_date_;     // cell style index -> date format?
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
