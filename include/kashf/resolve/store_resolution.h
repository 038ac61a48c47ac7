// Entity resolution on a Kashf store: loads person records from statements, keeps the trained
// model and the last assignment in the store's SQLite file (component "resolve", tables
// resolve_runs and resolve_assignment), and publishes clusters through Store::PutClusters.
// Statements are never changed: a merge is only an assignment, so every merge can be undone.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/resolve/resolver.h"
#include "kashf/store/store.h"

namespace kashf::resolve {

// Records of every schema `model` lists (Person, Organization, and identifier-only ones such as
// Phone and Wallet) except those grouped by exact key (BankAccount, Firearm, Vehicle), with all
// their properties; records without a compared property are left out. Ordered by entity id.
Result<std::vector<PersonRecord>> LoadResolvableRecords(Store& store, const ComparisonModel& model);

// The resolution model file at `path` (empty: the default), checked against the data model.
Result<ComparisonModel> LoadComparisonModel(const std::string& path);

struct StoredRun {
  std::string model_json;        // ModelSet::ToJson()
  std::string comparison_model;  // the resolution model file's text it was trained with
  ResolveOptions options;        // threshold, block size in force when the model was trained
  int64_t at = 0;
};

// Resolution state kept beside the store's own tables.
class ResolutionState {
 public:
  // Opens (and migrates) the state tables in the SQLite file `db_path`.
  static Result<std::unique_ptr<ResolutionState>> Open(const std::string& db_path);
  ~ResolutionState();

  Result<std::optional<StoredRun>> LatestRun();
  Status SaveRun(const StoredRun& run, const ResolveReport& report);
  Result<Assignment> LoadAssignment();
  // Replaces the whole assignment (one transaction).
  Status SaveAssignment(const std::vector<std::string>& entity_ids, const std::vector<std::string>& cluster_ids);

 private:
  explicit ResolutionState(void* db) : db_(db) {}
  void* db_;  // sqlite3*
};

struct StoreResolveOptions {
  ResolveOptions resolve;
  bool full = false;             // re-score every pair (else only records without a cluster yet)
  bool retrain = false;          // train the model again (implies full)
  bool threshold_given = false;  // resolve.match_probability was set by the user (else the stored one)
  std::string model_path;        // resolution model file (empty: data/reference/resolution-model.yaml)
};

struct StoreResolveResult {
  ResolveReport report;
  bool incremental = false;
  size_t changed_entities = 0;  // entities whose cluster id changed or that were new
  size_t keyed_entities = 0;    // bank accounts, firearms, vehicles resolved by exact key
  bool model_changed = false;   // the resolution model file differs from the stored run's: retrained
};

// The whole `kashf resolve` step: load, resolve persons (incremental when possible) and keyed
// things (exact key, see exact_key_resolution.h), save, publish.
Result<StoreResolveResult> ResolveStore(Store& store, const std::string& db_path, const NameNormaliser& normaliser,
                                        const StoreResolveOptions& options);

// Builds a resolver over the store's records with the stored model (FailedPrecondition if the
// store was never resolved), for explanations.
Result<std::unique_ptr<Resolver>> ResolverForStore(Store& store, const std::string& db_path,
                                                   const NameNormaliser& normaliser);

}  // namespace kashf::resolve
