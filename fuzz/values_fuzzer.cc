// libFuzzer harness: a mapping's declared date formats and value templates with the values they
// read. The input's first line is the layout or template (from the mapping), the rest the value(s)
// from a data file (tab-separated parts for a template).
#include <string>
#include <string_view>
#include <vector>

#include "kashf/ingest/date_format.h"
#include "kashf/ingest/value_template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t cut = input.find('\n');
  const std::string_view spec = input.substr(0, cut);
  const std::string_view value = cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);
  if (auto format = kashf::DateFormat::Parse(spec); format.ok()) {
    std::string iso;
    size_t matched = 0;
    (void)format->Read(value, &iso);
    (void)kashf::ReadDateWithFormats({*format, *format}, value, &iso, &matched);
  }
  if (auto templ = kashf::ValueTemplate::Parse(spec); templ.ok()) {
    std::vector<std::string_view> parts;
    for (size_t start = 0; start <= value.size();) {
      size_t end = value.find('\t', start);
      if (end == std::string_view::npos) end = value.size();
      parts.push_back(value.substr(start, end - start));
      start = end + 1;
    }
    (void)templ->Render(parts);
  }
  return 0;
}
