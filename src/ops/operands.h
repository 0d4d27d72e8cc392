#pragma once
// The request's operands as the declaration says: parsed by type, cut or
// refused by length, put in the specification's format, and checked for
// presence. No database work: what is wrong here faults before a connection
// is taken. IDs and codes are resolved afterwards (Resolver).
#include "partnerapi/ops/declaration.h"
#include "partnerapi/request.h"

namespace partnerapi::ops {

// Every operand first by its type and format, then every required one for
// presence, each pass in declaration order: the specification's fault for a
// malformed registration number comes before the one for an empty name.
Args parse_operands(const OperationSpec& spec, const Request& req);

}  // namespace partnerapi::ops
