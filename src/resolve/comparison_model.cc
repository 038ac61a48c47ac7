#include "kashf/resolve/comparison_model.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "kashf/core/paths.h"
#include "kashf/model/model.h"

namespace kashf::resolve {
namespace {

struct KindInfo {
  std::string_view name;
  CompareKind kind;
  std::vector<std::string_view> levels;  // index = level
};

const std::vector<KindInfo>& Kinds() {
  static const std::vector<KindInfo> kinds = {
      {"name",
       CompareKind::kName,
       {"different", "jaro-winkler >= 0.80 or a shared token", "jaro-winkler >= 0.92 or one name inside the other",
        "every token matches (jaro-winkler >= 0.92)", "same phonetic skeleton", "same given names", "exact"}},
      {"organization_name",
       CompareKind::kOrgName,
       {"different", "jaro-winkler >= 0.80 or a shared token", "jaro-winkler >= 0.92 or one name inside the other",
        "every token matches (jaro-winkler >= 0.92)", "same phonetic skeleton", "same words any order", "exact"}},
      {"string", CompareKind::kString, {"different", "jaro-winkler >= 0.80", "jaro-winkler >= 0.92", "exact"}},
      {"exact", CompareKind::kExact, {"different", "same"}},
      {"date",
       CompareKind::kDate,
       {"different", "within N years", "same year", "one digit off", "day and month swapped",
        "same month (known to the month)", "same day"}},
      {"number", CompareKind::kNumber, {"different", "close", "exact"}},
      {"address", CompareKind::kAddress, {"different", "token overlap >= 0.3", "token overlap >= 0.6", "exact"}},
      {"email",
       CompareKind::kEmail,
       {"different", "local part jaro-winkler >= 0.88", "local part one edit", "same local part", "exact"}},
      {"identifier", CompareKind::kIdentifier, {"different", "two edits", "one edit", "exact"}},
      {"phone", CompareKind::kPhone, {"different", "one digit edit", "exact"}},
  };
  return kinds;
}

const KindInfo& Info(CompareKind k) {
  for (const auto& i : Kinds())
    if (i.kind == k) return i;
  return Kinds().front();
}

const std::vector<std::string_view>& Functions() {
  static const std::vector<std::string_view> f = {"value",     "halves", "local_part", "tokens",   "token_pairs",
                                                  "skeleton",  "year",   "month_day",  "postcode", "sorted",
                                                  "metaphone", "qgrams", "variants"};
  return f;
}

// Which blocking functions a kind offers.
bool FunctionFits(CompareKind k, std::string_view fn) {
  const bool name = k == CompareKind::kName || k == CompareKind::kOrgName;
  if (fn == "value") return !name && k != CompareKind::kAddress;
  if (fn == "halves") return k == CompareKind::kIdentifier;
  if (fn == "local_part") return k == CompareKind::kEmail;
  if (fn == "tokens" || fn == "token_pairs" || fn == "skeleton" || fn == "sorted" || fn == "metaphone" ||
      fn == "qgrams" || fn == "variants")
    return name;
  if (fn == "year" || fn == "month_day") return k == CompareKind::kDate;
  if (fn == "postcode") return k == CompareKind::kAddress;
  return false;
}

class Parser {
 public:
  Parser(std::string origin, const Model* data_model) : origin_(std::move(origin)), data_model_(data_model) {}

  Status Error(const YAML::Node& at, const std::string& what) const {
    return Status::InvalidArgument(fmt::format("resolution model '{}' line {}: {}", origin_, at.Mark().line + 1, what));
  }

  template <typename T>
  Result<T> Scalar(const YAML::Node& n, const char* what) const {
    try {
      return n.as<T>();
    } catch (const YAML::Exception&) {
      return Error(n, fmt::format("'{}' has a value of the wrong type", what));
    }
  }

