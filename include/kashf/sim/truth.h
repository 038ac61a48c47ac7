// Ground truth written by `kashf simulate`, for scoring entity resolution and network analysis.
// Files (CSV with a header, RFC 4180 quoting):
//   truth/records.csv   dataset,schema,key,true_id  - one line per generated record entity; `key` is
//                       the mapping's key-column values joined by "|" (docs/mapping.md), so
//                       MakeEntityId(dataset, schema, key) names the loaded entity.
//   truth/roles.csv     true_id,kind,role            - e.g. P000123,person,organiser (a person may
//                       have several lines, e.g. broker and hawala_dealer)
//   truth/networks.csv  true_id,network_id           - members of trafficking networks only
#pragma once
#include <string>
#include <vector>

#include "kashf/core/result.h"

namespace kashf::sim {

struct RecordTruth {
  std::string dataset;
  std::string schema;
  std::string key;
  std::string true_id;
};

struct RoleTruth {
  std::string true_id;
  std::string kind;  // person | phone | account | firearm
  std::string role;  // organiser | broker | recruiter | transporter | victim | hawala_dealer | other
};

struct NetworkTruth {
  std::string true_id;
  std::string network_id;
};

// Each loader reads the whole file. Errors: NotFound if missing; Corruption (with the line number)
// if the header or a line has the wrong number of fields.
Result<std::vector<RecordTruth>> LoadRecordTruth(const std::string& path);
Result<std::vector<RoleTruth>> LoadRoleTruth(const std::string& path);
Result<std::vector<NetworkTruth>> LoadNetworkTruth(const std::string& path);

}  // namespace kashf::sim
