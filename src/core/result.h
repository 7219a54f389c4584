// credo core: Result<T>, a value or an Error.
//
// Expected failures (bad input, not found, forbidden) are returned, never thrown. A Result is
// [[nodiscard]]; reading value() of a failed Result is a programming error (it aborts).
// Result<void> carries no value. CREDO_TRY / CREDO_ASSIGN_OR_RETURN propagate failures.
#pragma once

#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.h"

namespace credo {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { Check(); return std::get<0>(state_); }
  const T& value() const& { Check(); return std::get<0>(state_); }
  // By value, not T&&: `for (auto& x : Compute().value())` must not bind to a member of the
  // temporary Result, which is gone before the loop body runs.
  T value() && { Check(); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

  T value_or(T fallback) const& { return ok() ? std::get<0>(state_) : std::move(fallback); }

 private:
  void Check() const {
    if (!ok()) std::abort();  // programming error: value() of a failed Result
  }
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *error_; }
  Error&& error() && { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;
inline Status Ok() { return Status(); }

}  // namespace credo

#define CREDO_CONCAT_INNER_(a, b) a##b
#define CREDO_CONCAT_(a, b) CREDO_CONCAT_INNER_(a, b)

// Returns the error of `expr` (a Result or Status) from the enclosing function if it failed.
// Each use names its temporary uniquely, so a CREDO_TRY inside a lambda inside another
// CREDO_TRY does not shadow the outer one.
#define CREDO_TRY(expr) CREDO_TRY_IMPL_(CREDO_CONCAT_(credo_try_result_, __COUNTER__), expr)
#define CREDO_TRY_IMPL_(name, expr)                          \
  do {                                                       \
    auto name = (expr);                                      \
    if (!name.ok()) return std::move(name).error();          \
  } while (0)

// CREDO_ASSIGN_OR_RETURN(auto x, Compute()): binds the value or returns the error.
#define CREDO_ASSIGN_OR_RETURN(lhs, expr)                                        \
  auto CREDO_CONCAT_(credo_result_, __LINE__) = (expr);                          \
  if (!CREDO_CONCAT_(credo_result_, __LINE__).ok())                              \
    return std::move(CREDO_CONCAT_(credo_result_, __LINE__)).error();            \
  lhs = std::move(CREDO_CONCAT_(credo_result_, __LINE__)).value()
