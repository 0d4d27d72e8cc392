#pragma once
// The one procedure that turns ID operands into references (section 2 of the
// specification). A blank operand is "not specified"; one that is not a UUID,
// names no object, or names an object the current partner may not see is a
// fault, the last two alike, so nothing about other partners leaks.
#include <optional>
#include <string_view>

#include "partnerapi/ops/operation.h"

namespace partnerapi::ops {

enum class Kind {
  Partner,       // the current partner only
  AnyPartner,    // any partner of the platform
  Region,        // a region the current partner works in
  ContactType,
  Role,
  Client,        // curated by the current partner
  ClientUser,
  PartnerUser,
  Agent,         // any agent of the partner or of its clients
  PartnerAgent,  // agent_type 1 of the partner
  UserAgent,     // agent_type 2 of the partner's clients
  ServiceType,   // common, own, or imported
  Service,
  Contract,
  Competence,
};

class Resolver {
 public:
  explicit Resolver(Context& ctx) : ctx_(ctx) {}
  // The reference named by the operand, nullopt when it is not specified.
  std::optional<Uid> optional(const Request& req, std::string_view operand);
  // As optional(), but an unspecified operand is a REQUIRED fault.
  Uid required(const Request& req, std::string_view operand);
  // The kind the operand names in this operation (the operand-name table).
  static Kind kind_of(std::string_view operation, std::string_view operand);

 private:
  Context& ctx_;
};

}  // namespace partnerapi::ops
