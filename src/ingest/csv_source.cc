#include "csv_source.h"

#include "input_file.h"

#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf {
namespace {

std::string DelimiterName(char d) {
  switch (d) {
    case '\t': return "\\t (tab)";
    case ',': return ",";
    case ';': return ";";
    case '|': return "|";
    default: return std::string(1, d);
  }
}

class CsvSource final : public RowSource {
 public:
  CsvSource(std::FILE* f, uint64_t size, const SourceOptions& o) : f_(f), size_(size), opt_(o), buf_(1u << 20) {}
  ~CsvSource() override { std::fclose(f_); }

  // Reads the header and maps requested columns to field positions.
  Status Init(const std::string& path, const std::vector<std::string>& columns) {
    // Byte-order marks: UTF-8 is skipped; UTF-16/32 are refused with advice.
    Fill();
    if (end_ == 0) return Status::InvalidArgument(fmt::format("'{}' is empty (0 bytes); nothing to import", path));
    const auto* b = reinterpret_cast<const unsigned char*>(buf_.data());
    if (end_ >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
      return Status::InvalidArgument(fmt::format(
          "'{}' is UTF-16 encoded; save it as 'CSV UTF-8' (Excel: Save As > CSV UTF-8) and import again", path));
    if (end_ >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) pos_ = 3;
    bool got = false;
    std::string err;
    KASHF_RETURN_IF_ERROR(ReadRecord(&got, &err));
    if (!got) return Status::InvalidArgument(fmt::format("'{}' has no header line", path));
    if (!err.empty()) return Status::InvalidArgument(fmt::format("'{}': header line: {}", path, err));
    header_.clear();
    for (auto& f : fields_) header_.emplace_back(Trim(f));
    size_t bad = 0;
    for (const auto& h : header_)
      if (!IsValidUtf8(h, &bad))
        return Status::InvalidArgument(
            fmt::format("'{}': header is not UTF-8 (byte {} of a column name); save the file as UTF-8", path, bad));
    std::unordered_map<std::string, size_t> pos;
    for (size_t i = 0; i < header_.size(); ++i) pos.emplace(header_[i], i);
    for (const auto& c : columns) {
      auto it = pos.find(c);
      if (it == pos.end()) return MissingColumnError(path, header_, c, opt_.delimiter);
      index_.push_back(it->second);
    }
    return Status::Ok();
  }

  Result<bool> Next(SourceRow* row) override {
    bool got = false;
    std::string err;
    row->error.clear();
    row->error_column.clear();
    do {
      row->line = line_;
      KASHF_RETURN_IF_ERROR(ReadRecord(&got, &err));
      if (!got) return false;
    } while (err.empty() && fields_.size() == 1 && fields_[0].empty());  // skip blank lines
    row->values.assign(index_.size(), std::string());
    if (!err.empty()) {
      row->error = err;
      return true;
    }
    if (fields_.size() != header_.size()) {
      row->error = fields_.size() > header_.size()
                       ? fmt::format(
                             "has {} fields but the header has {}; a value probably contains an unquoted '{}' "
                             "(quote such values)",
                             fields_.size(), header_.size(), DelimiterName(opt_.delimiter))
                       : fmt::format(
                             "has {} fields but the header has {}; the line is cut short or uses another "
                             "delimiter",
                             fields_.size(), header_.size());
      return true;
    }
    for (size_t i = 0; i < index_.size(); ++i) row->values[i] = std::move(fields_[index_[i]]);
    return true;
  }

  uint64_t BytesRead() const override { return consumed_ + pos_; }
  uint64_t TotalBytes() const override { return size_; }

 private:
  bool Fill() {
    consumed_ += pos_;
    if (pos_ < end_) std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
    size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, f_);
    end_ += n;
    return n > 0;
  }
  // Returns the next byte, or -1 at end of file.
  int Get() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int Peek() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }

