// The text of one JSON scalar as the ingest readers store it (internal to src/ingest): strings as
// written, integers in decimal, doubles in fmt's shortest form, booleans as "true"/"false".
#pragma once
#include <string>

#include <fmt/format.h>
#include <simdjson.h>

namespace kashf {

// False (out untouched) for null, an object or an array.
inline bool JsonScalarText(simdjson::dom::element el, std::string* out) {
  using simdjson::dom::element_type;
  std::string_view sv;
  int64_t i64 = 0;
  uint64_t u64 = 0;
  double dbl = 0;
  bool b = false;
  switch (el.type()) {
    case element_type::STRING:
      if (el.get_string().get(sv) != simdjson::SUCCESS) return false;
      *out = std::string(sv);
      return true;
    case element_type::INT64:
      if (el.get_int64().get(i64) != simdjson::SUCCESS) return false;
      *out = std::to_string(i64);
      return true;
    case element_type::UINT64:
      if (el.get_uint64().get(u64) != simdjson::SUCCESS) return false;
      *out = std::to_string(u64);
      return true;
    case element_type::DOUBLE:
      if (el.get_double().get(dbl) != simdjson::SUCCESS) return false;
      *out = fmt::format("{}", dbl);
      return true;
    case element_type::BOOL:
      if (el.get_bool().get(b) != simdjson::SUCCESS) return false;
      *out = b ? "true" : "false";
      return true;
    default: return false;
  }
}

}  // namespace kashf
