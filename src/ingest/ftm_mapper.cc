#include "kashf/ingest/ftm_mapper.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include "json_scalar.h"
#include "kashf/core/paths.h"
#include "kashf/core/text.h"
#include "kashf/ingest/row_source.h"
#include "kashf/model/statement.h"
#include "kashf/model/values.h"

namespace kashf {
namespace {

// A name from the file shortened for a message (schema and property names, never values).
std::string Shown(std::string_view name) { return std::string(name.substr(0, 64)); }

// The values of one FtM property: strings, numbers, or (in nested exports) entities as objects
// with an "id". Anything else (null, booleans, lists of lists) is skipped.
void PropertyValues(simdjson::dom::element el, std::vector<std::string>* out) {
  using simdjson::dom::element_type;
  simdjson::dom::array arr;
  if (el.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : arr)
      if (item.type() != element_type::ARRAY) PropertyValues(item, out);
    return;
  }
  std::string text;
  if (el.type() == element_type::OBJECT) {
    std::string_view id;
    if (el.get_object().at_key("id").get_string().get(id) == simdjson::SUCCESS) out->emplace_back(id);
  } else if (el.type() != element_type::BOOL && JsonScalarText(el, &text)) {
    out->push_back(std::move(text));
  }
}

Status BadEntry(const std::string& origin, const std::string& where, const std::string& what) {
  return Status::InvalidArgument(fmt::format("FtM translation '{}' {}: {}", origin, where, what));
}

}  // namespace

Result<FtmTranslation> FtmTranslation::Load(const std::string& path, const Model& model) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("FtM translation file '{}' does not exist", path));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path, model);
}

Result<FtmTranslation> FtmTranslation::LoadDefault(const Model& model) {
  return Load(DataPath("data/reference/ftm-translation.yaml"), model);
}

Result<FtmTranslation> FtmTranslation::Parse(const std::string& yaml_text, const std::string& origin,
                                             const Model& model) {
  KASHF_RETURN_IF_ERROR(CheckYamlNesting(yaml_text, InputLimits{}.max_nesting_depth));
  FtmTranslation t;
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    if (!root.IsMap() || !root["schemata"] || !root["schemata"].IsMap())
      return BadEntry(origin, "", "must be a YAML map with `schemata:` (see data/reference/ftm-translation.yaml)");
    const auto rename = [](const YAML::Node& v) { return v.IsNull() ? std::string() : v.as<std::string>(); };
    if (const YAML::Node general = root["properties"]; general && general.IsMap())
      for (const auto& p : general) t.properties_[p.first.as<std::string>()] = rename(p.second);
    for (const auto& s : root["schemata"]) {
      const std::string ftm = s.first.as<std::string>();
      const std::string where = "schemata." + ftm;
      if (!s.second.IsMap() || !s.second["to"]) return BadEntry(origin, where, "needs `to: <Kashf schema>`");
      SchemaRule rule;
      rule.to = s.second["to"].as<std::string>();
      const SchemaSpec* spec = model.Find(rule.to);
      if (!spec) return model.UnknownSchema(rule.to).WithContext(fmt::format("FtM translation '{}' {}", origin, where));
      if (spec->abstract)
        return BadEntry(origin, where, fmt::format("'{}' is abstract; name a concrete schema", rule.to));
      if (const YAML::Node props = s.second["properties"]; props && props.IsMap())
        for (const auto& p : props) {
          const std::string to = rename(p.second);
          if (!to.empty() && !model.FindProperty(rule.to, to))
            return model.UnknownProperty(rule.to, to)
                .WithContext(
                    fmt::format("FtM translation '{}' {}.properties.{}", origin, where, p.first.as<std::string>()));
          rule.properties[p.first.as<std::string>()] = to;
        }
      t.schemata_[ftm] = std::move(rule);
    }
  } catch (const YAML::Exception& e) {
    return BadEntry(origin, fmt::format("line {}", e.mark.line + 1), e.msg);
  }
  return t;
}

FtmTranslation FtmTranslation::KashfModel(const Model& model) {
  FtmTranslation t;
  for (const std::string& name : model.SchemaNames())
    if (const SchemaSpec* spec = model.Find(name); spec && !spec->abstract) t.schemata_[name] = SchemaRule{name, {}};
  return t;
}

std::string FtmTranslation::Schema(const std::string& ftm_schema) const {
  auto it = schemata_.find(ftm_schema);
  return it == schemata_.end() ? std::string() : it->second.to;
}

std::string FtmTranslation::Property(const std::string& ftm_schema, const std::string& ftm_prop) const {
  if (auto s = schemata_.find(ftm_schema); s != schemata_.end())
    if (auto p = s->second.properties.find(ftm_prop); p != s->second.properties.end()) return p->second;
  if (auto p = properties_.find(ftm_prop); p != properties_.end()) return p->second;
  return ftm_prop;
}

const std::vector<std::string>& FtmColumns() {
  static const std::vector<std::string> columns = {"id", "schema", "properties"};
  return columns;
}

