#include "body_reader.h"

#include <cmath>

#include <fmt/format.h>

#include "kashf/core/text.h"

namespace kashf::server {

void BodyReader::Fail(const std::string& message) {
  if (status_.ok()) status_ = Status::InvalidArgument(message);
}

const nlohmann::json* BodyReader::Find(const std::string& key, bool required) {
  if (!body_.is_object()) {
    Fail("the request body must be a JSON object");
    return nullptr;
  }
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) {
    if (required) Fail(fmt::format("field '{}' is required", key));
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> BodyReader::OptString(const std::string& key, size_t max_bytes) {
  const auto* v = Find(key, false);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail(fmt::format("field '{}' must be a string", key));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    Fail(fmt::format("field '{}' is too long (at most {} bytes)", key, max_bytes));
    return std::nullopt;
  }
  if (!IsValidUtf8(s)) {
    Fail(fmt::format("field '{}' is not valid UTF-8", key));
    return std::nullopt;
  }
  return s;
}

std::string BodyReader::String(const std::string& key, bool required, size_t max_bytes) {
  if (required && !Find(key, true)) return {};
  auto s = OptString(key, max_bytes);
  if (required && s && Trim(*s).empty()) Fail(fmt::format("field '{}' must not be empty", key));
  return s.value_or("");
}

std::optional<bool> BodyReader::OptBool(const std::string& key) {
  const auto* v = Find(key, false);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    Fail(fmt::format("field '{}' must be true or false", key));
    return std::nullopt;
  }
  return v->get<bool>();
}

bool BodyReader::Bool(const std::string& key, bool fallback) { return OptBool(key).value_or(fallback); }

int64_t BodyReader::Int(const std::string& key, int64_t fallback, int64_t min, int64_t max, bool required) {
  const auto* v = Find(key, required);
  if (!v) return fallback;
  if (!v->is_number_integer()) {
    Fail(fmt::format("field '{}' must be a whole number", key));
    return fallback;
  }
  int64_t n =
      v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : v->get<int64_t>();
  if (n < min || n > max) {
    Fail(fmt::format("field '{}' must be between {} and {}", key, min, max));
    return fallback;
  }
  return n;
}

double BodyReader::Number(const std::string& key, double fallback, double min, double max) {
  const auto* v = Find(key, false);
  if (!v) return fallback;
  if (!v->is_number()) {
    Fail(fmt::format("field '{}' must be a number", key));
    return fallback;
  }
  double d = v->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    Fail(fmt::format("field '{}' must be between {} and {}", key, min, max));
    return fallback;
  }
  return d;
}

std::vector<std::string> BodyReader::Strings(const std::string& key, size_t max_items, size_t max_bytes) {
  const auto* v = Find(key, false);
  std::vector<std::string> out;
  if (!v) return out;
  if (!v->is_array() || v->size() > max_items) {
    Fail(fmt::format("field '{}' must be an array of at most {} strings", key, max_items));
    return out;
  }
  for (const auto& e : *v) {
    if (!e.is_string() || e.get_ref<const std::string&>().size() > max_bytes ||
        !IsValidUtf8(e.get_ref<const std::string&>())) {
      Fail(fmt::format("field '{}' must hold strings of at most {} bytes", key, max_bytes));
      return {};
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

nlohmann::json BodyReader::Object(const std::string& key, bool required) {
  const auto* v = Find(key, required);
  if (!v) return nlohmann::json::object();
  if (!v->is_object()) {
    Fail(fmt::format("field '{}' must be a JSON object", key));
    return nlohmann::json::object();
  }
  return *v;
}

void BodyReader::OnlyFields(std::initializer_list<std::string_view> known) {
  if (!body_.is_object()) {
    Fail("the request body must be a JSON object");
    return;
  }
  for (const auto& [k, v] : body_.items()) {
    bool found = false;
    for (auto n : known) found = found || n == k;
    if (!found) {
      std::string list;
      for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
      Fail(fmt::format("unknown field '{}'; this endpoint takes: {}", k.size() > 64 ? k.substr(0, 64) + "..." : k,
                       list));
      return;
    }
  }
}

}  // namespace kashf::server
