#include "kashf/resolve/blocking.h"

#include <algorithm>
#include <functional>
#include <thread>

#include "kashf/core/hash.h"

namespace kashf::resolve {
namespace {

uint64_t Mix(uint64_t a, uint64_t b) {  // SplitMix64 finaliser over a combination
  uint64_t z = a * 0x9e3779b97f4a7c15ull + b + 0x632be59bd9b14e57ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

using KeyFn = std::function<void(const EncodedRecords&, uint32_t, std::vector<uint64_t>*)>;

struct KeyRule {
  const char* name;
  KeyFn keys;
};

const std::vector<KeyRule>& Rules() {
  static const std::vector<KeyRule> rules = {
      {"national_id",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         for (const auto& id : r.NationalIds(i)) out->push_back(Mix(id.digits, id.length));
       }},
      // First 6 and last 6 digits: one wrong, swapped or dropped digit leaves one of them intact.
      {"national_id_head",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         for (const auto& id : r.NationalIds(i))
           if (id.length >= 10) {
             uint64_t head = id.digits;
             for (int k = id.length; k > 6; --k) head /= 10;
             out->push_back(Mix(head, 1));
           }
       }},
      {"national_id_tail",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         for (const auto& id : r.NationalIds(i))
           if (id.length >= 10) out->push_back(Mix(id.digits % 1000000, 2));
       }},
      {"phone",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         for (uint64_t p : r.Phones(i)) out->push_back(Mix(p, 7));
       }},
      {"name+birth_year",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         if (!r.BirthDate(i).known()) return;
         for (const auto& n : r.Names(i)) out->push_back(Mix(n.skeleton, static_cast<uint64_t>(r.BirthDate(i).year)));
       }},
      {"name+father",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         for (const auto& n : r.Names(i))
           for (const auto& f : r.Fathers(i)) out->push_back(Mix(n.skeleton, f.skeleton));
       }},
      {"given_names+district",
       [](const EncodedRecords& r, uint32_t i, std::vector<uint64_t>* out) {
         if (!r.District(i)) return;
         for (const auto& n : r.Names(i)) out->push_back(Mix(n.given, r.District(i)));
       }},
  };
  return rules;
}

// Pairs of one rule, appended to `pairs`.
void RunRule(const EncodedRecords& records, const KeyRule& rule, const BlockingOptions& options,
             std::vector<uint64_t>* pairs, BlockingKeyStats* stats) {
  stats->key = rule.name;
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  std::vector<uint64_t> keys;
  for (uint32_t i = 0; i < records.size(); ++i) {
    keys.clear();
    rule.keys(records, i, &keys);
    for (uint64_t k : keys) entries.emplace_back(k, i);
  }
  std::sort(entries.begin(), entries.end());
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  for (size_t lo = 0; lo < entries.size();) {
    size_t hi = lo + 1;
    while (hi < entries.size() && entries[hi].first == entries[lo].first) ++hi;
    const size_t size = hi - lo;
    if (size >= 2) {
      ++stats->blocks;
      // A block above the cap is not compared all-against-all: each record meets only the next
      // `window` records (sorted neighbourhood, Hernandez & Stolfo 1995), which still chains a
      // person with many records together at linear cost.
      const bool windowed = size > options.max_block_size;
      if (windowed) {
        ++stats->windowed_blocks;
        stats->windowed_records += size;
      }
      for (size_t a = lo; a < hi; ++a) {
        const size_t end = windowed ? std::min(hi, a + 1 + options.window) : hi;
        for (size_t b = a + 1; b < end; ++b) {
          if (entries[b].second < options.first_new) continue;  // both old: already linked before
          pairs->push_back(MakePair(entries[a].second, entries[b].second));
          ++stats->pairs;
        }
      }
    }
    lo = hi;
  }
}

}  // namespace

CandidatePairs GenerateCandidatePairs(const EncodedRecords& records, const BlockingOptions& options) {
  const auto& rules = Rules();
  CandidatePairs out;
  out.stats.resize(rules.size());
  std::vector<std::vector<uint64_t>> per_rule(rules.size());
  auto work = [&](size_t parity) {
    for (size_t r = parity; r < rules.size(); r += (options.threads > 1 ? 2 : 1))
      RunRule(records, rules[r], options, &per_rule[r], &out.stats[r]);
  };
  if (options.threads > 1) {
    std::thread helper(work, 1);
    work(0);
    helper.join();
  } else {
    work(0);
  }
  size_t total = 0;
  for (const auto& v : per_rule) total += v.size();
  out.pairs.reserve(total);
  for (auto& v : per_rule) {
    out.pairs.insert(out.pairs.end(), v.begin(), v.end());
    std::vector<uint64_t>().swap(v);
  }
  if (options.threads > 1 && out.pairs.size() > 100000) {
    auto mid = out.pairs.begin() + static_cast<std::ptrdiff_t>(out.pairs.size() / 2);
    std::thread helper([&] { std::sort(out.pairs.begin(), mid); });
    std::sort(mid, out.pairs.end());
    helper.join();
    std::inplace_merge(out.pairs.begin(), mid, out.pairs.end());
  } else {
    std::sort(out.pairs.begin(), out.pairs.end());
  }
  out.pairs.erase(std::unique(out.pairs.begin(), out.pairs.end()), out.pairs.end());
  return out;
}

}  // namespace kashf::resolve
