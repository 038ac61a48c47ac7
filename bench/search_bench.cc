// Search benchmark: Store::Search over a store of synthetic people (invented names, fathers' names,
// CNICs and phones; "Muhammad" starts about a third of men's names, as it does in Pakistan), built
// once with the bulk loader and reused. Queries: a very common first name, a common full name, a
// rare family name, a prefix, a father's name, a CNIC and a phone in other formatting.
// Counters: searches/s, peak RSS. The store is kept between runs:
//   KASHF_SEARCH_PEOPLE=10000000 KASHF_SEARCH_STORE=/tmp/search-10m.db build/bench/kashf_bench_search
// (default: 200,000 people in a temporary folder). bench/search_load.sh serves the same store to wrk.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "bench_util.h"
#include "kashf/store/store.h"
#include "kashf/testing/files.h"

namespace {

using namespace kashf;

// Given names with rough weights (Muhammad dominates), family names, and a few rare ones.
const char* const kMale[] = {"Muhammad", "Muhammad", "Muhammad", "Ali",   "Ahmed",  "Hassan", "Bilal",  "Usman",
                             "Imran",    "Asif",     "Tariq",    "Zahid", "Kamran", "Abdul",  "Faisal", "Shahid"};
const char* const kFemale[] = {"Fatima", "Ayesha", "Zainab", "Maryam", "Sana", "Nadia", "Rubina", "Shazia"};
const char* const kMiddle[] = {"Asif",  "Rahman", "Iqbal",  "Akram", "Aslam",
                               "Nawaz", "Rafiq",  "Saleem", "Javed", "Ashraf"};
const char* const kFamily[] = {"Khan",  "Malik",    "Butt",   "Qureshi", "Chaudhry", "Sheikh", "Awan",  "Raja",
                               "Mirza", "Siddiqui", "Abbasi", "Gill",    "Baloch",   "Memon",  "Jatoi", "Khattak"};

template <size_t N>
const char* Pick(const char* const (&list)[N], std::mt19937_64& rng) {
  return list[rng() % N];
}

// The statements of synthetic person `i` (deterministic).
std::vector<Statement> SyntheticPerson(int64_t i) {
  std::mt19937_64 rng(static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ULL + 1);
  const bool male = rng() % 2 == 0;
  std::string name =
      fmt::format("{} {} {}", male ? Pick(kMale, rng) : Pick(kFemale, rng), Pick(kMiddle, rng), Pick(kFamily, rng));
  if (i % 100000 == 7) name = fmt::format("Zarghuna Wazirzai {}", i);  // rare names: one in 100,000
  const std::string father = fmt::format("{} {} {}", Pick(kMale, rng), Pick(kMiddle, rng), Pick(kFamily, rng));
  const int64_t cnic = 1000000000000 + (i * 7919) % 8999999999999;  // unique per person
  const std::string cnic_text = fmt::format("{}-{}-{}", cnic / 100000000, (cnic / 10) % 10000000, cnic % 10);
  const std::string phone = fmt::format("+92300{:07d}", i % 10000000);
  const std::string id = fmt::format("bench-person-{}", i), record = fmt::format("people.csv:{}", i + 2);
  return {{id, "Person", "name", name, "bench", record, 1700000000},
          {id, "Person", "fatherName", father, "bench", record, 1700000000},
          {id, "Person", "cnic", cnic_text, "bench", record, 1700000000},
          {id, "Person", "phone", phone, "bench", record, 1700000000}};
}

int64_t People() {
  const char* n = std::getenv("KASHF_SEARCH_PEOPLE");
  return n ? std::atoll(n) : 200000;
}

std::string StorePath() {
  const char* p = std::getenv("KASHF_SEARCH_STORE");
  return p ? p : testing::FreshTempDir("search-bench") + "/k.db";
}

// Opens the store, building it first (bulk load, batches of 10,000 people) if it has no people.
std::unique_ptr<Store>& TheStore() {
  static std::unique_ptr<Store> store = [] {
    const std::string path = StorePath();
    auto model = Model::LoadDefault();
    auto opened = OpenSqliteStore(path, *model);
    if (!opened.ok()) {
      std::fprintf(stderr, "open %s: %s\n", path.c_str(), opened.status().ToString().c_str());
      std::exit(1);
    }
    auto s = std::move(*opened);
    const int64_t have = s->Stats()->entities, want = People();
    if (have < want) {
      const auto start = std::chrono::steady_clock::now();
      std::fprintf(stderr, "building %lld synthetic people in %s ...\n", static_cast<long long>(want - have),
                   path.c_str());
      if (!s->BeginBulkLoad(size_t{1} << 30).ok()) std::exit(1);
      std::vector<Statement> batch;
      for (int64_t i = have; i < want; ++i) {
        auto p = SyntheticPerson(i);
        batch.insert(batch.end(), p.begin(), p.end());
        if (batch.size() >= 40000 || i + 1 == want) {
          Status st = s->Begin();
          if (st.ok()) st = s->PutStatements(batch).status();
          if (st.ok()) st = s->Commit();
          if (!st.ok()) {
            std::fprintf(stderr, "load: %s\n", st.ToString().c_str());
            std::exit(1);
          }
          batch.clear();
        }
        if ((i + 1) % 1000000 == 0) std::fprintf(stderr, "  %lld\n", static_cast<long long>(i + 1));
      }
      if (Status st = s->EndBulkLoad(); !st.ok()) {
        std::fprintf(stderr, "index: %s\n", st.ToString().c_str());
        std::exit(1);
      }
      std::fprintf(stderr, "built in %.0f s\n",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return s;
  }();
  return store;
}

void RunSearch(benchmark::State& state, const std::string& query, const char* schema) {
  Store& store = *TheStore();
  size_t hits = 0;
  for (auto _ : state) {
    auto r = store.Search(query, 20, schema);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    hits = r->size();
    benchmark::DoNotOptimize(hits);
  }
  state.counters["searches/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["hits"] = static_cast<double>(hits);
  state.counters["people"] = static_cast<double>(People());
  state.counters["peak_rss_mib"] = bench::PeakRssMiB();
}

const std::string kCnicOfPerson12345 = [] {
  for (const auto& s : SyntheticPerson(12345))
    if (s.prop == "cnic") return s.value;
  return std::string();
}();

BENCHMARK_CAPTURE(RunSearch, CommonFirstName, std::string("muhammad"), "Person")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, CommonFullName, std::string("muhammad asif khan"), "Person")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, RareName, std::string("wazirzai"), "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, Prefix, std::string("qures"), "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, FatherField, std::string("father:tariq javed"), "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, Punctuated, std::string("Abdul-Rahman"), "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, Cnic, kCnicOfPerson12345, "")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(RunSearch, Phone, std::string("0300 0012345"), "")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
