// libFuzzer harness: FollowTheMoney JSON lines (format: ftm): the input is the file; its ids are
// indexed (first pass) and every line is read and mapped through the default translation, with
// small limits so that the limit paths are reached too.
#include "kashf/ingest/ftm_mapper.h"
#include "row_source_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kashf;
  static const Model model = fuzz::Must(Model::LoadDefault(), "model");
  static const FtmTranslation translation = fuzz::Must(FtmTranslation::LoadDefault(model), "translation");
  static fuzz::MemFile file;
  SourceOptions o;
  o.format = SourceFormat::kFtm;
  o.limits.max_record_bytes = size_t{1} << 20;
  o.limits.max_cell_bytes = 4096;
  o.limits.max_nesting_depth = 16;
  const std::string& path = file.Write(data, size);
  auto ids = IndexFtmIds(path, translation, o.limits);
  if (!ids.ok()) return 0;
  auto source = OpenRowSource(path, o, FtmColumns());
  if (!source.ok()) return 0;
  fuzz::MapEveryRow(**source, FtmMapper(model, translation, *ids, "fuzz", "fuzz", 1700000000, o.limits));
  return 0;
}
