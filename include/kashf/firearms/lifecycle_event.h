// One event in a firearm's life: manufacture, import/export/transit with licence data
// (Firearms Protocol Art. 7(b), 10.3), licence issue/transfer, lost, stolen, seized, surrendered
// in a collection campaign, returned, deactivated (Art. 9 certificate), destroyed (Art. 6.2).
// Which kinds exist and which fields each requires is data (data/reference/firearm-lifecycle.yaml).
#pragma once
#include <cstdint>
#include <string>

namespace kashf::firearms {

struct LifecycleEvent {
  int64_t id = 0;  // assigned by the registry
  int64_t firearm_id = 0;
  std::string kind;  // e.g. "seized"
  std::string date;  // ISO 8601 "YYYY-MM-DD"
  std::string place;
  std::string district;
  std::string agency;    // agency that recorded or authorised the event
  std::string document;  // licence, certificate, FIR or order number
  std::string holder;    // licensee or recipient after the event
  // International transfer data (Art. 7(b), 10.3).
  std::string licence_number;
  std::string licence_expiry;
  std::string export_country;
  std::string import_country;
  std::string transit_country;
  std::string final_recipient;
  // Seizure / collection.
  std::string seizure_context;  // e.g. "border crossing"
  std::string campaign;         // collection campaign id for surrenders
  std::string note;
  std::string retain_until;  // set by the registry from the retention rules

  // The value of a field by its YAML name ("place", "licence_number", ...); nullptr if unknown.
  const std::string* Field(const std::string& name) const;
};

}  // namespace kashf::firearms
