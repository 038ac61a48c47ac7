#include "kashf/sharing/hit_index.h"

#include <sodium.h>

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kashf/core/text.h"

namespace kashf::sharing {
namespace {

constexpr std::string_view kMagic = "KASHF-HIT-INDEX-1\n";
constexpr size_t kTagBytes = 8;
constexpr size_t kSignatureBytes = crypto_sign_BYTES;

void PutBigEndian(uint64_t v, std::string* out) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t GetBigEndian(const unsigned char* p) {
  uint64_t v = 0;
  for (size_t i = 0; i < kTagBytes; ++i) v = (v << 8) | p[i];
  return v;
}

void SortUnique(std::vector<uint64_t>* tags) {
  std::sort(tags->begin(), tags->end());
  tags->erase(std::unique(tags->begin(), tags->end()), tags->end());
}

std::string HeaderJson(const HitIndexInfo& info, size_t count) {
  return nlohmann::ordered_json{{"agency_id", info.agency_id},       {"recipient", info.recipient},
                                {"purpose", info.purpose},           {"contact", info.contact},
                                {"created", info.created},           {"expires", info.expires},
                                {"oprf_key", KeyHex(info.oprf_key)}, {"count", count}}
      .dump();
}

}  // namespace

uint64_t HitTag(const OprfOutput& output) { return GetBigEndian(output.data()); }

HitIndex HitIndex::Build(const OprfScalar& key, const std::vector<std::string>& selectors, HitIndexInfo info,
                         unsigned threads, size_t pad_to) {
  std::vector<uint64_t> tags(selectors.size());
  const size_t n = selectors.size();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, n / 1024))));
  auto work = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) tags[i] = HitTag(OprfDirect(key, selectors[i]));
  };
  if (threads == 1) {
    work(0, n);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, n * t / threads, n * (t + 1) / threads);
    for (auto& th : pool) th.join();
  }
  SortUnique(&tags);
  if (pad_to > 0) {
    const size_t target = (tags.size() / pad_to + 1) * pad_to;
    while (tags.size() < target) {
      // Random tags: without the key nobody can tell them from real ones.
      for (size_t missing = target - tags.size(); missing > 0; --missing) {
        uint64_t r = 0;
        randombytes_buf(&r, sizeof r);
        tags.push_back(r);
      }
      SortUnique(&tags);
    }
  }
  info.oprf_key = OprfPublicKey(key);
  return FromTags(std::move(tags), std::move(info));
}

HitIndex HitIndex::FromTags(std::vector<uint64_t> tags, HitIndexInfo info) {
  HitIndex index;
  SortUnique(&tags);
  index.tags_ = std::move(tags);
  index.info_ = std::move(info);
  return index;
}

std::string HitIndex::Serialise(const AgencyIdentity& signer) const {
  std::string out(kMagic);
  out += HeaderJson(info_, tags_.size());
  out.push_back('\n');
  out.reserve(out.size() + tags_.size() * kTagBytes + kSignatureBytes);
  for (uint64_t t : tags_) PutBigEndian(t, &out);
  const auto sig = signer.Sign(out);
  out.append(reinterpret_cast<const char*>(sig.data()), sig.size());
  return out;
}

Result<HitIndex> HitIndex::Parse(std::string_view bytes, const PartnerDirectory& partners, std::string_view me,
                                 int64_t now) {
  const Status not_index =
      Status::InvalidArgument("not a Kashf hit index (it should come from `kashf hit index` of a partner agency)");
  if (bytes.substr(0, kMagic.size()) != kMagic) return not_index;
  const size_t header_end = bytes.find('\n', kMagic.size());
  if (header_end == std::string_view::npos) return not_index;
  const auto j = nlohmann::json::parse(bytes.substr(kMagic.size(), header_end - kMagic.size()), nullptr, false);
  if (!j.is_object()) return not_index;
  HitIndexInfo info;
  size_t count = 0;
  try {
    info.agency_id = j.at("agency_id").get<std::string>();
    info.recipient = j.at("recipient").get<std::string>();
    info.purpose = j.at("purpose").get<std::string>();
    info.contact = j.at("contact").get<std::string>();
    info.created = j.at("created").get<int64_t>();
    info.expires = j.at("expires").get<int64_t>();
    count = j.at("count").get<size_t>();
    if (!KeyFromHex(j.at("oprf_key").get<std::string>(), &info.oprf_key)) return not_index;
  } catch (const nlohmann::json::exception&) {
    return not_index;
  }
  const AgencyCard* partner = partners.Find(info.agency_id);
  if (partner == nullptr)
    return Status::PermissionDenied(
        fmt::format("the hit index was made by {}, which is not in the partner directory (kashf agency add-partner)",
                    info.agency_id));
  if (info.recipient != me)
    return Status::PermissionDenied(fmt::format("the hit index from {} was made for {}, not for this agency ({})",
                                                info.agency_id, info.recipient, me));
  const size_t body = header_end + 1;
  if (bytes.size() < body + kSignatureBytes || (bytes.size() - body - kSignatureBytes) / kTagBytes != count ||
      (bytes.size() - body - kSignatureBytes) % kTagBytes != 0)
    return Status::Corruption(fmt::format("the hit index from {} is truncated or has extra bytes", info.agency_id));
  std::array<unsigned char, kSignatureBytes> sig{};
  std::copy_n(reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size() - kSignatureBytes, kSignatureBytes,
              sig.begin());
  if (!VerifySignature(*partner, bytes.substr(0, bytes.size() - kSignatureBytes), sig))
    return Status::Corruption(
        fmt::format("the hit index does not carry a valid signature of {}: it was altered or signed with another key",
                    info.agency_id));
  if (now > info.expires)
    return Status::FailedPrecondition(fmt::format("the hit index from {} expired on {}; ask {} for a new one",
                                                  info.agency_id, FormatIsoUtc(info.expires), info.agency_id));
  std::vector<uint64_t> tags(count);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + body;
  for (size_t i = 0; i < count; ++i, p += kTagBytes) {
    tags[i] = GetBigEndian(p);
    if (i > 0 && tags[i] <= tags[i - 1])
      return Status::Corruption(fmt::format("the hit index from {} is not in order", info.agency_id));
  }
  HitIndex index;
  index.info_ = std::move(info);
  index.tags_ = std::move(tags);
  return index;
}

bool HitIndex::Contains(const OprfOutput& output) const {
  return std::binary_search(tags_.begin(), tags_.end(), HitTag(output));
}

}  // namespace kashf::sharing
