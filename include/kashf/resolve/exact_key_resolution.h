// Resolution of identifier-keyed things by their exact normalised key: a bank account by bank and
// account number (or IBAN), a firearm by maker and serial number, a vehicle by registration number.
// Two records with the same key are the same thing; nothing is scored. A schema the resolution
// model declares (Vehicle and BankAccount by default) is scored by the model instead (typos in
// the number, make and holder compared) and not keyed here. (Phones and wallets are
// resolved with the persons holding them, see resolver.h.)
#pragma once
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/resolver.h"
#include "kashf/store/store.h"

namespace kashf::resolve {

struct KeyedEntity {
  std::string id;
  std::string key;  // e.g. "Firearm|GLOCK|AB12345"; empty when the entity lacks its key fields
};

// Upper-case ASCII letters and digits only ("ab-12 345" -> "AB12345"); other bytes are kept.
std::string NormaliseIdentifierKey(const std::string& raw);

// BankAccount, Firearm and Vehicle entities with their keys, ordered by id; schemas `resolved`
// declares (may be null) are left out.
Result<std::vector<KeyedEntity>> LoadKeyedEntities(Store& store, const ComparisonModel* resolved = nullptr);

// Cluster id per entity (stable like person clusters: earlier ids are kept). Entities without a
// key stay on their own.
std::vector<std::string> ClusterByExactKey(const std::vector<KeyedEntity>& entities, const Assignment& previous);

}  // namespace kashf::resolve
