#pragma once
// A UID of the accounting system: a UUID kept in canonical lowercase form.
#include <optional>
#include <string>
#include <string_view>

namespace partnerapi {

class Uid {
 public:
  // Accepts the 8-4-4-4-12 hex form in any case, surrounding spaces ignored.
  static std::optional<Uid> parse(std::string_view text);
  static Uid random();
  const std::string& str() const noexcept { return text_; }
  bool operator==(const Uid& o) const noexcept { return text_ == o.text_; }
  bool operator!=(const Uid& o) const noexcept { return text_ != o.text_; }

 private:
  explicit Uid(std::string canonical) : text_(std::move(canonical)) {}
  std::string text_;
};

// The text of an optional reference, for a query's nullable parameter.
inline std::optional<std::string> str(const std::optional<Uid>& id) {
  return id ? std::optional<std::string>(id->str()) : std::nullopt;
}

}  // namespace partnerapi
