// libFuzzer harness: the XLSX reader and the row mapper (see row_source_fuzz.h).
#include "row_source_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return kashf::fuzz::FuzzRowSource(data, size, kashf::SourceFormat::kXlsx);
}
