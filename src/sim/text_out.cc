#include "text_out.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace kashf::sim {

void AppendCsvField(std::string& line, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line += field;
    return;
  }
  line += '"';
  for (char c : field) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void AppendJsonString(std::string& line, std::string_view value) {
  line += '"';
  for (char c : value) {
    switch (c) {
      case '"': line += "\\\""; break;
      case '\\': line += "\\\\"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      case '\t': line += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) line += fmt::format("\\u{:04x}", static_cast<int>(c));
        else line += c;
    }
  }
  line += '"';
}

BufferedFile::~BufferedFile() {
  if (file_) std::fclose(file_);
}

Status BufferedFile::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) return Status::IoError(fmt::format("{}: cannot create the file ({})", path, std::strerror(errno)));
  buffer_.reserve(1 << 20);
  return Status::Ok();
}

void BufferedFile::Write(std::string_view text) {
  buffer_ += text;
  if (buffer_.size() >= (1 << 20)) Flush();
}

void BufferedFile::Flush() {
  if (file_ && !buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    failed_ = true;
  buffer_.clear();
}

Status BufferedFile::Close() {
  Flush();
  if (file_ && std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return Status::IoError(fmt::format("{}: write failed (disk full?)", path_));
  return Status::Ok();
}

}  // namespace kashf::sim
