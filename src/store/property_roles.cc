#include "property_roles.h"

namespace kashf {

PropertyRoles::PropertyRoles(const Model& model) {
  for (const auto& schema : model.SchemaNames()) {
    for (const auto* p : model.Properties(schema)) {
      if (p->type == PropertyType::kName) names_[schema].insert(p->name);
      if (p->type == PropertyType::kCnic || p->type == PropertyType::kPhone || p->type == PropertyType::kIdentifier)
        ids_[schema].insert(p->name);
    }
    std::vector<std::string> caption;
    for (const SchemaSpec* c = model.Find(schema); c && caption.empty();
         c = c->extends.empty() ? nullptr : model.Find(c->extends))
      caption = c->caption;
    if (caption.empty()) caption = {"name"};
    captions_[schema] = caption;
  }
}

const std::vector<std::string>& PropertyRoles::CaptionProperties(std::string_view schema) const {
  static const std::vector<std::string> kName = {"name"};
  auto it = captions_.find(schema);
  return it != captions_.end() ? it->second : kName;
}

}  // namespace kashf
