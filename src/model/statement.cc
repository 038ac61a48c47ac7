#include "kashf/model/statement.h"

#include "kashf/core/hash.h"

namespace kashf {

uint64_t Statement::Id() const { return StableHashParts({entity_id, prop, value, dataset, record_id}); }

std::string MakeEntityId(const std::string& dataset, const std::string& schema, const std::string& key) {
  return dataset + "." + schema + "." + Hex64(StableHashParts({dataset, schema, key}));
}

}  // namespace kashf
