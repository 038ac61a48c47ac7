#include "kashf/resolve/blocking.h"

#include <algorithm>
#include <bit>
#include <thread>

#include "kashf/core/hash.h"
#include "kashf/resolve/double_metaphone.h"
#include "kashf/resolve/minhash_lsh.h"
#include "kashf/resolve/sorted_neighbourhood.h"

namespace kashf::resolve {
namespace {

uint64_t Mix(uint64_t a, uint64_t b) {  // SplitMix64 finaliser over a combination
  uint64_t z = a * 0x9e3779b97f4a7c15ull + b + 0x632be59bd9b14e57ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t TextHash(std::string_view s) { return StableHash64(s); }

// Values of one part for record i (distinct, unordered).
void PartValues(const EncodedRecords& r, const SchemaModel& schema, const BlockingPart& part, uint32_t i,
                std::vector<uint64_t>* out) {
  const FieldSpec& spec = schema.fields[static_cast<size_t>(part.field)];
  const std::string& fn = part.function;
  for (const EncodedValue& v : r.Values(i, part.field)) {
    if (fn == "value") {
      out->push_back(v.text ? Mix(v.text, 1) : Mix(v.number, 2));
    } else if (fn == "halves") {
      const std::string& t = r.Text(v.text);
      if (t.size() < 6) continue;
      const size_t half = t.size() / 2;
      out->push_back(Mix(TextHash(t.substr(0, half)), 3));
      out->push_back(Mix(TextHash(t.substr(half)), 4));
    } else if (fn == "local_part") {
      out->push_back(v.a);
    } else if (fn == "skeleton") {
      out->push_back(v.b);
    } else if (fn == "tokens") {
      for (uint32_t s : r.TokenSkeletons(v)) out->push_back(s);
    } else if (fn == "metaphone") {
      for (uint32_t t : r.TokenIds(v)) {
        const PhoneticKeys k = DoubleMetaphone(r.Text(t));
        if (!k.primary.empty()) out->push_back(Mix(TextHash(k.primary), 5));
        if (!k.alternate.empty() && k.alternate != k.primary) out->push_back(Mix(TextHash(k.alternate), 5));
      }
    } else if (fn == "variants") {
      if (const GivenNameVariants* variants = r.model().name_variants())
        for (uint32_t t : r.TokenIds(v))
          for (uint32_t g : variants->GroupsOf(r.Text(t))) out->push_back(Mix(g, 6));
    } else if (fn == "token_pairs") {
      const auto sk = r.TokenSkeletons(v);
      for (size_t x = 0; x < sk.size(); ++x)
        for (size_t y = x + 1; y < sk.size(); ++y)
          if (sk[x] != sk[y]) out->push_back(Mix(std::min(sk[x], sk[y]), std::max(sk[x], sk[y])));
    } else if (fn == "year" || fn == "month_day") {
      const PartialDate d = UnpackDate(v.number);
      if (fn == "year") out->push_back(static_cast<uint64_t>(d.year));
      else if (d.precision() == 3) out->push_back(static_cast<uint64_t>(d.month * 100 + d.day));
    } else if (fn == "postcode") {
      for (uint32_t t : r.TokenIds(v)) {
        const std::string& w = r.Text(t);
        if (w.size() >= 3 && w.size() <= 8 &&
            std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
          out->push_back(t);
      }
    }
  }
  (void)spec;
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

bool Standalone(const BlockingPass& pass) {
  return pass.parts.size() == 1 && (pass.parts[0].function == "sorted" || pass.parts[0].function == "qgrams");
}

struct PassJob {
  int schema;
  const BlockingPass* pass;
};

// Pairs of a keyed pass, appended to `pairs`.
void RunKeyedPass(const EncodedRecords& records, const PassJob& job, const BlockingOptions& options,
                  std::vector<uint64_t>* pairs, BlockingKeyStats* stats) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  std::vector<uint64_t> keys;
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (records.SchemaIndex(i) != job.schema) continue;
    keys.clear();
    BlockingKeys(records, *job.pass, i, &keys);
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
      // A loose pass's oversized block (a common name token) holds mostly different people and
      // is skipped, only counted; the sorted-neighbourhood and MinHash passes cover its records.
      const bool windowed = size > options.max_block_size;
      if (windowed) {
        ++stats->windowed_blocks;
        stats->windowed_records += size;
        if (LoosePass(*job.pass)) {
          lo = hi;
          continue;
        }
      }
      for (size_t a = lo; a < hi; ++a) {
        const size_t end = windowed ? std::min(hi, a + 1 + options.window) : hi;
        for (size_t b = a + 1; b < end; ++b) {
          if (entries[b].second < options.first_new) continue;  // both old: already linked before
          pairs->push_back(MakePair(entries[a].second, entries[b].second));
        }
      }
    }
    lo = hi;
  }
}

// Sorted neighbourhood over the name's sorted tokens, or MinHash LSH over its q-grams.
void RunStandalonePass(const EncodedRecords& records, const PassJob& job, const BlockingOptions& options,
                       std::vector<uint64_t>* pairs, BlockingKeyStats* stats) {
  const BlockingPart& part = job.pass->parts[0];
  if (part.function == "sorted") {
    std::vector<std::string> keys(records.size());
    for (uint32_t i = 0; i < records.size(); ++i) {
      if (records.SchemaIndex(i) != job.schema) continue;
      const auto values = records.Values(i, part.field);
      if (!values.empty()) keys[i] = records.Text(values[0].a);
    }
    SortedNeighbourhoodOptions so;
    so.window = options.window;
    so.first_new = options.first_new;
    *pairs = SortedNeighbourhoodPairs(keys, so);
    stats->blocks = 1;
    return;
  }
  std::vector<std::vector<uint64_t>> sets(records.size());
  std::vector<std::string> tokens;
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (records.SchemaIndex(i) != job.schema) continue;
    const auto values = records.Values(i, part.field);
    if (values.empty()) continue;
    tokens.clear();
    for (uint32_t t : records.TokenIds(values[0])) tokens.push_back(records.Text(t));
    sets[i] = QGramTokenSet(tokens);
  }
  MinHashOptions mo;
  mo.first_new = options.first_new;
  // A band bucket this full is a common name, which the other passes already pair: a quarter of
  // the key-block cap keeps the q-gram pass from dominating the candidates on name-poor data.
  mo.max_bucket = std::max<size_t>(2, options.max_block_size / 4);
  MinHashCandidates c = MinHashCandidatePairs(sets, mo);
  *pairs = std::move(c.pairs);
  stats->windowed_blocks = c.oversized_buckets;
  stats->windowed_records = c.oversized_records;
}

}  // namespace

