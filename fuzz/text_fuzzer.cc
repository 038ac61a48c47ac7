// libFuzzer harness: free text through the selector extractor and the chat-export parser. Checks
// the contracts: every span lies inside the text and is non-empty, selectors come sorted by their
// start, and in valid UTF-8 a span never cuts a character.
#include <cstdlib>
#include <string_view>

#include "kashf/core/text.h"
#include "kashf/text/chat_export.h"
#include "kashf/text/extractor.h"

namespace {

bool Boundary(std::string_view text, size_t at) {
  return at == 0 || at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kashf::text::Extractor* extractor = [] {
    auto e = kashf::text::Extractor::LoadDefault();
    if (!e.ok()) std::abort();
    return new kashf::text::Extractor(std::move(e).value());
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto found = extractor->Extract(text);
  if (!found.ok()) std::abort();
  const bool utf8 = kashf::IsValidUtf8(text);  // invalid bytes are read one by one
  size_t previous = 0;
  for (const auto& s : *found) {
    if (s.begin >= s.end || s.end > text.size() || s.begin < previous) std::abort();
    if (utf8 && !(Boundary(text, s.begin) && Boundary(text, s.end))) std::abort();
    previous = s.begin;
  }
  const auto chat = kashf::text::ParseChatExport(text);
  for (const auto& m : chat.messages)
    if (m.text.size() > text.size()) std::abort();
  return 0;
}
