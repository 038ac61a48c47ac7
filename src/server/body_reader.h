// Typed, bounded reading of a JSON request body with messages a client developer can act on:
// the first problem (missing field, wrong type, too long, unknown field) becomes InvalidArgument
// naming the field. Values are never echoed back (they may be identities).
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kashf/core/status.h"

namespace kashf::server {

class BodyReader {
 public:
  explicit BodyReader(const nlohmann::json& body) : body_(body) {}

  // A string field; "" when absent and not required. Must be valid UTF-8 of at most max_bytes.
  std::string String(const std::string& key, bool required = false, size_t max_bytes = 1000);
  std::optional<std::string> OptString(const std::string& key, size_t max_bytes = 1000);
  bool Bool(const std::string& key, bool fallback = false);
  std::optional<bool> OptBool(const std::string& key);
  int64_t Int(const std::string& key, int64_t fallback, int64_t min, int64_t max, bool required = false);
  double Number(const std::string& key, double fallback, double min, double max);
  std::vector<std::string> Strings(const std::string& key, size_t max_items = 100, size_t max_bytes = 200);
  // The nested object (empty object when absent).
  nlohmann::json Object(const std::string& key, bool required = false);

  // Refuses fields not in `known` (catches typos such as "pasword").
  void OnlyFields(std::initializer_list<std::string_view> known);
  Status status() const { return status_; }
  bool ok() const { return status_.ok(); }

 private:
  const nlohmann::json* Find(const std::string& key, bool required);
  void Fail(const std::string& message);
  const nlohmann::json& body_;
  Status status_;
};

}  // namespace kashf::server