Result<FtmIdIndex> IndexFtmIds(const std::string& path, const FtmTranslation& translation, const InputLimits& limits) {
  SourceOptions o;
  o.format = SourceFormat::kJsonLines;
  o.limits = limits;
  KASHF_ASSIGN_OR_RETURN(auto source, OpenRowSource(path, o, {"id", "schema"}));
  FtmIdIndex index;
  SourceRow row;
  for (;;) {
    KASHF_ASSIGN_OR_RETURN(bool more, source->Next(&row));
    if (!more) break;
    if (!row.error.empty() || row.values[0].empty() || row.values[0].size() > limits.max_cell_bytes) continue;
    const std::string schema = translation.Schema(row.values[1]);
    if (!schema.empty()) index.emplace(row.values[0], schema);
  }
  return index;
}

FtmMapper::FtmMapper(const Model& model, const FtmTranslation& translation, const FtmIdIndex& ids, std::string dataset,
                     std::string file_label, int64_t import_time, const InputLimits& limits, Grading grading)
    : model_(model),
      translation_(translation),
      ids_(ids),
      dataset_(std::move(dataset)),
      file_label_(std::move(file_label)),
      import_time_(import_time),
      limits_(limits),
      grading_(std::move(grading)) {}

void FtmMapper::Map(const SourceRow& row, MappedRow* out) const {
  out->rejected = false;
  out->statements.clear();
  out->warnings.clear();
  const auto reject = [&](std::string column, std::string reason) {
    out->rejected = true;
    out->statements.clear();
    out->warnings.clear();
    out->reject = {file_label_, row.line, std::move(column), std::move(reason)};
  };
  const auto warn = [&](const std::string& column, std::string reason) {
    out->warnings.push_back({file_label_, row.line, column, std::move(reason)});
  };
  if (!row.error.empty()) return reject(row.error_column, row.error);
  const std::string& ftm_id = row.values[0];
  const std::string& ftm_schema = row.values[1];
  if (ftm_id.empty() || ftm_id.size() > limits_.max_cell_bytes)
    return reject("id", fmt::format("an FtM entity needs an \"id\" of at most {} bytes", limits_.max_cell_bytes));
  if (ftm_schema.empty()) return reject("schema", "an FtM entity needs a \"schema\"");
  const std::string schema = translation_.Schema(ftm_schema);
  if (schema.empty())
    return reject("schema", fmt::format("FtM schema '{}' has no Kashf translation; add it to "
                                        "data/reference/ftm-translation.yaml to load these lines",
                                        Shown(ftm_schema)));
  const std::string entity_id = MakeEntityId(dataset_, schema, ftm_id);
  const std::string& json = row.values[2];
  if (json.empty()) return;  // an entity named by id only
  thread_local simdjson::dom::parser parser;
  if (parser.max_depth() != limits_.max_nesting_depth &&
      parser.allocate(std::max<size_t>(json.size(), 4096), limits_.max_nesting_depth) != simdjson::SUCCESS)
    return reject("properties", "not enough memory to read the properties");
  simdjson::dom::object props;
  if (parser.parse(json).get_object().get(props) != simdjson::SUCCESS)
    return reject("properties", "\"properties\" must be an object of lists of values");
  std::vector<std::string> values;
  std::string value;
  for (auto field : props) {
    const std::string ftm_prop(field.key);
    const std::string column = "properties." + Shown(ftm_prop);
    const std::string prop = translation_.Property(ftm_schema, ftm_prop);
    if (prop.empty()) continue;  // left out on purpose by the translation
    const PropertySpec* spec = model_.FindProperty(schema, prop);
    if (!spec) {
      warn(column, fmt::format("Kashf's {} has no property '{}'; left out (translate it in "
                               "data/reference/ftm-translation.yaml)",
                               schema, Shown(prop)));
      continue;
    }
    values.clear();
    PropertyValues(field.value, &values);
    for (const std::string& raw : values) {
      if (Trim(raw).empty()) continue;
      if (raw.size() > limits_.max_cell_bytes) {
        warn(column,
             fmt::format("a value is longer than {} bytes, the limit per value; left out", limits_.max_cell_bytes));
        continue;
      }
      if (spec->type == PropertyType::kEntity) {
        auto target = ids_.find(raw);
        if (target == ids_.end()) {
          warn(column, fmt::format("{} names an entity that is not in this file; left out", Shown(prop)));
          continue;
        }
        if (!spec->range.empty() && !model_.IsA(target->second, spec->range)) {
          warn(column, fmt::format("{} names a {} where Kashf expects a {}; left out", Shown(prop), target->second,
                                   spec->range));
          continue;
        }
        value = MakeEntityId(dataset_, target->second, raw);
      } else if (Status st = ValidateValue(spec->type, raw, &value); !st.ok()) {
        warn(column,
             fmt::format("{} ({}): {} (value left out)", Shown(prop), PropertyTypeName(spec->type), st.message()));
        continue;
      }
      out->statements.push_back({entity_id, schema, prop, std::move(value), dataset_, ftm_id, import_time_, grading_});
    }
  }
  const auto has = [&](const std::string& prop) {
    for (const Statement& s : out->statements)
      if (s.prop == prop) return true;
    return false;
  };
  if (const auto [source, target] = model_.Edge(schema); !source.empty() && !(has(source) && has(target)))
    return reject("properties", fmt::format("an FtM {} becomes a Kashf {}, which needs both '{}' and '{}' naming "
                                            "entities of this file",
                                            Shown(ftm_schema), schema, source, target));
  for (const std::string& req : model_.Required(schema))
    if (!has(req)) return reject("properties", fmt::format("a Kashf {} needs '{}' (required)", schema, req));
}

}  // namespace kashf
