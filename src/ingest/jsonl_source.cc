// JSON lines reader (one object per line; https://jsonlines.org), parsed with simdjson's DOM API.
// A column is a top-level key or a dotted path; arrays (also arrays of objects along the path)
// yield several values joined by kMultiValueSeparator.
#include <cstring>
#include <set>

#include <fmt/format.h>
#include <simdjson.h>

#include "csv_source.h"
#include "input_file.h"
#include "json_scalar.h"
#include "kashf/core/text.h"

namespace kashf {
namespace {

void Collect(simdjson::dom::element el, const std::vector<std::string>& path, size_t depth, bool objects_as_json,
             std::string* out) {
  using simdjson::dom::element_type;
  simdjson::dom::array arr;
  if (el.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : arr) Collect(item, path, depth, objects_as_json, out);
    return;
  }
  if (depth < path.size()) {
    simdjson::dom::object obj;
    if (el.get_object().get(obj) != simdjson::SUCCESS) return;
    simdjson::dom::element child;
    if (obj.at_key(path[depth]).get(child) != simdjson::SUCCESS) return;
    Collect(child, path, depth + 1, objects_as_json, out);
    return;
  }
  std::string v;
  if (el.type() == simdjson::dom::element_type::OBJECT) {
    if (!objects_as_json) return;  // a nested object: nothing to load
    v = simdjson::minify(el);
  } else if (!JsonScalarText(el, &v)) {
    return;  // null
  }
  if (v.empty()) return;
  if (!out->empty()) out->push_back(kMultiValueSeparator);
  *out += v;
}

void Paths(simdjson::dom::element el, const std::string& prefix, std::set<std::string>* out) {
  simdjson::dom::array arr;
  if (el.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : arr) Paths(item, prefix, out);
    return;
  }
  simdjson::dom::object obj;
  if (el.get_object().get(obj) != simdjson::SUCCESS) {
    if (!prefix.empty()) out->insert(prefix);
    return;
  }
  for (auto field : obj) {
    std::string key = prefix.empty() ? std::string(field.key) : prefix + "." + std::string(field.key);
    out->insert(key);
    Paths(field.value, key, out);
  }
}

class JsonLinesSource final : public RowSource {
 public:
  JsonLinesSource(std::FILE* f, uint64_t size, const SourceOptions& o) : f_(f), size_(size), opt_(o), buf_(1u << 20) {}
  ~JsonLinesSource() override { std::fclose(f_); }

  Status Init(const std::string& path, const std::vector<std::string>& columns) {
    // simdjson keeps this depth when it grows its buffers; deeper lines fail with DEPTH_ERROR, so the
    // recursive walks above (Collect, Paths) stay shallow.
    if (parser_.allocate(4096, opt_.limits.max_nesting_depth) != simdjson::SUCCESS)
      return Status::Internal("not enough memory for the JSON parser");
    for (const auto& c : columns) paths_.push_back(Split(c, '.'));
    // Sample the first records to check that every requested column occurs.
    std::set<std::string> seen;
    std::string line;
    int sampled = 0;
    bool any = false;
    while (sampled < 1000) {
      bool got = false;
      KASHF_RETURN_IF_ERROR(ReadLine(&line, &got));
      if (!got) break;
      if (Trim(line).empty()) continue;
      any = true;
      simdjson::dom::element el;
      if (parser_.parse(line).get(el) != simdjson::SUCCESS) continue;
      Paths(el, "", &seen);
      ++sampled;
    }
    if (!any) return Status::InvalidArgument(fmt::format("'{}' is empty; nothing to import", path));
    if (sampled == 0)
      return Status::InvalidArgument(
          fmt::format("'{}' has no valid JSON object in its first lines; is it JSON lines "
                      "(one object per line)?",
                      path));
    std::vector<std::string> seen_list(seen.begin(), seen.end());
    for (const auto& c : columns)
      if (!seen.count(c)) {
        auto hint = ClosestMatch(c, seen_list);
        return Status::InvalidArgument(fmt::format(
            "'{}': key '{}' named in the mapping occurs in none of the first {} records{}; keys seen: {}", path, c,
            sampled, hint ? fmt::format(" (did you mean '{}'?)", *hint) : "", Join(seen_list, ", ")));
      }
    // Start again from the top.
    std::rewind(f_);
    pos_ = end_ = 0;
    consumed_ = 0;
    line_ = 1;
    return Status::Ok();
  }

