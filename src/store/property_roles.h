// What each property of the model is to a store backend: a name (indexed for name search), an
// identifier (cnic, phone and identifier types: indexed by IdentifierKey for exact look-up), and which
// properties make an entity's caption. Shared by the SQLite and PostgreSQL backends so both index
// and caption alike.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kashf/model/model.h"

namespace kashf {

class PropertyRoles {
 public:
  explicit PropertyRoles(const Model& model);
  bool IsName(std::string_view schema, std::string_view prop) const { return Has(names_, schema, prop); }
  bool IsIdentifier(std::string_view schema, std::string_view prop) const { return Has(ids_, schema, prop); }
  // The properties whose first value is the caption, in order of preference (the schema's or the
  // nearest ancestor's caption list; "name" if none).
  const std::vector<std::string>& CaptionProperties(std::string_view schema) const;

 private:
  // Hash of std::string that also takes string_view keys (lookups with views into packed records).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;
  template <typename V>
  using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;
  static bool Has(const TextMap<TextSet>& map, std::string_view schema, std::string_view prop) {
    auto it = map.find(schema);
    return it != map.end() && it->second.find(prop) != it->second.end();
  }
  TextMap<TextSet> names_, ids_;
  TextMap<std::vector<std::string>> captions_;
};

}  // namespace kashf
