#include "kashf/resolve/person_record.h"

namespace kashf::resolve {

std::vector<std::string_view> PersonRecord::Values(std::string_view property) const {
  std::vector<std::string_view> out;
  for (const auto& [p, v] : properties)
    if (p == property) out.push_back(v);
  auto add = [&](const std::vector<std::string>& values) { out.insert(out.end(), values.begin(), values.end()); };
  if (property == "name") add(names);
  else if (property == "fatherName") add(father_names);
  else if (property == "spouseName") add(spouse_names);
  else if (property == "cnic") add(national_ids);
  else if (property == "phone" || property == "number" || property == "walletNumber") add(phones);
  else if (property == "birthDate") add(birth_dates);
  else if (property == "gender" && !gender.empty()) out.push_back(gender);
  else if (property == "district" && !district.empty()) out.push_back(district);
  return out;
}

bool PersonRecord::Empty() const {
  return properties.empty() && names.empty() && father_names.empty() && spouse_names.empty() && national_ids.empty() &&
         phones.empty() && birth_dates.empty() && gender.empty() && district.empty();
}

}  // namespace kashf::resolve
