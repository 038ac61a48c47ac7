#include "kashf/ingest/mapping.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/text.h"
#include "kashf/ingest/chat_mapper.h"
#include "kashf/ingest/ftm_mapper.h"
#include "kashf/model/values.h"

namespace kashf {
namespace {

Status CheckKeys(const YAML::Node& node, const std::vector<std::string>& allowed, const std::string& where) {
  for (const auto& kv : node) {
    std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    auto hint = ClosestMatch(key, allowed);
    return Status::InvalidArgument(fmt::format("{}: unknown key '{}'{}; allowed: {}", where, key,
                                               hint ? fmt::format(" (did you mean '{}'?)", *hint) : "",
                                               Join(allowed, ", ")));
  }
  return Status::Ok();
}

std::vector<std::string> StringList(const YAML::Node& n) {
  if (!n) return {};
  if (n.IsScalar()) return {n.as<std::string>()};
  return n.as<std::vector<std::string>>();
}

Result<char> ParseDelimiter(const std::string& d, const std::string& where) {
  if (d == "\\t" || d == "\t" || d == "tab") return '\t';
  if (d.size() == 1 && d[0] != '"' && d[0] != '\n' && d[0] != '\r') return d[0];
  return Status::InvalidArgument(
      fmt::format("{}: delimiter must be one character (e.g. \",\", \";\", \"\\t\"), got '{}'", where, d));
}

Result<InvalidPolicy> ParseInvalidPolicy(const std::string& policy, const std::string& where) {
  if (policy == "reject") return InvalidPolicy::kReject;
  if (policy == "keep") return InvalidPolicy::kKeep;
  if (policy == "skip") return InvalidPolicy::kSkip;
  return Status::InvalidArgument(fmt::format("{}: invalid: must be reject, keep or skip, got '{}'", where, policy));
}

Status SetTemplate(const std::string& text, const std::string& where, PropertyMapping* pm) {
  Result<ValueTemplate> t = ValueTemplate::Parse(text);
  if (!t.ok()) return t.status().WithContext(where);
  pm->columns = t->columns();
  pm->value_template = std::move(*t);
  return Status::Ok();
}

Status SetDateFormats(const YAML::Node& formats, const std::string& where, PropertyMapping* pm) {
  if (pm->spec->type != PropertyType::kDate)
    return Status::InvalidArgument(fmt::format("{}: format: applies to dates only, and '{}' is a {} property", where,
                                               pm->prop, PropertyTypeName(pm->spec->type)));
  for (const std::string& layout : StringList(formats)) {
    Result<DateFormat> f = DateFormat::Parse(layout);
    if (!f.ok()) return f.status().WithContext(where);
    pm->date_formats.push_back(std::move(*f));
  }
  if (pm->date_formats.empty()) return Status::InvalidArgument(where + ": format: names no date format");
  return Status::Ok();
}

// Where a property's values come from: `prop: column`, `prop: "{a} {b}"` (a template), or a map
// `text: true`: the value is free text (a narrative, an ad's body, a message), kept as written and
// read for selectors at import. Only text and string properties read from columns may be text.
Status SetTextColumn(const YAML::Node& v, const std::string& where, PropertyMapping* pm) {
  pm->text = v["text"].as<bool>();
  if (!pm->text) return Status::Ok();
  if (pm->columns.empty())
    return Status::InvalidArgument(where + ": text: true applies to values read from columns (column: or columns:)");
  if (pm->spec->type != PropertyType::kText && pm->spec->type != PropertyType::kString)
    return Status::InvalidArgument(fmt::format(
        "{}: text: true needs a text or string property, but '{}' is a {} property (use e.g. notes, summary or "
        "bodyText)",
        where, pm->prop, PropertyTypeName(pm->spec->type)));
  return Status::Ok();
}

// with exactly one of column:, columns:, template:, literal:, entity:, and the options invalid:
// and (dates) format:.
Status ParsePropertySource(const YAML::Node& v, const std::string& where, PropertyMapping* pm) {
  if (v.IsScalar()) {
    const std::string text = v.as<std::string>();
    if (ValueTemplate::LooksLikeTemplate(text)) return SetTemplate(text, where, pm);
    pm->columns = {text};
    return Status::Ok();
  }
  if (!v.IsMap())
    return Status::InvalidArgument(where +
                                   ": must be a column name, a template or a map "
                                   "(column:/columns:/template:/literal:/entity:)");
  KASHF_RETURN_IF_ERROR(
      CheckKeys(v, {"column", "columns", "template", "literal", "entity", "invalid", "format", "text"}, where));
  const int sources = (v["column"] ? 1 : 0) + (v["columns"] ? 1 : 0) + (v["template"] ? 1 : 0) +
                      (v["literal"] ? 1 : 0) + (v["entity"] ? 1 : 0);
  if (sources != 1)
    return Status::InvalidArgument(where + ": give exactly one of column:, columns:, template:, literal:, entity:");
  if (v["column"]) pm->columns = {v["column"].as<std::string>()};
  if (v["columns"]) pm->columns = StringList(v["columns"]);
  if (v["template"]) KASHF_RETURN_IF_ERROR(SetTemplate(v["template"].as<std::string>(), where, pm));
  if (v["entity"]) pm->entity = v["entity"].as<std::string>();
  if (v["literal"]) {
    std::string canon;
    Status st = ValidateValue(pm->spec->type, v["literal"].as<std::string>(), &canon);
    if (!st.ok()) return st.WithContext(where + ": literal");
    pm->literal = canon;
  }
  if (v["invalid"]) {
    KASHF_ASSIGN_OR_RETURN(pm->invalid, ParseInvalidPolicy(v["invalid"].as<std::string>(), where));
  }
  if (v["format"]) {
    if (v["literal"] || v["entity"])
      return Status::InvalidArgument(where + ": format: applies to values read from columns");
    KASHF_RETURN_IF_ERROR(SetDateFormats(v["format"], where, pm));
  }
  if (v["text"]) return SetTextColumn(v, where, pm);
  return Status::Ok();
}

// The mapping's YAML, refused before parsing when too large or too deeply nested.
Result<YAML::Node> LoadMappingYaml(const std::string& yaml_text, const std::string& origin, const InputLimits& limits) {
  if (yaml_text.size() > limits.max_mapping_bytes)
    return Status::InvalidArgument(
        fmt::format("mapping '{}' is larger than {} KB, the limit for a mapping file; is it "
                    "the data file instead of the mapping?",
                    origin, limits.max_mapping_bytes >> 10));
  if (Status deep = CheckYamlNesting(yaml_text, limits.max_nesting_depth); !deep.ok())
    return deep.WithContext(fmt::format("mapping '{}'", origin));
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("mapping '{}' line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  if (!root.IsMap())
    return Status::InvalidArgument(fmt::format("mapping '{}' must be a YAML map (dataset:, entities:)", origin));
  return root;
}

// The top-level keys other than entities: dataset, title, agency, format, csv, xlsx, record_id, required.
bool IsDatasetName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

// `grading:` with source:, information:, handling:, each a code or {column:, default:}.
Status ParseGrading(const YAML::Node& node, const std::string& where, GradingMapping* g) {
  if (!node) return Status::Ok();
  if (!node.IsMap())
    return Status::InvalidArgument(where + ": must be a map with source:, information: and/or handling:");
  KASHF_RETURN_IF_ERROR(CheckKeys(node, {"source", "information", "handling"}, where));
  for (auto [key, axis] : {std::pair{"source", &g->source}, std::pair{"information", &g->information},
                           std::pair{"handling", &g->handling}}) {
    const YAML::Node v = node[key];
    if (!v) continue;
    const std::string at = fmt::format("{}.{}", where, key);
    if (v.IsScalar()) {
      axis->code = v.as<std::string>();
      continue;
    }
    if (!v.IsMap() || !v["column"])
      return Status::InvalidArgument(at + ": must be a code (e.g. H1) or {column: <column>, default: <code>}");
    KASHF_RETURN_IF_ERROR(CheckKeys(v, {"column", "default"}, at));
    axis->column = v["column"].as<std::string>();
    if (v["default"]) axis->code = v["default"].as<std::string>();
  }
  return Status::Ok();
}

Status ParseSourceOptions(const YAML::Node& root, const std::string& origin, Mapping* m) {
  KASHF_RETURN_IF_ERROR(CheckKeys(root,
                                  {"dataset", "title", "agency", "description", "format", "csv", "xlsx", "ftm", "chat",
                                   "record_id", "required", "grading", "entities"},
                                  fmt::format("mapping '{}'", origin)));
  if (!root["dataset"])
    return Status::InvalidArgument(
        fmt::format("mapping '{}': 'dataset:' is required (a short name "
                    "for the source, e.g. punjab-police-fir)",
                    origin));
  m->dataset = root["dataset"].as<std::string>();
  if (!IsDatasetName(m->dataset))
    return Status::InvalidArgument(
        fmt::format("mapping '{}': dataset '{}' may use only letters, digits, '-' and '_'", origin, m->dataset));
  if (root["title"]) m->title = root["title"].as<std::string>();
  if (root["agency"]) m->agency = root["agency"].as<std::string>();
  if (root["format"]) {
    KASHF_ASSIGN_OR_RETURN(m->format, ParseSourceFormat(root["format"].as<std::string>()));
    m->has_format = true;
  }
  if (root["csv"]) {
    KASHF_RETURN_IF_ERROR(CheckKeys(root["csv"], {"delimiter"}, fmt::format("mapping '{}' csv", origin)));
    if (root["csv"]["delimiter"]) {
      KASHF_ASSIGN_OR_RETURN(m->delimiter, ParseDelimiter(root["csv"]["delimiter"].as<std::string>(),
                                                          fmt::format("mapping '{}' csv", origin)));
    }
  }
  if (root["xlsx"]) {
    KASHF_RETURN_IF_ERROR(CheckKeys(root["xlsx"], {"sheet"}, fmt::format("mapping '{}' xlsx", origin)));
    if (root["xlsx"]["sheet"]) m->sheet = root["xlsx"]["sheet"].as<std::string>();
  }
  m->record_id = StringList(root["record_id"]);
  m->required = StringList(root["required"]);
  return ParseGrading(root["grading"], fmt::format("mapping '{}' grading", origin), &m->grading);
}

// An entity property must be an `entity:` reference to an entity of this mapping whose schema fits
// the property's range; no other property may be one.
Status CheckEntityReference(const PropertyMapping& pm, const YAML::Node& entities, const Model& model,
                            const std::string& where) {
  std::vector<std::string> names;
  for (const auto& e : entities) names.push_back(e.first.as<std::string>());
  std::sort(names.begin(), names.end());
  if (pm.spec->type == PropertyType::kEntity && pm.entity.empty())
    return Status::InvalidArgument(
        fmt::format("{}: '{}' refers to another entity; write `{}: {{entity: <name>}}` "
                    "naming one of: {}",
                    where, pm.prop, pm.prop, Join(names, ", ")));
  if (pm.entity.empty()) return Status::Ok();
  if (pm.spec->type != PropertyType::kEntity)
    return Status::InvalidArgument(fmt::format("{}: '{}' is a {} property, not an entity reference", where, pm.prop,
                                               PropertyTypeName(pm.spec->type)));
  if (!std::binary_search(names.begin(), names.end(), pm.entity)) {
    auto hint = ClosestMatch(pm.entity, names);
    return Status::InvalidArgument(fmt::format("{}: no entity '{}' in this mapping{}", where, pm.entity,
                                               hint ? fmt::format(" (did you mean '{}'?)", *hint) : ""));
  }
  const std::string target_schema = entities[pm.entity]["schema"].as<std::string>();
  if (!pm.spec->range.empty() && model.Find(target_schema) && !model.IsA(target_schema, pm.spec->range))
    return Status::InvalidArgument(fmt::format("{}: '{}' must refer to a {}, but entity '{}' is a {}", where, pm.prop,
                                               pm.spec->range, pm.entity, target_schema));
  return Status::Ok();
}

// One entry of `entities:`: its schema, keys and properties, checked against the model.
Result<EntityMapping> ParseEntity(const std::string& name, const YAML::Node& n, const YAML::Node& entities,
                                  const std::string& origin, const Model& model) {
  EntityMapping em;
  em.name = name;
  const std::string where = fmt::format("mapping '{}' entities.{}", origin, em.name);
  if (!n.IsMap()) return Status::InvalidArgument(where + ": must be a map with schema:, keys:, properties:");
  KASHF_RETURN_IF_ERROR(CheckKeys(n, {"schema", "keys", "dataset", "properties"}, where));
  if (!n["schema"]) return Status::InvalidArgument(where + ": 'schema:' is required");
  em.schema = n["schema"].as<std::string>();
  const SchemaSpec* spec = model.Find(em.schema);
  if (!spec) return model.UnknownSchema(em.schema).WithContext(where);
  if (spec->abstract)
    return Status::InvalidArgument(
        fmt::format("{}: schema '{}' is abstract; use one of its concrete kinds", where, em.schema));
  em.interval = model.IsInterval(em.schema);
  std::tie(em.edge_source, em.edge_target) = model.Edge(em.schema);
  em.keys = StringList(n["keys"]);
  if (n["dataset"]) {
    em.id_dataset = n["dataset"].as<std::string>();
    if (!IsDatasetName(em.id_dataset))
      return Status::InvalidArgument(
          fmt::format("{}: dataset '{}' may use only letters, digits, '-' and '_'", where, em.id_dataset));
    if (em.keys.empty())
      return Status::InvalidArgument(fmt::format(
          "{}: dataset: names where the ids come from, so give the id columns too (keys: [<column>])", where));
  }
  em.reference_only = !n["properties"] && !em.keys.empty() && !em.interval;
  if (em.reference_only) return em;
  if (!n["properties"] || !n["properties"].IsMap())
    return Status::InvalidArgument(where +
                                   ": 'properties:' must map at least one property (an entity only referred to by "
                                   "id needs keys: and no properties:)");
  for (const auto& p : n["properties"]) {
    PropertyMapping pm;
    pm.prop = p.first.as<std::string>();
    const std::string pwhere = fmt::format("{}.properties.{}", where, pm.prop);
    pm.spec = model.FindProperty(em.schema, pm.prop);
    if (!pm.spec) return model.UnknownProperty(em.schema, pm.prop).WithContext(where);
    KASHF_RETURN_IF_ERROR(ParsePropertySource(p.second, pwhere, &pm));
    KASHF_RETURN_IF_ERROR(CheckEntityReference(pm, entities, model, pwhere));
    em.properties.push_back(std::move(pm));
  }
  em.required = model.Required(em.schema);
  for (const auto& r : em.required) {
    bool found = false;
    for (const auto& pm : em.properties) found = found || pm.prop == r;
    if (!found)
      return Status::InvalidArgument(fmt::format("{}: every {} needs its '{}'; map it ({}: {})", where, em.schema, r, r,
                                                 model.FindProperty(em.schema, r)->type == PropertyType::kEntity
                                                     ? "{entity: <name>}, one per row"
                                                     : "<column>"));
  }
  if (em.interval) {
    for (const auto& end : {em.edge_source, em.edge_target}) {
      bool found = false;
      for (const auto& pm : em.properties) found = found || pm.prop == end;
      if (!found)
        return Status::InvalidArgument(
            fmt::format("{}: a {} links two entities; map its '{}' property "
                        "({}: {{entity: <name>}})",
                        where, em.schema, end, end));
    }
  }
  return em;
}

// `format: ftm`: FollowTheMoney lines carry their schema and properties, so the mapping names only
// the dataset and, optionally, another translation file (relative to the mapping's folder).
Result<Mapping> ParseFtmOptions(const YAML::Node& root, const std::string& origin, Mapping m) {
  for (const char* key : {"entities", "record_id", "required"})
    if (root[key])
      return Status::InvalidArgument(
          fmt::format("mapping '{}': `{}:` does not apply to `format: ftm` (FtM lines carry their own schema, ids and "
                      "properties; data/reference/ftm-translation.yaml maps them to Kashf's model)",
                      origin, key));
  for (const GradingSource* axis : {&m.grading.source, &m.grading.information, &m.grading.handling})
    if (!axis->column.empty())
      return Status::InvalidArgument(
          fmt::format("mapping '{}' grading: FtM lines have no columns; give codes (e.g. `handling: H1`), which every "
                      "statement of the file carries",
                      origin));
  if (const YAML::Node ftm = root["ftm"]) {
    KASHF_RETURN_IF_ERROR(CheckKeys(ftm, {"translation", "model"}, fmt::format("mapping '{}' ftm", origin)));
    if (ftm["model"]) {
      if (ftm["translation"])
        return Status::InvalidArgument(fmt::format(
            "mapping '{}' ftm: give `model: kashf` (lines in Kashf's own model) or `translation: FILE`, not both",
            origin));
      if (!ftm["model"].IsScalar() || ftm["model"].as<std::string>() != "kashf")
        return Status::InvalidArgument(
            fmt::format("mapping '{}' ftm.model: the only model is `kashf` (lines written by `kashf export --format "
                        "ftm` or a sharing package); FollowTheMoney's own model is the default",
                        origin));
      m.ftm_kashf_model = true;
    }
    if (ftm["translation"]) {
      std::filesystem::path p = ftm["translation"].as<std::string>();
      if (p.is_relative()) p = std::filesystem::path(origin).parent_path() / p;
      m.ftm_translation = p.string();
    }
  }
  return m;
}

// `format: chat`: a chat export's messages are mapped by ChatMapper, so the mapping names only the
// dataset and, optionally, `chat: {month_first: true}` for exports of phones set to a US locale.
Result<Mapping> ParseChatOptions(const YAML::Node& root, const std::string& origin, Mapping m) {
  for (const char* key : {"entities", "record_id", "required", "ftm"})
    if (root[key])
      return Status::InvalidArgument(fmt::format(
          "mapping '{}': `{}:` does not apply to `format: chat` (each message becomes a Message with its sender, "
          "time, text and attachments; docs/text-leads.md)",
          origin, key));
  for (const GradingSource* axis : {&m.grading.source, &m.grading.information, &m.grading.handling})
    if (!axis->column.empty())
      return Status::InvalidArgument(
          fmt::format("mapping '{}' grading: a chat export has no columns; give codes (e.g. `handling: H1`)", origin));
  if (const YAML::Node chat = root["chat"]) {
    KASHF_RETURN_IF_ERROR(CheckKeys(chat, {"month_first"}, fmt::format("mapping '{}' chat", origin)));
    if (chat["month_first"]) m.chat_month_first = chat["month_first"].as<bool>();
  }
  return m;
}

}  // namespace

bool Mapping::ReadsText() const {
  if (IsChat()) return true;
  for (const auto& e : entities)
    for (const auto& p : e.properties)
      if (p.text) return true;
  return false;
}

std::vector<std::string> Mapping::Columns() const {
  if (IsFtm()) return FtmColumns();
  if (IsChat()) return ChatColumns();
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& c) {
    if (seen.insert(c).second) out.push_back(c);
  };
  for (const auto& c : required) add(c);
  for (const auto& c : record_id) add(c);
  for (const GradingSource* axis : {&grading.source, &grading.information, &grading.handling})
    if (!axis->column.empty()) add(axis->column);
  for (const auto& e : entities) {
    for (const auto& k : e.keys) add(k);
    for (const auto& p : e.properties)
      for (const auto& c : p.columns) add(c);
  }
  return out;
}

std::vector<std::string> Mapping::ReferencedDatasets() const {
  std::set<std::string> out;
  for (const auto& e : entities)
    if (!e.id_dataset.empty() && e.id_dataset != dataset) out.insert(e.id_dataset);
  return {out.begin(), out.end()};
}

void GradingMapping::Override(const Grading& codes) {
  for (auto [code, axis] : {std::pair{&codes.source, &source}, std::pair{&codes.information, &information},
                            std::pair{&codes.handling, &handling}})
    if (!code->empty()) *axis = GradingSource{*code, ""};
}

Status CanonicalGrading(const GradingScheme& scheme, const std::string& where, GradingMapping* grading) {
  KASHF_ASSIGN_OR_RETURN(
      const Grading codes,
      scheme.Canonical({grading->source.code, grading->information.code, grading->handling.code}, where));
  grading->source.code = codes.source;
  grading->information.code = codes.information;
  grading->handling.code = codes.handling;
  return Status::Ok();
}

const std::string& IdDataset(const Mapping& mapping, const EntityMapping& entity) {
  return entity.id_dataset.empty() ? mapping.dataset : entity.id_dataset;
}

Result<Mapping> LoadMapping(const std::string& path, const Model& model, const InputLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("mapping file '{}' does not exist", path));
  std::string text(limits.max_mapping_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return ParseMapping(text, path, model, limits);
}

Result<Mapping> ParseMapping(const std::string& yaml_text, const std::string& origin, const Model& model,
                             const InputLimits& limits) {
  KASHF_ASSIGN_OR_RETURN(const YAML::Node root, LoadMappingYaml(yaml_text, origin, limits));
  Mapping m;
  m.path = origin;
  m.model = &model;
  try {
    KASHF_RETURN_IF_ERROR(ParseSourceOptions(root, origin, &m));
    if (m.IsFtm()) return ParseFtmOptions(root, origin, std::move(m));
    if (m.IsChat()) return ParseChatOptions(root, origin, std::move(m));
    if (root["chat"])
      return Status::InvalidArgument(fmt::format("mapping '{}': `chat:` applies only with `format: chat`", origin));
    if (root["ftm"])
      return Status::InvalidArgument(fmt::format("mapping '{}': `ftm:` applies only with `format: ftm`", origin));
    const YAML::Node& entities = root["entities"];
    if (!entities || !entities.IsMap() || entities.size() == 0)
      return Status::InvalidArgument(fmt::format("mapping '{}': 'entities:' must map at least one entity", origin));
    for (const auto& e : entities) {
      KASHF_ASSIGN_OR_RETURN(EntityMapping em,
                             ParseEntity(e.first.as<std::string>(), e.second, entities, origin, model));
      m.entities.push_back(std::move(em));
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("mapping '{}' line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  return m;
}

}  // namespace kashf
