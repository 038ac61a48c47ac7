// Kashf's schemata as FollowTheMoney schema extensions: the same YAML shape as FtM's own schema
// files (followthemoney/schema/*.yaml: label, extends, abstract, caption, required, edge,
// properties with label, type and range), so an FtM tool can read `kashf export --format ftm`
// files. Written by `kashf export --format ftm-schema`; the shipped copy is docs/ftm-extensions.yaml.
#pragma once
#include <set>
#include <string>

#include "kashf/core/result.h"
#include "kashf/ingest/ftm_mapper.h"
#include "kashf/model/model.h"

namespace kashf {

// FtM's own schema names (data/reference/ftm-schemata.txt; # comments and blank lines skipped).
Result<std::set<std::string>> LoadFtmSchemaNames(const std::string& path);

// The YAML text: every Kashf schema that `translation` does not map from an FtM schema of the same
// name (those are FtM's and need no definition), in the model's order of names, each with its own
// properties. The header lists the schemata left out as FtM's own and, from `ftm_names`, the
// extensions whose name FtM also uses for another thing. Kashf's property types become FtM's
// (cnic → identifier, amount → number); deterministic (a golden file holds it).
std::string FtmSchemaYaml(const Model& model, const FtmTranslation& translation,
                          const std::set<std::string>& ftm_names);

// The FtM type of a Kashf property type.
std::string FtmTypeName(PropertyType type);

}  // namespace kashf
