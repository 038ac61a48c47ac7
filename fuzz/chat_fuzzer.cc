// libFuzzer harness: a chat export (format: chat) as the file: parsed into messages, each mapped
// with its text read for selectors (the Mentions' spans checked against the message text), with a
// small value limit so that the per-message rejects are reached too.
#include <cstdlib>

#include "kashf/ingest/chat_mapper.h"
#include "row_source_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kashf;
  static const text::Extractor* extractor =
      new text::Extractor(fuzz::Must(text::Extractor::LoadDefault(), "extractor"));
  static fuzz::MemFile file;
  SourceOptions o;
  o.format = SourceFormat::kChat;
  o.limits.max_cell_bytes = 4096;
  const std::string& path = file.Write(data, size);
  auto source = OpenRowSource(path, o, ChatColumns());
  if (!source.ok()) return 0;
  const ChatMapper mapper("fuzz", "fuzz", 1700000000, o.limits.max_cell_bytes, {}, extractor);
  SourceRow row;
  MappedRow mapped;
  for (int rows = 0; rows < 100000; ++rows) {
    auto more = (*source)->Next(&row);
    if (!more.ok() || !*more) break;
    mapper.Map(row, &mapped);
    if (mapped.rejected) continue;
    // Every span lies inside the message text it was found in.
    const std::string& text = row.values[3];
    for (const Statement& st : mapped.statements)
      if (st.prop == "spanEnd" && std::strtoull(st.value.c_str(), nullptr, 10) > text.size()) std::abort();
  }
  return 0;
}
