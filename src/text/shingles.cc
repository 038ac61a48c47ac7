#include "kashf/text/shingles.h"

#include <algorithm>

#include "kashf/core/hash.h"
#include "kashf/text/normalised_text.h"
#include "tokens.h"

namespace kashf::text {

std::string ShingleBase(std::string_view text) {
  const NormalisedText normalised(text);
  const TokenisedText tokens(normalised.str());
  std::string base;
  base.reserve(normalised.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].word) continue;
    if (!base.empty()) base += ' ';
    base += tokens.Lower(i);
  }
  return base;
}

std::vector<uint64_t> Shingles(std::string_view text, size_t k) {
  k = std::max<size_t>(k, 1);
  const std::string base = ShingleBase(text);
  std::vector<size_t> starts;  // byte offset of every code point (UTF-8 lead bytes), then the end
  for (size_t i = 0; i < base.size(); ++i)
    if ((static_cast<unsigned char>(base[i]) & 0xC0) != 0x80) starts.push_back(i);
  std::vector<uint64_t> set;
  if (starts.empty()) return set;
  const size_t chars = starts.size();
  starts.push_back(base.size());
  const std::string_view view(base);
  if (chars <= k) {
    set.push_back(StableHash64(view));
    return set;
  }
  set.reserve(chars - k + 1);
  for (size_t i = 0; i + k <= chars; ++i)
    set.push_back(StableHash64(view.substr(starts[i], starts[i + k] - starts[i])));
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  return set;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  const size_t unite = a.size() + b.size() - common;
  return unite ? static_cast<double>(common) / static_cast<double>(unite) : 0.0;
}

}  // namespace kashf::text