  Result<FieldSpec> Field(const YAML::Node& n) const {
    if (!n.IsMap()) return Error(n, "a field is a map: {field: NAME, kind: KIND, properties: [...]}");
    FieldSpec f;
    for (const auto& kv : n) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "field") {
        KASHF_ASSIGN_OR_RETURN(f.name, Scalar<std::string>(v, "field"));
      } else if (key == "kind") {
        KASHF_ASSIGN_OR_RETURN(std::string kind, Scalar<std::string>(v, "kind"));
        bool found = false;
        std::string known;
        for (const auto& k : Kinds()) {
          known += (known.empty() ? "" : ", ") + std::string(k.name);
          if (k.name == kind) {
            f.kind = k.kind;
            found = true;
          }
        }
        if (!found) return Error(v, fmt::format("unknown kind '{}' (known: {})", kind, known));
      } else if (key == "properties") {
        KASHF_ASSIGN_OR_RETURN(f.properties, Scalar<std::vector<std::string>>(v, "properties"));
      } else if (key == "schemes") {
        if (!v.IsSequence()) return Error(v, "schemes is a list of {property, scheme, country}");
        for (const auto& s : v) {
          IdentifierScheme scheme;
          for (const auto& skv : s) {
            const std::string sk = skv.first.as<std::string>();
            if (sk == "property") scheme.property = skv.second.as<std::string>();
            else if (sk == "scheme") scheme.scheme = skv.second.as<std::string>();
            else if (sk == "country") scheme.country = skv.second.as<std::string>();
            else return Error(skv.first, fmt::format("unknown key '{}' in a scheme (property, scheme, country)", sk));
          }
          if (scheme.property.empty() || scheme.scheme.empty())
            return Error(s, "a scheme needs a property and a scheme");
          f.schemes.push_back(scheme);
          f.properties.push_back(scheme.property);
        }
      } else if (key == "term_frequency") {
        KASHF_ASSIGN_OR_RETURN(f.term_frequency, Scalar<bool>(v, "term_frequency"));
      } else if (key == "conflict_keeps_apart") {
        KASHF_ASSIGN_OR_RETURN(f.conflict_keeps_apart, Scalar<bool>(v, "conflict_keeps_apart"));
      } else if (key == "within_years") {
        KASHF_ASSIGN_OR_RETURN(f.within_years, Scalar<double>(v, "within_years"));
      } else if (key == "tolerance") {
        KASHF_ASSIGN_OR_RETURN(f.tolerance, Scalar<double>(v, "tolerance"));
      } else {
        return Error(kv.first, fmt::format("unknown key '{}' in a field (field, kind, properties, schemes, "
                                           "term_frequency, conflict_keeps_apart, within_years, tolerance)",
                                           key));
      }
    }
    if (f.name.empty()) return Error(n, "a field needs a name (field: NAME)");
    if (!n["kind"]) return Error(n, fmt::format("field '{}' needs a kind", f.name));
    if (f.properties.empty()) return Error(n, fmt::format("field '{}' names no properties", f.name));
    if (f.kind == CompareKind::kIdentifier)
      for (const auto& p : f.properties) {
        bool typed = false;
        for (const auto& s : f.schemes) typed |= s.property == p;
        if (!typed) f.schemes.push_back({p, "id", ""});  // untyped: a generic id number
      }
    return f;
  }

  Result<BlockingPass> Pass(const YAML::Node& n, const SchemaModel& m) const {
    KASHF_ASSIGN_OR_RETURN(auto parts, Scalar<std::vector<std::string>>(n, "blocking pass"));
    if (parts.empty()) return Error(n, "an empty blocking pass");
    BlockingPass pass;
    for (const auto& p : parts) {
      const auto dot = p.find('.');
      const std::string field = p.substr(0, dot), fn = dot == std::string::npos ? "" : p.substr(dot + 1);
      const int index = m.FieldIndex(field);
      if (index < 0) return Error(n, fmt::format("blocking part '{}' names no field of {}", p, m.schema));
      bool known = false;
      for (auto f : Functions()) known |= f == fn;
      if (!known || !FunctionFits(m.fields[static_cast<size_t>(index)].kind, fn))
        return Error(n, fmt::format("blocking part '{}': '{}' is not a key function of a {} field", p, fn,
                                    Info(m.fields[static_cast<size_t>(index)].kind).name));
      if ((fn == "sorted" || fn == "qgrams") && parts.size() != 1)
        return Error(n, fmt::format("a '{}' pass stands alone", fn));
      pass.name += (pass.name.empty() ? "" : "+") + p;
      pass.parts.push_back({index, fn});
    }
    return pass;
  }