bool LoosePass(const BlockingPass& pass) {
  for (const auto& part : pass.parts)
    for (const char* fn : {"tokens", "token_pairs", "metaphone", "sorted", "qgrams", "variants"})
      if (part.function == fn) return true;
  return false;
}

void BlockingKeys(const EncodedRecords& records, const BlockingPass& pass, uint32_t i, std::vector<uint64_t>* out) {
  const SchemaModel* schema = records.Schema(i);
  if (!schema || Standalone(pass)) return;
  std::vector<uint64_t> keys = {Mix(TextHash(pass.name), static_cast<uint64_t>(records.SchemaIndex(i)))};
  std::vector<uint64_t> values, next;
  for (const BlockingPart& part : pass.parts) {
    values.clear();
    PartValues(records, *schema, part, i, &values);
    if (values.empty()) return;
    next.clear();
    for (uint64_t k : keys)
      for (uint64_t v : values) next.push_back(Mix(k, v));
    keys.swap(next);
    if (keys.size() > 256) keys.resize(256);  // bounds a record with very many values
  }
  out->insert(out->end(), keys.begin(), keys.end());
}

CandidatePairs GenerateCandidatePairs(const EncodedRecords& records, const BlockingOptions& options) {
  std::vector<PassJob> jobs;
  const auto& schemas = records.model().schemas();
  for (size_t s = 0; s < schemas.size(); ++s)
    for (const auto& pass : schemas[s].blocking) jobs.push_back({static_cast<int>(s), &pass});
  CandidatePairs out;
  out.stats.resize(jobs.size());
  std::vector<std::vector<uint64_t>> per_pass(jobs.size());
  auto work = [&](size_t parity) {
    for (size_t j = parity; j < jobs.size(); j += (options.threads > 1 ? 2 : 1)) {
      BlockingKeyStats& st = out.stats[j];
      st.key = schemas[static_cast<size_t>(jobs[j].schema)].schema + ": " + jobs[j].pass->name;
      if (Standalone(*jobs[j].pass)) RunStandalonePass(records, jobs[j], options, &per_pass[j], &st);
      else RunKeyedPass(records, jobs[j], options, &per_pass[j], &st);
      std::sort(per_pass[j].begin(), per_pass[j].end());
      per_pass[j].erase(std::unique(per_pass[j].begin(), per_pass[j].end()), per_pass[j].end());
      st.pairs = per_pass[j].size();
      if (options.keep_pass_pairs) st.pair_list = per_pass[j];
    }
  };
  if (options.threads > 1) {
    std::thread helper(work, 1);
    work(0);
    helper.join();
  } else {
    work(0);
  }
  // Union: merge the sorted per-pass lists pairwise.
  for (size_t j = 0; j < per_pass.size(); ++j) {
    if (LoosePass(*jobs[j].pass)) continue;
    std::vector<uint64_t> merged;
    merged.reserve(out.training_pairs.size() + per_pass[j].size());
    std::set_union(out.training_pairs.begin(), out.training_pairs.end(), per_pass[j].begin(), per_pass[j].end(),
                   std::back_inserter(merged));
    out.training_pairs.swap(merged);
  }
  for (size_t j = 0; j < per_pass.size(); ++j) {
    std::vector<uint64_t>& v = per_pass[j];
    std::vector<uint64_t> merged;
    merged.reserve(out.pairs.size() + v.size());
    std::set_union(out.pairs.begin(), out.pairs.end(), v.begin(), v.end(), std::back_inserter(merged));
    out.pairs.swap(merged);
    if (LoosePass(*jobs[j].pass) || v.empty()) {
      std::vector<uint64_t>().swap(v);
      continue;
    }
    CandidatePairs::TrainingPass training{jobs[j].schema, 0, std::move(v)};
    for (const BlockingPart& part : jobs[j].pass->parts) training.masked_fields |= uint64_t{1} << part.field;
    out.training_passes.push_back(std::move(training));
  }
  return out;
}

}  // namespace kashf::resolve
