// Model: the schema of entity and relationship types, loaded from schema/kashf.yaml.
// Thread safety: immutable after loading; safe to share across threads.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf {

enum class PropertyType {
  kName,
  kString,
  kText,
  kDate,
  kCnic,
  kIdentifier,
  kPhone,
  kEmail,
  kCountry,
  kAmount,
  kNumber,
  kEntity,
  kGender,
  kUrl
};

// Parses "name", "cnic" ...; error lists the valid names.
Result<PropertyType> ParsePropertyType(const std::string& name);
std::string PropertyTypeName(PropertyType type);

struct PropertySpec {
  std::string name;
  PropertyType type = PropertyType::kString;
  std::string range;  // for kEntity: the schema the referenced entity must be (or descend from)
  std::string label;
  std::string declared_in;  // schema that declares it
};

struct SchemaSpec {
  std::string name;
  std::string extends;
  bool abstract = false;
  bool interval = false;                 // a relationship between two entities
  std::string edge_source, edge_target;  // property names, for interval schemata
  std::vector<std::string> caption;
  std::vector<std::string> required;     // own `required:` properties (every record must have them)
  std::vector<PropertySpec> properties;  // own properties only
};

class Model {
 public:
  static Result<Model> LoadFile(const std::string& path);
  static Result<Model> LoadYaml(const std::string& text, const std::string& origin);
  // schema/kashf.yaml under KashfHome().
  static Result<Model> LoadDefault();

  const SchemaSpec* Find(const std::string& schema) const;
  // Property of `schema` or any ancestor; nullptr if none.
  const PropertySpec* FindProperty(const std::string& schema, const std::string& prop) const;
  // All properties including inherited ones, ancestors first.
  std::vector<const PropertySpec*> Properties(const std::string& schema) const;
  std::vector<std::string> PropertyNames(const std::string& schema) const;
  bool IsA(const std::string& schema, const std::string& ancestor) const;
  // Edge endpoints of an interval schema (inherited if not declared); empty when not an interval.
  std::pair<std::string, std::string> Edge(const std::string& schema) const;
  bool IsInterval(const std::string& schema) const;
  // Properties every record of `schema` must have: its own `required:` and its ancestors'.
  std::vector<std::string> Required(const std::string& schema) const;
  std::vector<std::string> SchemaNames() const;

  // Error for an unknown schema name, with a "did you mean" suggestion.
  Status UnknownSchema(const std::string& schema) const;
  Status UnknownProperty(const std::string& schema, const std::string& prop) const;

 private:
  std::map<std::string, SchemaSpec> schemata_;
};

}  // namespace kashf