  // Reads one schema into `m` (adding to or replacing fields and passes already there).
  Status Schema(const YAML::Node& n, SchemaModel* m) const {
    if (!n.IsMap()) return Error(n, fmt::format("schema '{}' is a map with fields and blocking", m->schema));
    if (data_model_ && !data_model_->Find(m->schema)) return Error(n, data_model_->UnknownSchema(m->schema).message());
    for (const auto& kv : n) {
      const std::string key = kv.first.as<std::string>();
      if (key == "fields") {
        if (!kv.second.IsSequence()) return Error(kv.second, "fields is a list");
        for (const auto& f : kv.second) {
          KASHF_ASSIGN_OR_RETURN(FieldSpec spec, Field(f));
          if (data_model_)
            for (const auto& p : spec.properties)
              if (!data_model_->FindProperty(m->schema, p))
                return Error(f, data_model_->UnknownProperty(m->schema, p).message());
          const int at = m->FieldIndex(spec.name);
          if (at >= 0) m->fields[static_cast<size_t>(at)] = std::move(spec);
          else m->fields.push_back(std::move(spec));
        }
        if (m->fields.size() > static_cast<size_t>(kMaxFields))
          return Error(kv.second, fmt::format("{} has {} fields; at most {} are compared", m->schema, m->fields.size(),
                                              kMaxFields));
      } else if (key == "identifier_only") {
        KASHF_ASSIGN_OR_RETURN(m->identifier_only, Scalar<bool>(kv.second, "identifier_only"));
      } else if (key != "blocking") {
        return Error(kv.first,
                     fmt::format("unknown key '{}' in schema {} (fields, blocking, identifier_only)", key, m->schema));
      }
    }
    if (const YAML::Node b = n["blocking"]) {
      if (!b.IsSequence()) return Error(b, "blocking is a list of passes, each a list of FIELD.FUNCTION");
      for (const auto& p : b) {
        KASHF_ASSIGN_OR_RETURN(BlockingPass pass, Pass(p, *m));
        bool seen = false;
        for (const auto& q : m->blocking) seen |= q.name == pass.name;
        if (!seen) m->blocking.push_back(std::move(pass));
      }
    }
    return Status::Ok();
  }

 private:
  std::string origin_;
  const Model* data_model_;
};

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("cannot read the resolution model '{}'", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int FieldSpec::LevelCount() const { return static_cast<int>(Info(kind).levels.size()); }

std::string_view FieldSpec::LevelName(uint32_t level) const {
  const auto& levels = Info(kind).levels;
  if (level >= levels.size()) return "missing on one side";
  return levels[level];
}

int SchemaModel::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int>(i);
  return -1;
}

const SchemaModel* ComparisonModel::Find(std::string_view schema) const {
  for (const auto& s : schemas_)
    if (s.schema == schema) return &s;
  return nullptr;
}

Result<ComparisonModel> ComparisonModel::Parse(const std::string& yaml_text, const std::string& origin,
                                               const Model* data_model) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    return Status::InvalidArgument(fmt::format("resolution model '{}' line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  Parser parser(origin, data_model);
  if (!root.IsMap()) return parser.Error(root, "the file is empty or not a map with 'schemas'");
  ComparisonModel model;
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key == "extends") {
      if (kv.second.as<std::string>() != "default")
        return parser.Error(kv.second, "extends names 'default' (the shipped model), nothing else");
      KASHF_ASSIGN_OR_RETURN(model, LoadDefault(data_model));
    } else if (key == "name_variants") {
      KASHF_ASSIGN_OR_RETURN(bool on, parser.Scalar<bool>(kv.second, "name_variants"));
      if (on) {
        KASHF_ASSIGN_OR_RETURN(GivenNameVariants variants, GivenNameVariants::LoadDefault());
        model.name_variants_ = std::make_shared<const GivenNameVariants>(std::move(variants));
      } else {
        model.name_variants_.reset();
      }
    } else if (key == "legal_forms") {
      KASHF_ASSIGN_OR_RETURN(auto words, parser.Scalar<std::vector<std::string>>(kv.second, "legal_forms"));
      model.legal_forms_.insert(words.begin(), words.end());
    } else if (key != "schemas") {
      return parser.Error(kv.first,
                          fmt::format("unknown key '{}' (extends, name_variants, legal_forms, schemas)", key));
    }
  }
  const YAML::Node schemas = root["schemas"];
  if (!schemas || !schemas.IsMap()) return parser.Error(root, "no 'schemas' map");
  try {
    for (const auto& kv : schemas) {
      const std::string name = kv.first.as<std::string>();
      SchemaModel* m = nullptr;
      for (auto& s : model.schemas_)
        if (s.schema == name) m = &s;
      if (!m) {
        model.schemas_.emplace_back();
        m = &model.schemas_.back();
        m->schema = name;
      }
      KASHF_RETURN_IF_ERROR(parser.Schema(kv.second, m));
    }
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(fmt::format("resolution model '{}' line {}: {}", origin, e.mark.line + 1, e.msg));
  }
  model.source_ = yaml_text;  // re-parsed later (an `extends` line loads the default again)
  return model;
}

Result<ComparisonModel> ComparisonModel::LoadFile(const std::string& path, const Model* data_model) {
  KASHF_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  return Parse(text, path, data_model);
}

Result<ComparisonModel> ComparisonModel::LoadDefault(const Model* data_model) {
  const std::string path = DataPath("data/reference/resolution-model.yaml");
  KASHF_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  return Parse(text, path, data_model);
}

}  // namespace kashf::resolve