  Result<bool> Next(SourceRow* row) override {
    row->error.clear();
    row->error_column.clear();
    bool got = false;
    do {
      row->line = line_;
      KASHF_RETURN_IF_ERROR(ReadLine(&line_text_, &got));
      if (!got) return false;
    } while (Trim(line_text_).empty());
    row->values.assign(paths_.size(), std::string());
    simdjson::dom::element el;
    auto err = parser_.parse(line_text_).get(el);
    if (err != simdjson::SUCCESS) {
      size_t bad = 0;
      row->error =
          err == simdjson::DEPTH_ERROR
              ? fmt::format("nests objects or lists deeper than {} levels, the limit", opt_.limits.max_nesting_depth)
          : IsValidUtf8(line_text_, &bad) ? fmt::format("not valid JSON ({})", simdjson::error_message(err))
                                          : fmt::format("not UTF-8 (bad byte at offset {}); save as UTF-8", bad);
      return true;
    }
    if (el.type() != simdjson::dom::element_type::OBJECT) {
      row->error = "the line is JSON but not an object ({...})";
      return true;
    }
    for (size_t i = 0; i < paths_.size(); ++i) Collect(el, paths_[i], 0, opt_.objects_as_json, &row->values[i]);
    return true;
  }

  uint64_t BytesRead() const override { return consumed_ + pos_; }
  uint64_t TotalBytes() const override { return size_; }

 private:
  Status ReadLine(std::string* out, bool* got) {
    out->clear();
    *got = false;
    for (;;) {
      if (pos_ == end_) {
        consumed_ += end_;
        pos_ = 0;
        end_ = std::fread(buf_.data(), 1, buf_.size(), f_);
        if (end_ == 0) {
          if (!out->empty()) {
            *got = true;
            ++line_;
          }
          return Status::Ok();
        }
      }
      const char* start = buf_.data() + pos_;
      const void* nl = std::memchr(start, '\n', end_ - pos_);
      size_t n = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
      out->append(start, n);
      pos_ += n;
      if (out->size() > opt_.limits.max_record_bytes)
        return Status::InvalidArgument(fmt::format("line {} is longer than {} MB; is this JSON lines?", line_,
                                                   opt_.limits.max_record_bytes >> 20));
      if (nl) {
        ++pos_;
        ++line_;
        if (!out->empty() && out->back() == '\r') out->pop_back();
        *got = true;
        return Status::Ok();
      }
    }
  }

  std::FILE* f_;
  uint64_t size_;
  SourceOptions opt_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
  int64_t line_ = 1;
  std::string line_text_;
  std::vector<std::vector<std::string>> paths_;
  simdjson::dom::parser parser_;
};

}  // namespace

Result<std::unique_ptr<RowSource>> OpenJsonLinesSource(const std::string& path, const SourceOptions& options,
                                                       const std::vector<std::string>& columns) {
  KASHF_ASSIGN_OR_RETURN(const InputFile in, OpenInputFile(path));
  if (in.size == 0) {
    std::fclose(in.file);
    return Status::InvalidArgument(fmt::format("'{}' is empty (0 bytes); nothing to import", path));
  }
  auto src = std::make_unique<JsonLinesSource>(in.file, in.size, options);
  KASHF_RETURN_IF_ERROR(src->Init(path, columns));
  return std::unique_ptr<RowSource>(std::move(src));
}

}  // namespace kashf
