// Ads that belong together (issue 19 point 3): online ads and messages grouped into advertisers by
// reused text, shared contact selectors and shared images, each link with its evidence, so that the
// clusters can join the network as ad–ad edges (docs/text-leads.md, "Ads that belong together").
//   - Text: near-duplicates by MinHash over character 5-shingles of the normalised text
//     (kashf/text/shingles.h), LSH banding with 20 bands × 5 rows (100 hashes, 16 bits each), and
//     candidates kept when their estimated Jaccard similarity is at least 0.5. The banding finds a
//     pair of Jaccard s with probability 1 - (1 - s^5)^20: s = 0.5: 0.47, 0.6: 0.80, 0.7: 0.97,
//     0.8: 0.9996; its threshold (1/20)^(1/5) ≈ 0.55. Reworded ads of one advertiser measure 0.6-0.9;
//     a low pair missed is usually joined through a third ad or a shared number.
//   - Selectors: the phones, wallets, e-mail addresses and handles the Extractor finds in the ad's
//     text (any spelling, kashf/text/extractor.h); a wallet is a mobile number, so it links as the
//     phone it is. A selector in more than max_selector_ads ads (a platform's help line) is skipped
//     and counted.
//   - Images: equal file hashes (as given, compared lower case).
// Clusters are the connected components of all links (union-find). Links of one shared selector or
// image are a star from its first ad (n-1 links, not n²). Ads are indexed in the order added.
// Contract: the result depends only on the ads, their order and the options (not on `threads`).
// ExactAdClusters is the serial reference: exact Jaccard of every pair, no LSH.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kashf/core/status.h"
#include "kashf/text/extractor.h"
#include "kashf/text/shingles.h"

namespace kashf::text {

struct Ad {
  std::string id;
  std::string text;                       // title, body and contact, as one text
  std::vector<std::string> image_hashes;  // file hashes of the ad's pictures
};

struct AdClusterOptions {
  size_t shingle_size = kDefaultShingleSize;
  uint32_t bands = 20;
  uint32_t rows = 5;
  double min_similarity = 0.5;  // Jaccard a text link needs (estimated; exact in the reference)
  uint64_t seed = 0x6b617368664164ull;
  size_t max_bucket = 200;         // larger LSH buckets are verified as stars (signature_lsh.h)
  size_t max_selector_ads = 1000;  // a selector or image in more ads links none of them
  bool use_text = true, use_selectors = true, use_images = true;
  int threads = 1;
};

enum class AdEvidence { kText, kSelector, kImage };
std::string_view EvidenceName(AdEvidence evidence);  // "text", "selector", "image"

struct AdLink {
  uint32_t a = 0, b = 0;  // ad indices, a < b
  AdEvidence evidence = AdEvidence::kText;
  double similarity = 0;  // text: Jaccard of the shingles; 1 for selectors and images
  std::string kind;       // selector kind ("phone", "email", "handle") or "image"; "text" for text
  std::string value;      // the shared selector's normalised value or the image hash
  bool operator==(const AdLink&) const = default;
};

struct AdCluster {
  std::vector<uint32_t> ads;  // ascending
  std::vector<size_t> links;  // indices into AdClustering::links, ascending
};

struct AdClustering {
  std::vector<std::string> ids;     // ad ids by index
  std::vector<AdLink> links;        // sorted by (a, b, evidence, kind, value)
  std::vector<AdCluster> clusters;  // two or more ads; by size descending, then first ad
  std::vector<int64_t> cluster_of;  // per ad: index into clusters, -1 for an ad alone
  uint64_t text_candidates = 0;     // LSH candidate pairs verified
  uint64_t oversized_buckets = 0;   // LSH buckets verified as stars
  uint64_t skipped_selectors = 0;   // selectors and images in more than max_selector_ads ads
};

// Collects ads (their signatures and selectors, not their text) and clusters them.
class AdClusterer {
 public:
  AdClusterer(const Extractor& extractor, AdClusterOptions options);
  // Adds `ads` after those added before; shingling, hashing and extraction run on
  // options.threads threads. InvalidArgument when an ad's text is too large to read.
  Status Add(std::span<const Ad> ads);
  size_t size() const { return ids_.size(); }
  AdClustering Cluster() const;

 private:
  const Extractor& extractor_;
  AdClusterOptions options_;
  std::vector<std::string> ids_;
  std::vector<uint16_t> signatures_;  // bands × rows per ad
  std::vector<uint8_t> has_text_;
  std::vector<std::pair<std::string, uint32_t>> keys_;  // "kind\x1fvalue" of selectors and images, ad
};

// The serial reference: exact Jaccard over all pairs (quadratic; for tests and small inputs), the
// same selector and image links and clusters.
Result<AdClustering> ExactAdClusters(const Extractor& extractor, std::span<const Ad> ads,
                                     const AdClusterOptions& options);

}  // namespace kashf::text
