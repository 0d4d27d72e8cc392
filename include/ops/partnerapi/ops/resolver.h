#pragma once
// The one procedure that turns ID operands into references (section 2 of the
// specification), and the one place that says whether an object exists and
// whether the current partner may see it. An ID that names no object and one
// that names an object the partner may not see get the same fault, so
// nothing about other partners leaks. Which kind of object an operand names
// is declared with the operand (declaration.h).
#include "partnerapi/ops/declaration.h"

namespace partnerapi::ops {

class Resolver {
 public:
  explicit Resolver(Context& ctx) : ctx_(ctx) {}
  // Every ID and code operand that has a value, in declaration order: a
  // NOT_FOUND fault for an ID the partner cannot see, INVALID_VALUE for an
  // unknown code.
  void resolve(const Args& args);

 private:
  void check(const OperandSpec& o, const char* value);

  Context& ctx_;
};

}  // namespace partnerapi::ops
