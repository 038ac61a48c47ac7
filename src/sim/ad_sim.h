// Simulated online ads (issue 19): recruiters' fake job offers abroad and weapon sale posts, each
// advertiser reusing one or two texts of its own with edits, contact numbers written with the
// obfuscations of obfuscated_numbers.h, and a few pictures (file hashes) reposted. The advertisers
// are the recruiters of the trafficking networks (their true phones and wallets), then independent
// recruiters and weapon sellers with numbers of their own (operator codes 350-399, which no person
// of the population has). docs/simulator.md, "Text leads".
#pragma once
#include <cstdint>
#include <string>

#include "kashf/core/status.h"
#include "labelled_text.h"
#include "population.h"
#include "text_out.h"

namespace kashf::sim {

struct AdFiles {
  BufferedFile* ads = nullptr;        // text/ads.jsonl
  BufferedFile* truth = nullptr;      // text/truth/ad-advertisers.csv
  BufferedFile* selectors = nullptr;  // text/truth/selectors.txt
};

struct AdCounts {
  int64_t ads = 0, advertisers = 0, labels = 0;
};

// The number of advertisers behind `ads` ads (about 25 ads each, at least 12).
int64_t AdvertisersFor(int64_t ads);

// Writes `ads` ads (JSON lines: id, platform, posted, title, body, contact, image_hashes), their
// advertiser (ad_id,advertiser,network) and their labelled selectors. Deterministic in `seed`.
AdCounts WriteAds(const ReferenceData& ref, const Population& pop, uint64_t seed, int64_t ads, const AdFiles& files);

}  // namespace kashf::sim
