// libFuzzer harness: the mapping parser (YAML through yaml-cpp, then the checks against the model).
#include <string>

#include "fuzz_util.h"
#include "kashf/ingest/mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kashf::Model model = kashf::fuzz::Must(kashf::Model::LoadDefault(), "model");
  auto m = kashf::ParseMapping(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", model);
  if (m.ok()) (void)m->Columns();
  return 0;
}