  // Reads one record into fields_. *got=false at end of file. A malformed record sets *err
  // and is consumed up to the end of its line.
  Status ReadRecord(bool* got, std::string* err) {
    fields_.clear();
    err->clear();
    if (Peek() < 0) {
      *got = false;
      return Status::Ok();
    }
    *got = true;
    const int64_t start_line = line_;
    size_t record_bytes = 0;
    bool too_wide = false;  // fields past limits.max_columns are read but not kept
    std::string field;
    const int delim = static_cast<unsigned char>(opt_.delimiter);
    for (;;) {
      int c = Get();
      if (c == '"' && field.empty()) {
        // Quoted field.
        for (;;) {
          int q = Get();
          if (q < 0) {
            *err = fmt::format("a quote opened in field {} (line {}) is never closed", fields_.size() + 1, start_line);
            fields_.push_back(std::move(field));
            return Status::Ok();
          }
          if (q == '"') {
            if (Peek() == '"') {
              Get();
              field.push_back('"');
              continue;
            }
            break;
          }
          if (q == '\n') ++line_;
          field.push_back(static_cast<char>(q));
          if (++record_bytes > opt_.limits.max_record_bytes)
            return Status::InvalidArgument(fmt::format(
                "a quoted value starting on line {} runs past {} MB; probably a quote is never closed. Rows before "
                "line {} were kept",
                start_line, opt_.limits.max_record_bytes >> 20, start_line));
        }
        c = Get();
        if (c != delim && c != '\n' && c != '\r' && c >= 0) {
          // Text after a closing quote: keep it, but flag the record.
          *err = fmt::format("stray text after a closing quote in field {}", fields_.size() + 1);
          while (c >= 0 && c != '\n') c = Get();
        }
      }
      if (c == delim) {
        if (fields_.size() + 1 < opt_.limits.max_columns) fields_.push_back(std::move(field));
        else too_wide = true;
        field.clear();
        continue;
      }
      if (c == '\r') {
        if (Peek() == '\n') Get();
        c = '\n';
      }
      if (c == '\n' || c < 0) {
        fields_.push_back(std::move(field));
        if (c == '\n') ++line_;
        if (too_wide && err->empty()) *err = RowTooWide(opt_.limits.max_columns);
        return Status::Ok();
      }
      field.push_back(static_cast<char>(c));
      if (++record_bytes > opt_.limits.max_record_bytes)
        return Status::InvalidArgument(fmt::format("line {} is longer than {} MB; is this a CSV file?", start_line,
                                                   opt_.limits.max_record_bytes >> 20));
    }
  }

  std::FILE* f_;
  uint64_t size_;
  SourceOptions opt_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
  int64_t line_ = 1;
  std::vector<std::string> header_, fields_;
  std::vector<size_t> index_;
};

}  // namespace

std::string RowTooWide(size_t max_columns) {
  return fmt::format("has more than {} columns, the limit per row (raise it with `kashf ingest --max-columns N`)",
                     max_columns);
}

Status MissingColumnError(const std::string& path, const std::vector<std::string>& header, const std::string& column,
                          char delimiter) {
  if (header.size() == 1) {
    for (char d : {';', '\t', '|', ','}) {
      if (d != delimiter && header[0].find(d) != std::string::npos)
        return Status::InvalidArgument(
            fmt::format("'{}': no column '{}'; the header has one column '{}', which contains '{}': the file looks "
                        "'{}'-separated. Set `csv: {{delimiter: \"{}\"}}` in the mapping",
                        path, column, header[0].size() > 80 ? header[0].substr(0, 80) + "..." : header[0],
                        DelimiterName(d), DelimiterName(d), d == '\t' ? std::string("\\t") : std::string(1, d)));
    }
  }
  auto hint = ClosestMatch(column, header);
  std::string shown =
      Join(std::vector<std::string>(header.begin(), header.begin() + std::min<size_t>(header.size(), 30)), ", ");
  return Status::InvalidArgument(
      fmt::format("'{}': column '{}' named in the mapping is not in the header{}; the "
                  "header has: {}",
                  path, column, hint ? fmt::format(" (did you mean '{}'?)", *hint) : "", shown));
}

Result<std::unique_ptr<RowSource>> OpenCsvSource(const std::string& path, const SourceOptions& options,
                                                 const std::vector<std::string>& columns) {
  KASHF_ASSIGN_OR_RETURN(const InputFile in, OpenInputFile(path));
  auto src = std::make_unique<CsvSource>(in.file, in.size, options);
  KASHF_RETURN_IF_ERROR(src->Init(path, columns));
  return std::unique_ptr<RowSource>(std::move(src));
}

}  // namespace kashf
