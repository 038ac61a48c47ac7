#include "kashf/firearms/lifecycle_event.h"

namespace kashf::firearms {

const std::string* LifecycleEvent::Field(const std::string& name) const {
  if (name == "kind") return &kind;
  if (name == "date") return &date;
  if (name == "place") return &place;
  if (name == "district") return &district;
  if (name == "agency") return &agency;
  if (name == "document") return &document;
  if (name == "holder") return &holder;
  if (name == "licence_number") return &licence_number;
  if (name == "licence_expiry") return &licence_expiry;
  if (name == "export_country") return &export_country;
  if (name == "import_country") return &import_country;
  if (name == "transit_country") return &transit_country;
  if (name == "final_recipient") return &final_recipient;
  if (name == "seizure_context") return &seizure_context;
  if (name == "campaign") return &campaign;
  if (name == "note") return &note;
  return nullptr;
}

}  // namespace kashf::firearms
