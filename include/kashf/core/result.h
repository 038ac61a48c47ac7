// Result<T>: a value or the Status explaining why there is none.
#pragma once
#include <cassert>
#include <utility>
#include <variant>

#include "kashf/core/status.h"

namespace kashf {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result constructed from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace kashf

#define KASHF_CONCAT_INNER_(a, b) a##b
#define KASHF_CONCAT_(a, b) KASHF_CONCAT_INNER_(a, b)
// `tmp` is a variable name and `lhs` a declaration (`auto x`): neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define KASHF_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
// KASHF_ASSIGN_OR_RETURN(auto x, MakeX()); returns the error Status if MakeX() failed.
#define KASHF_ASSIGN_OR_RETURN(lhs, expr) \
  KASHF_ASSIGN_OR_RETURN_IMPL_(KASHF_CONCAT_(kashf_result_, __LINE__), lhs, expr)
