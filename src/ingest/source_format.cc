#include <filesystem>

#include <fmt/format.h>

#include "csv_source.h"
#include "kashf/core/text.h"
#include "kashf/ingest/row_source.h"

namespace kashf {

Result<SourceFormat> ParseSourceFormat(const std::string& name) {
  std::string n = ToLowerAscii(name);
  if (n == "csv" || n == "tsv" || n == "txt") return SourceFormat::kCsv;
  if (n == "jsonl" || n == "json" || n == "ndjson") return SourceFormat::kJsonLines;
  if (n == "xlsx") return SourceFormat::kXlsx;
  if (n == "ftm" || n == "followthemoney") return SourceFormat::kFtm;
  if (n == "chat") return SourceFormat::kChat;
  return Status::InvalidArgument(fmt::format("unknown format '{}'; use csv, jsonl, xlsx, ftm or chat", name));
}

Result<SourceFormat> FormatFromPath(const std::string& path) {
  std::string ext = ToLowerAscii(std::filesystem::path(path).extension().string());
  if (!ext.empty()) ext = ext.substr(1);
  if (ext == "xls")
    return Status::InvalidArgument(
        fmt::format("'{}' is an old Excel .xls file; save it as .xlsx or CSV (UTF-8)", path));
  auto f = ParseSourceFormat(ext);
  if (!f.ok())
    return Status::InvalidArgument(fmt::format(
        "cannot tell the format of '{}' from its extension; set `format: csv|jsonl|xlsx` in the mapping", path));
  return f;
}

Result<std::unique_ptr<RowSource>> OpenXlsxSource(const std::string& path, const SourceOptions& options,
                                                  const std::vector<std::string>& columns);
Result<std::unique_ptr<RowSource>> OpenJsonLinesSource(const std::string& path, const SourceOptions& options,
                                                       const std::vector<std::string>& columns);
Result<std::unique_ptr<RowSource>> OpenChatSource(const std::string& path, const SourceOptions& options,
                                                  const std::vector<std::string>& columns);

Result<std::unique_ptr<RowSource>> OpenRowSource(const std::string& path, const SourceOptions& options,
                                                 const std::vector<std::string>& columns) {
  switch (options.format) {
    case SourceFormat::kCsv: return OpenCsvSource(path, options, columns);
    case SourceFormat::kJsonLines: return OpenJsonLinesSource(path, options, columns);
    case SourceFormat::kFtm: {
      SourceOptions json = options;
      json.format = SourceFormat::kJsonLines;
      json.objects_as_json = true;
      return OpenJsonLinesSource(path, json, columns);
    }
    case SourceFormat::kXlsx: return OpenXlsxSource(path, options, columns);
    case SourceFormat::kChat: return OpenChatSource(path, options, columns);
  }
  return Status::Internal("unknown source format");
}

}  // namespace kashf
