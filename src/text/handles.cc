// Social media handles: "@name" (letters, digits, '_' and inner '.'; not the tail of an e-mail
// address), and a name after a platform cue of text-cues.tsv followed by ':' or "id"
// ("insta: sana.jobs_22", "fb id ali.khan.77", "telegram @gulf_visas"). The platform is an
// attribute when a cue names it within three tokens before. Value: "@" + name in lower case.
#include <string>

#include "scan.h"

namespace kashf::text {
namespace {

constexpr size_t kPlatformWindow = 3;

// The handle name glued together from token i on (words joined by '_' or '.', no spaces): its last
// token, or nullopt when token i is no Latin word.
std::optional<size_t> NameFrom(const Scan& s, size_t i, std::string* name) {
  const auto& t = s.tokens;
  auto latin = [&t](size_t k) {
    for (char c : t.View(k))
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    return t[k].word;
  };
  if (i >= t.size() || s.claimed[i] || t[i].line_before || !latin(i)) return std::nullopt;
  size_t last = i;
  *name = t.Lower(i);
  while (last + 2 < t.size() && (t.Is(last + 1, '_') || t.Is(last + 1, '.')) && !t[last + 1].space_before &&
         !t[last + 2].space_before && latin(last + 2) && !s.claimed[last + 2]) {
    *name += t.Lower(last + 1) + t.Lower(last + 2);
    last += 2;
  }
  while (last + 1 < t.size() && t.Is(last + 1, '_') && !t[last + 1].space_before) {  // trailing '_'
    *name += "_";
    ++last;
  }
  if (name->size() < 2 || name->size() > 40) return std::nullopt;
  return last;
}

}  // namespace

void ExtractHandles(Scan& s) {
  const auto& t = s.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (s.claimed[i]) continue;
    std::string name;
    size_t first = i;
    std::optional<size_t> last;
    int platform = -1;
    if (t.Is(i, '@') && (i == 0 || t[i].space_before || !t[i - 1].word)) {
      if (i + 1 < t.size() && !t[i + 1].space_before) last = NameFrom(s, i + 1, &name);
      if (last) platform = s.CueBefore(i, kPlatformWindow, Cue::kPlatform);
    } else if (auto cue = s.lex.cues.LongestAt(t, i);
               cue && s.lex.cue[static_cast<size_t>(cue->payload)] == Cue::kPlatform) {
      size_t j = cue->last + 1;
      bool marked = false;
      while (j < t.size() && !t[j].line_before && (t.Is(j, ':') || t.Is(j, '-') || t.Lower(j) == "id")) {
        marked = marked || !t.Is(j, '-');
        ++j;
      }
      if (j < t.size() && t.Is(j, '@')) {
        continue;  // the '@' form is read when the loop reaches it
      }
      if (!marked) continue;
      last = NameFrom(s, j, &name);
      if (!last) continue;
      platform = cue->payload;
      first = j;
    }
    if (!last || !s.Free(first, *last)) continue;
    std::map<std::string, std::string> attributes;
    if (platform >= 0) attributes["platform"] = s.lex.cue_value[static_cast<size_t>(platform)];
    s.Emit(SelectorKind::kHandle, first, *last, "@" + name, std::move(attributes));
    i = *last;
  }
}

}  // namespace kashf::text
