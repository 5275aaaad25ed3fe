// A value or the reason there is none: expected failures travel as values, not exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cdrun::sample_app {

struct Error {
  std::string message;
};

// Stands in for "nothing" when an operation only succeeds or fails.
struct Done {};

template <class T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose, like std::expected
  Expected(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const std::string& error() const { return std::get<Error>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

}  // namespace cdrun::sample_app
