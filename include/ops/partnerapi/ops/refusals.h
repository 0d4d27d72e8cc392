#pragma once
// Every refusal each operation can give, and its ground: what its operands'
// declarations imply (a malformed or unknown ID, a missing operand, a text
// past its column...), what its rules declare (OperationSpec::refusals), and
// a write's races; and the refusals any call can meet. docs/refusals.md is
// this table as `partnerapi refusals` prints it; a unit test keeps the two equal.
#include <string>
#include <string_view>
#include <vector>

#include "partnerapi/ops/declaration.h"

namespace partnerapi::ops {

struct RefusalRow {
  std::string code;
  std::string when;
  Ground ground;
  std::string why;
};

std::vector<RefusalRow> refusals_of(const OperationSpec& op);
// What any call can be refused, whatever the operation: credentials, limits, the protocol.
const std::vector<RefusalRow>& service_refusals();
// Whether `code` is a refusal `op` may give (its own, or any call's).
bool may_refuse(const OperationSpec& op, std::string_view code);
const char* ground_name(Ground g);
// The whole table, Markdown.
std::string refusal_table();

}  // namespace partnerapi::ops
