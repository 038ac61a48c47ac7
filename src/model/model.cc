#include "kashf/model/model.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/core/text.h"

namespace kashf {
namespace {
const std::vector<std::pair<std::string, PropertyType>>& TypeNames() {
  static const std::vector<std::pair<std::string, PropertyType>> kNames = {
      {"name", PropertyType::kName},     {"string", PropertyType::kString}, {"text", PropertyType::kText},
      {"date", PropertyType::kDate},     {"cnic", PropertyType::kCnic},     {"identifier", PropertyType::kIdentifier},
      {"phone", PropertyType::kPhone},   {"email", PropertyType::kEmail},   {"country", PropertyType::kCountry},
      {"amount", PropertyType::kAmount}, {"number", PropertyType::kNumber}, {"entity", PropertyType::kEntity},
      {"gender", PropertyType::kGender}, {"url", PropertyType::kUrl}};
  return kNames;
}
}  // namespace

Result<PropertyType> ParsePropertyType(const std::string& name) {
  std::vector<std::string> all;
  for (const auto& [n, t] : TypeNames()) {
    if (n == name) return t;
    all.push_back(n);
  }
  auto hint = ClosestMatch(name, all);
  return Status::InvalidArgument(fmt::format("unknown property type '{}'{}; valid types: {}", name,
                                             hint ? fmt::format(" (did you mean '{}'?)", *hint) : "", Join(all, ", ")));
}

std::string PropertyTypeName(PropertyType type) {
  for (const auto& [n, t] : TypeNames())
    if (t == type) return n;
  return "string";
}

Result<Model> Model::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(
        fmt::format("schema file '{}' cannot be opened; set KASHF_HOME to the "
                    "folder holding schema/kashf.yaml",
                    path));
  std::stringstream ss;
  ss << in.rdbuf();
  return LoadYaml(ss.str(), path);
}

Result<Model> Model::LoadDefault() { return LoadFile(DataPath("schema/kashf.yaml")); }

