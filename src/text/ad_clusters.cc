#include "kashf/text/ad_clusters.h"

#include <algorithm>
#include <thread>
#include <tuple>

#include "kashf/core/text.h"
#include "kashf/resolve/clustering.h"
#include "kashf/resolve/minhash_lsh.h"
#include "signature_lsh.h"

namespace kashf::text {
namespace {

constexpr char kKeySeparator = '\x1f';

// The selectors and images an ad can share with another, as "kind\x1fvalue" keys, sorted and unique.
Result<std::vector<std::string>> LinkKeys(const Extractor& extractor, const Ad& ad, const AdClusterOptions& o) {
  std::vector<std::string> keys;
  if (o.use_selectors) {
    KASHF_ASSIGN_OR_RETURN(auto found, extractor.Extract(ad.text));
    for (const auto& s : found) {
      std::string_view kind = KindName(s.kind);
      if (s.kind == SelectorKind::kWallet) kind = KindName(SelectorKind::kPhone);  // a wallet is a mobile number
      else if (s.kind != SelectorKind::kPhone && s.kind != SelectorKind::kEmail && s.kind != SelectorKind::kHandle)
        continue;
      keys.push_back(std::string(kind) + kKeySeparator + s.value);
    }
  }
  if (o.use_images)
    for (const auto& hash : ad.image_hashes) {
      const std::string h = ToLowerAscii(Trim(hash));
      if (!h.empty()) keys.push_back(std::string("image") + kKeySeparator + h);
    }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool LinkOrder(const AdLink& x, const AdLink& y) {
  return std::tie(x.a, x.b, x.evidence, x.kind, x.value) < std::tie(y.a, y.b, y.evidence, y.kind, y.value);
}

// Links from text pairs and shared keys, then the connected components.
AdClustering Assemble(std::vector<std::string> ids, const std::vector<SimilarPair>& text_pairs,
                      std::vector<std::pair<std::string, uint32_t>> keys, const AdClusterOptions& o) {
  AdClustering out;
  out.ids = std::move(ids);
  for (const auto& p : text_pairs) out.links.push_back({p.a, p.b, AdEvidence::kText, p.similarity, "text", ""});
  std::sort(keys.begin(), keys.end());
  for (size_t lo = 0; lo < keys.size();) {
    size_t hi = lo + 1;
    while (hi < keys.size() && keys[hi].first == keys[lo].first) ++hi;
    if (hi - lo > o.max_selector_ads) {
      ++out.skipped_selectors;
    } else {
      const std::string& key = keys[lo].first;
      const size_t sep = key.find(kKeySeparator);
      std::string kind = key.substr(0, sep), value = key.substr(sep + 1);
      const AdEvidence evidence = kind == "image" ? AdEvidence::kImage : AdEvidence::kSelector;
      for (size_t x = lo + 1; x < hi; ++x)  // ads ascend within a key: a star from the first
        out.links.push_back({keys[lo].second, keys[x].second, evidence, 1.0, kind, value});
    }
    lo = hi;
  }
  std::sort(out.links.begin(), out.links.end(), LinkOrder);

  const size_t n = out.ids.size();
  resolve::UnionFind components(n);
  for (const auto& link : out.links) components.Union(link.a, link.b);
  std::vector<std::vector<uint32_t>> members(n);
  for (uint32_t i = 0; i < n; ++i) members[components.Find(i)].push_back(i);
  for (auto& m : members)
    if (m.size() >= 2) out.clusters.push_back({std::move(m), {}});
  std::sort(out.clusters.begin(), out.clusters.end(), [](const AdCluster& x, const AdCluster& y) {
    return x.ads.size() != y.ads.size() ? x.ads.size() > y.ads.size() : x.ads.front() < y.ads.front();
  });
  out.cluster_of.assign(n, -1);
  for (size_t c = 0; c < out.clusters.size(); ++c)
    for (uint32_t ad : out.clusters[c].ads) out.cluster_of[ad] = static_cast<int64_t>(c);
  for (size_t l = 0; l < out.links.size(); ++l)
    out.clusters[static_cast<size_t>(out.cluster_of[out.links[l].a])].links.push_back(l);
  return out;
}

// Runs fn(i) for i in [0, n) on `threads` threads (contiguous blocks); the first error wins.
template <typename Fn>
Status ParallelFor(size_t n, int threads, Fn fn) {
  const size_t t = std::clamp<size_t>(static_cast<size_t>(std::max(threads, 1)), 1, std::max<size_t>(n, 1));
  std::vector<Status> status(t, Status::Ok());
  auto block = [&](size_t k) {
    for (size_t i = n * k / t; i < n * (k + 1) / t && status[k].ok(); ++i) status[k] = fn(i);
  };
  std::vector<std::thread> helpers;
  for (size_t k = 1; k < t; ++k) helpers.emplace_back(block, k);
  block(0);
  for (auto& h : helpers) h.join();
  for (auto& s : status)
    if (!s.ok()) return s;
  return Status::Ok();
}

}  // namespace

std::string_view EvidenceName(AdEvidence evidence) {
  switch (evidence) {
    case AdEvidence::kText: return "text";
    case AdEvidence::kSelector: return "selector";
    case AdEvidence::kImage: return "image";
  }
  return "text";
}

AdClusterer::AdClusterer(const Extractor& extractor, AdClusterOptions options)
    : extractor_(extractor), options_(options) {}

Status AdClusterer::Add(std::span<const Ad> ads) {
  const size_t width = size_t{options_.bands} * options_.rows;
  const size_t first = ids_.size();
  signatures_.resize((first + ads.size()) * width);
  has_text_.resize(first + ads.size());
  std::vector<std::vector<std::string>> keys(ads.size());
  resolve::MinHashOptions minhash;
  minhash.bands = options_.bands;
  minhash.rows = options_.rows;
  minhash.seed = options_.seed;
  KASHF_RETURN_IF_ERROR(ParallelFor(ads.size(), options_.threads, [&](size_t i) -> Status {
    KASHF_ASSIGN_OR_RETURN(keys[i], LinkKeys(extractor_, ads[i], options_));
    if (!options_.use_text) return Status::Ok();
    const auto shingles = Shingles(ads[i].text, options_.shingle_size);
    if (shingles.empty()) return Status::Ok();
    const auto signature = resolve::MinHashSignature(shingles, minhash);
    for (size_t k = 0; k < width; ++k)  // b-bit MinHash: the low 16 bits of each minimum
      signatures_[(first + i) * width + k] = static_cast<uint16_t>(signature[k]);
    has_text_[first + i] = 1;
    return Status::Ok();
  }));
  for (size_t i = 0; i < ads.size(); ++i) {
    ids_.push_back(ads[i].id);
    for (auto& key : keys[i]) keys_.emplace_back(std::move(key), static_cast<uint32_t>(first + i));
  }
  return Status::Ok();
}

AdClustering AdClusterer::Cluster() const {
  SignaturePairOptions lsh;
  lsh.bands = options_.bands;
  lsh.rows = options_.rows;
  lsh.min_similarity = options_.min_similarity;
  lsh.max_bucket = options_.max_bucket;
  lsh.threads = options_.threads;
  SignaturePairs pairs;
  if (options_.use_text) pairs = SimilarSignaturePairs(signatures_, has_text_, lsh);
  AdClustering out = Assemble(ids_, pairs.pairs, keys_, options_);
  out.text_candidates = pairs.candidates;
  out.oversized_buckets = pairs.oversized_buckets;
  return out;
}

Result<AdClustering> ExactAdClusters(const Extractor& extractor, std::span<const Ad> ads,
                                     const AdClusterOptions& options) {
  std::vector<std::string> ids;
  std::vector<std::vector<uint64_t>> shingles;
  std::vector<std::pair<std::string, uint32_t>> keys;
  for (uint32_t i = 0; i < ads.size(); ++i) {
    ids.push_back(ads[i].id);
    shingles.push_back(options.use_text ? Shingles(ads[i].text, options.shingle_size) : std::vector<uint64_t>{});
    KASHF_ASSIGN_OR_RETURN(auto ad_keys, LinkKeys(extractor, ads[i], options));
    for (auto& key : ad_keys) keys.emplace_back(std::move(key), i);
  }
  std::vector<SimilarPair> pairs;
  for (uint32_t a = 0; a < ads.size(); ++a)
    for (uint32_t b = a + 1; b < ads.size(); ++b) {
      if (shingles[a].empty() || shingles[b].empty()) continue;
      const double s = Jaccard(shingles[a], shingles[b]);
      if (s >= options.min_similarity) pairs.push_back({a, b, s});
    }
  return Assemble(std::move(ids), pairs, std::move(keys), options);
}

}  // namespace kashf::text
