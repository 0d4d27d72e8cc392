#pragma once
// An operand of a request: absent (not sent), nil (xsi:nil) or a value.
// The specification treats absent and nil alike ("=void"), and a blank ID as
// not specified; Operand keeps the three states so each rule can say which.
#include <optional>
#include <utility>

namespace partnerapi {

template <class T>
class Operand {
 public:
  enum class State { Absent, Nil, Value };

  Operand() = default;
  static Operand nil() { Operand o; o.state_ = State::Nil; return o; }
  static Operand of(T v) { Operand o; o.state_ = State::Value; o.value_ = std::move(v); return o; }

  bool absent() const noexcept { return state_ == State::Absent; }
  bool is_nil() const noexcept { return state_ == State::Nil; }
  bool has_value() const noexcept { return state_ == State::Value; }
  // Absent or nil: "leave unchanged" for edits, "no filter" for reads.
  bool unspecified() const noexcept { return state_ != State::Value; }
  const T& value() const { return *value_; }
  std::optional<T> optional() const { return value_; }
  T value_or(T fallback) const { return value_ ? *value_ : std::move(fallback); }

 private:
  State state_ = State::Absent;
  std::optional<T> value_;
};

}  // namespace partnerapi
