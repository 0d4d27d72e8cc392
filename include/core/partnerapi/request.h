#pragma once
// A request as the operations see it: the operation's name and its operands
// by name, as text exactly as received (nullptr for absent or nil). Typed
// accessors parse and validate, throwing ApiError with the operand's name.
#include <string>
#include <string_view>
#include <vector>

#include "partnerapi/moscow_time.h"
#include "partnerapi/operand.h"

namespace partnerapi {

// The operand's type in the WSDL: everything arrives as text and is checked here.
enum class FieldType { Text, Boolean, Integer, DateTime };

// A password (an operand whose name says "password": agents', the e-mail
// server's): its value is never repeated in a fault, nor so in a log.
constexpr bool secret_operand(std::string_view name) { return name.find("password") != std::string_view::npos; }

struct Field {
  std::string_view name;
  const std::string* value;  // nullptr: absent or xsi:nil
  FieldType type = FieldType::Text;
};

class Request {
 public:
  Request(std::string_view operation, std::vector<Field> fields)
      : operation_(operation), fields_(std::move(fields)) {}

  std::string_view operation() const noexcept { return operation_; }
  // The raw text of an operand; nullptr when absent, nil or not declared.
  const std::string* raw(std::string_view name) const noexcept;

  Operand<std::string> text(std::string_view name) const;  // valid UTF-8
  Operand<bool> boolean(std::string_view name) const;     // true/false/1/0
  Operand<long long> integer(std::string_view name) const;
  Operand<MoscowTime> datetime(std::string_view name) const;
  // Checks every operand against its type (UTF-8, boolean, integer, date),
  // so a malformed one is a fault whatever the operation reads.
  void validate() const;

 private:
  std::string_view operation_;
  std::vector<Field> fields_;
};

}  // namespace partnerapi
