#include "kashf/resolve/exact_key_resolution.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "kashf/resolve/clustering.h"

namespace kashf::resolve {

std::string NormaliseIdentifierKey(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 'a' && u <= 'z') out.push_back(static_cast<char>(u - 'a' + 'A'));
    else if ((u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80) out.push_back(c);
  }
  return out;
}

Result<std::vector<KeyedEntity>> LoadKeyedEntities(Store& store, const ComparisonModel* resolved) {
  struct Spec {
    const char* schema;
    std::vector<std::vector<const char*>> keys;  // alternatives, first complete one wins
  };
  static const std::vector<Spec> kSpecs = {
      {"BankAccount", {{"iban"}, {"bankName", "accountNumber"}, {"accountNumber"}}},
      {"Firearm", {{"make", "serialNumber"}}},
      {"Vehicle", {{"registrationNumber"}}},
  };
  std::vector<KeyedEntity> out;
  for (const auto& spec : kSpecs) {
    if (resolved && resolved->Find(spec.schema)) continue;
    std::map<std::string, std::map<std::string, std::string>> props;  // entity -> prop -> first value
    KASHF_RETURN_IF_ERROR(store.ScanStatements({spec.schema, ""}, [&](const Statement& s) {
      props[s.entity_id].emplace(s.prop, s.value);
      return true;
    }));
    for (const auto& [id, values] : props) {
      KeyedEntity e{id, ""};
      for (const auto& alternative : spec.keys) {
        std::string key = spec.schema;
        bool complete = true;
        for (const char* p : alternative) {
          auto it = values.find(p);
          std::string part = it == values.end() ? "" : NormaliseIdentifierKey(it->second);
          if (part.empty()) {
            complete = false;
            break;
          }
          key += "|" + part;
        }
        if (complete) {
          e.key = key;
          break;
        }
      }
      out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(), [](const KeyedEntity& a, const KeyedEntity& b) { return a.id < b.id; });
  return out;
}

std::vector<std::string> ClusterByExactKey(const std::vector<KeyedEntity>& entities, const Assignment& previous) {
  std::vector<uint32_t> component(entities.size());
  std::unordered_map<std::string, uint32_t> first;
  std::vector<std::string> ids(entities.size());
  for (uint32_t i = 0; i < entities.size(); ++i) {
    ids[i] = entities[i].id;
    component[i] = entities[i].key.empty() ? i : first.emplace(entities[i].key, i).first->second;
  }
  return AssignStableClusterIds(component, ids, previous);
}

}  // namespace kashf::resolve
