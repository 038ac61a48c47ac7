#include "kashf/text/extractor.h"

#include <fmt/format.h>

#include <algorithm>

#include "kashf/core/paths.h"
#include "kashf/text/normalised_text.h"
#include "lexicon.h"
#include "scan.h"
#include "tokens.h"

namespace kashf::text {

Extractor::Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

Result<Extractor> Extractor::Load(const std::string& reference_dir) {
  KASHF_ASSIGN_OR_RETURN(auto lexicon, Lexicon::Load(reference_dir));
  Extractor e;
  e.lexicon_ = std::make_unique<Lexicon>(std::move(lexicon));
  return e;
}

Result<Extractor> Extractor::LoadDefault() { return Load(DataPath("data/reference")); }

Result<std::vector<Selector>> Extractor::Extract(std::string_view text) const {
  if (text.size() > kMaxTextBytes)
    return Status::InvalidArgument(
        fmt::format("text of {} MiB is larger than the {} MiB one extraction reads; split it", text.size() >> 20,
                    kMaxTextBytes >> 20));
  const NormalisedText normalised(text);
  const TokenisedText tokens(normalised.str());
  Scan scan(normalised, tokens, *lexicon_);
  // Order matters: each extractor claims its tokens (see extractor.h).
  ExtractWebAddresses(scan);
  ExtractIbans(scan);
  ExtractDates(scan);
  ExtractNumbers(scan);
  ExtractMoney(scan);
  ExtractPassports(scan);
  ExtractHandles(scan);
  ExtractFirearms(scan);
  ExtractPlaces(scan);
  std::stable_sort(scan.selectors.begin(), scan.selectors.end(),
                   [](const Selector& a, const Selector& b) { return a.begin < b.begin; });
  return std::move(scan.selectors);
}

}  // namespace kashf::text
