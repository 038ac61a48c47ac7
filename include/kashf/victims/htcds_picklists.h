// The HTCDS v2 picklists of the case model (data/reference/htcds_picklists.tsv): for each list the
// Kashf ids and the HTCDS value names they stand for. The registry checks every picklist field of a
// new case or referral against them, so an unknown value is refused with the list's ids instead of
// being stored. Empty values mean "not recorded" and are always accepted.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "kashf/core/result.h"
#include "kashf/victims/victim_case.h"

namespace kashf::victims {

class HtcdsPicklists {
 public:
  static Result<HtcdsPicklists> LoadFile(const std::string& path);
  static Result<HtcdsPicklists> LoadDefault();

  // `id` is in `list` (false for an unknown list).
  bool Has(const std::string& list, const std::string& id) const;
  // The HTCDS value name of `id` in `list` ("Married" for "married"); `id` itself where HTCDS has
  // no value for it (marked "-") or it is not in the list.
  std::string HtcdsValue(const std::string& list, const std::string& id) const;
  // The Kashf id for an HTCDS value name (the first id listed with it) or for a Kashf id of
  // `list`; "" if `value` is neither.
  std::string IdFor(const std::string& list, const std::string& value) const;
  // The accepted values of `list`, joined by ", " (for messages).
  std::string Describe(const std::string& list) const;
  // InvalidArgument naming the field, the value and the accepted ids for the first picklist field
  // of `c` holding a value outside its list. The message names no identity (a case holds none).
  Status CheckCase(const VictimCase& c) const;
  Status CheckReferral(const Referral& r) const;

 private:
  Status Check(const std::string& field, const std::string& list, const std::string& value) const;
  std::map<std::string, std::vector<std::string>> lists_;  // list -> ids in file order
  std::map<std::string, std::vector<std::string>> htcds_;  // list -> HTCDS value names, as lists_
};

}  // namespace kashf::victims
