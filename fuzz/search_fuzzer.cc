// libFuzzer harness: Store::Search, the public search interface (whatever query parser sits behind
// it), over a small store of names in several scripts. Input: byte 0 picks the schema filter, the
// rest is the query text. An error returned as a value is fine; a crash, UB or hang is a finding.
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "kashf/model/model.h"
#include "kashf/store/store.h"

namespace {

std::unique_ptr<kashf::Store> BuildStore(const kashf::Model& model) {
  using namespace kashf;
  using kashf::fuzz::Must;
  using kashf::fuzz::MustOk;
  auto store = Must(OpenSqliteStore(fuzz::ScratchDir("search") + "/kashf.db", model), "store");
  const char* names[] = {"Muhammad Asif", "محمد آصف",          "Ghulam Rasool", "Abdul-Rahman Khan", "O'Brien",
                         "M.Asif",        "Zahid \"ZK\" Khan", "Ali Raza",      "علی رضا",           "Ümit Çelik"};
  std::vector<Statement> batch;
  for (size_t i = 0; i < std::size(names); ++i) {
    std::string id = MakeEntityId("fuzz", "Person", std::to_string(i));
    batch.push_back({id, "Person", "name", names[i], "fuzz", "f.csv:2", 1700000000});
    batch.push_back({id, "Person", "fatherName", names[(i + 3) % std::size(names)], "fuzz", "f.csv:2", 1700000000});
    batch.push_back({id, "Person", "cnic", "12987-455866" + std::to_string(i) + "-7", "fuzz", "f.csv:2", 1700000000});
  }
  batch.push_back(
      {MakeEntityId("fuzz", "Case", "1"), "Case", "caseNumber", "FIR-12/2024", "fuzz", "c.csv:2", 1700000000});
  MustOk(store->Begin(), "begin");
  MustOk(store->PutStatements(batch).status(), "put");
  MustOk(store->Commit(), "commit");
  return store;
}

kashf::Store& TheStore() {
  static const kashf::Model model = kashf::fuzz::Must(kashf::Model::LoadDefault(), "model");
  static std::unique_ptr<kashf::Store> store = BuildStore(model);
  return *store;
}

}  // namespace

// The store is built before fuzzing starts, so its setup does not count as a slow input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)TheStore();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kashf::Store& store = TheStore();
  if (size < 1) return 0;
  static const char* schemata[] = {"", "Person", "Case", "LegalEntity", "NoSuchSchema"};
  std::string query(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)store.Search(query, 1 + data[0] % 50, schemata[data[0] % std::size(schemata)]);
  return 0;
}