Result<Model> Model::LoadYaml(const std::string& text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  if (!root["schemata"] || !root["schemata"].IsMap())
    return Status::InvalidArgument(fmt::format("{}: missing 'schemata:' map", origin));
  Model model;
  try {
    for (const auto& it : root["schemata"]) {
      SchemaSpec s;
      s.name = it.first.as<std::string>();
      const YAML::Node& n = it.second;
      if (n["extends"]) s.extends = n["extends"].as<std::string>();
      if (n["abstract"]) s.abstract = n["abstract"].as<bool>();
      if (n["interval"]) s.interval = n["interval"].as<bool>();
      if (n["edge"]) {
        s.edge_source = n["edge"]["source"].as<std::string>();
        s.edge_target = n["edge"]["target"].as<std::string>();
      }
      if (n["caption"]) s.caption = n["caption"].as<std::vector<std::string>>();
      if (n["required"]) s.required = n["required"].as<std::vector<std::string>>();
      if (n["properties"]) {
        for (const auto& p : n["properties"]) {
          PropertySpec ps;
          ps.name = p.first.as<std::string>();
          ps.declared_in = s.name;
          std::string type = p.second["type"] ? p.second["type"].as<std::string>() : "string";
          auto parsed = ParsePropertyType(type);
          if (!parsed.ok()) return parsed.status().WithContext(fmt::format("{}: {}.{}", origin, s.name, ps.name));
          ps.type = *parsed;
          if (p.second["range"]) ps.range = p.second["range"].as<std::string>();
          if (p.second["label"]) ps.label = p.second["label"].as<std::string>();
          s.properties.push_back(std::move(ps));
        }
      }
      model.schemata_[s.name] = std::move(s);
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("{}: line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  // Check references: parents exist, no cycles, edges name real entity properties.
  for (auto& [name, s] : model.schemata_) {
    std::set<std::string> seen;
    for (const SchemaSpec* cur = &s; !cur->extends.empty();) {
      if (!seen.insert(cur->name).second)
        return Status::InvalidArgument(fmt::format("{}: schema '{}' inherits from itself", origin, name));
      const SchemaSpec* parent = model.Find(cur->extends);
      if (!parent) return model.UnknownSchema(cur->extends).WithContext(fmt::format("{}: {}.extends", origin, name));
      if (parent->interval) s.interval = true;
      cur = parent;
    }
  }
  for (const auto& [name, s] : model.schemata_) {
    for (const auto& p : s.properties)
      if (p.type == PropertyType::kEntity && !model.Find(p.range))
        return model.UnknownSchema(p.range).WithContext(fmt::format("{}: {}.{}.range", origin, name, p.name));
    for (const auto& r : s.required)
      if (!model.FindProperty(name, r))
        return model.UnknownProperty(name, r).WithContext(fmt::format("{}: {}.required", origin, name));
    if (s.interval && !s.abstract) {
      auto [src, dst] = model.Edge(name);
      for (const auto& end : {src, dst}) {
        const PropertySpec* ps = model.FindProperty(name, end);
        if (!ps || ps->type != PropertyType::kEntity)
          return Status::InvalidArgument(
              fmt::format("{}: interval schema '{}' edge end '{}' is not an entity property", origin, name, end));
      }
    }
  }
  return model;
}

const SchemaSpec* Model::Find(const std::string& schema) const {
  auto it = schemata_.find(schema);
  return it == schemata_.end() ? nullptr : &it->second;
}

const PropertySpec* Model::FindProperty(const std::string& schema, const std::string& prop) const {
  for (const SchemaSpec* s = Find(schema); s; s = s->extends.empty() ? nullptr : Find(s->extends))
    for (const auto& p : s->properties)
      if (p.name == prop) return &p;
  return nullptr;
}

std::vector<const PropertySpec*> Model::Properties(const std::string& schema) const {
  std::vector<const SchemaSpec*> chain;
  for (const SchemaSpec* s = Find(schema); s; s = s->extends.empty() ? nullptr : Find(s->extends)) chain.push_back(s);
  std::vector<const PropertySpec*> out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const auto& p : (*it)->properties) out.push_back(&p);
  return out;
}

std::vector<std::string> Model::PropertyNames(const std::string& schema) const {
  std::vector<std::string> out;
  for (const auto* p : Properties(schema)) out.push_back(p->name);
  return out;
}

bool Model::IsA(const std::string& schema, const std::string& ancestor) const {
  for (const SchemaSpec* s = Find(schema); s; s = s->extends.empty() ? nullptr : Find(s->extends))
    if (s->name == ancestor) return true;
  return false;
}

std::pair<std::string, std::string> Model::Edge(const std::string& schema) const {
  for (const SchemaSpec* s = Find(schema); s; s = s->extends.empty() ? nullptr : Find(s->extends))
    if (!s->edge_source.empty()) return {s->edge_source, s->edge_target};
  return {};
}

bool Model::IsInterval(const std::string& schema) const {
  const SchemaSpec* s = Find(schema);
  return s && s->interval;
}

std::vector<std::string> Model::Required(const std::string& schema) const {
  std::vector<std::string> out;
  for (const SchemaSpec* s = Find(schema); s; s = s->extends.empty() ? nullptr : Find(s->extends))
    for (const auto& r : s->required)
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  return out;
}

std::vector<std::string> Model::SchemaNames() const {
  std::vector<std::string> out;
  for (const auto& [n, s] : schemata_) out.push_back(n);
  return out;
}

Status Model::UnknownSchema(const std::string& schema) const {
  std::vector<std::string> concrete;
  for (const auto& [n, s] : schemata_)
    if (!s.abstract) concrete.push_back(n);
  auto hint = ClosestMatch(schema, concrete);
  return Status::InvalidArgument(fmt::format("unknown schema '{}'{}; known: {}", schema,
                                             hint ? fmt::format(" (did you mean '{}'?)", *hint) : "",
                                             Join(concrete, ", ")));
}

Status Model::UnknownProperty(const std::string& schema, const std::string& prop) const {
  auto names = PropertyNames(schema);
  auto hint = ClosestMatch(prop, names);
  return Status::InvalidArgument(fmt::format("schema '{}' has no property '{}'{}; its properties: {}", schema, prop,
                                             hint ? fmt::format(" (did you mean '{}'?)", *hint) : "",
                                             Join(names, ", ")));
}

}  // namespace kashf
