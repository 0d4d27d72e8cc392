#pragma once
// A failure whose message is safe to show to the caller. Every layer throws
// it; the SOAP boundary turns it into a fault (Client or Server) with `code`
// in the fault detail. Messages are Russian, as the specification's own.
#include <stdexcept>
#include <string>

namespace partnerapi {

enum class FaultSide { Client, Server };

class ApiError : public std::runtime_error {
 public:
  ApiError(std::string code, const std::string& message, FaultSide side = FaultSide::Client)
      : std::runtime_error(message), code_(std::move(code)), side_(side) {}
  const std::string& code() const noexcept { return code_; }
  FaultSide side() const noexcept { return side_; }

 private:
  std::string code_;
  FaultSide side_;
};

// Stable machine-readable codes carried in detail/code.
namespace code {
inline constexpr const char* kRequired = "REQUIRED";
inline constexpr const char* kBadId = "INVALID_ID";
inline constexpr const char* kBadValue = "INVALID_VALUE";
inline constexpr const char* kBadDate = "INVALID_DATE";
inline constexpr const char* kNotFound = "NOT_FOUND";
inline constexpr const char* kAccessDenied = "ACCESS_DENIED";
inline constexpr const char* kInvalidContactType = "INVALID_CONTACT_TYPE";
inline constexpr const char* kInvalidRegNum = "INVALID_REG_NUM";
inline constexpr const char* kClientDeleted = "CLIENT_DELETED";
inline constexpr const char* kUserDeleted = "USER_DELETED";
inline constexpr const char* kTransferDenied = "TRANSFER_DENIED";
inline constexpr const char* kNoActiveAgent = "NO_ACTIVE_AGENT";
inline constexpr const char* kNoEmail = "NO_EMAIL";
inline constexpr const char* kSmtpTargetDenied = "SMTP_TARGET_DENIED";
inline constexpr const char* kServiceTypeDeleted = "SERVICE_TYPE_DELETED";
inline constexpr const char* kInUse = "IN_USE";
inline constexpr const char* kNoContract = "NO_CONTRACT";
inline constexpr const char* kNoPermission = "NO_PERMISSION";
inline constexpr const char* kAgentNotOfClient = "AGENT_NOT_OF_CLIENT";
inline constexpr const char* kAgentInactive = "AGENT_INACTIVE";
inline constexpr const char* kServiceStopped = "SERVICE_STOPPED";
// A write that PostgreSQL refused for a constraint: two concurrent calls
// racing for one unique value, an object deleted meanwhile.
inline constexpr const char* kDuplicate = "DUPLICATE";
inline constexpr const char* kReference = "REFERENCE_VIOLATION";
inline constexpr const char* kConstraint = "CONSTRAINT_VIOLATION";
inline constexpr const char* kUnauthorized = "UNAUTHORIZED";
inline constexpr const char* kRateLimited = "RATE_LIMITED";
inline constexpr const char* kNotImplemented = "NOT_IMPLEMENTED";
inline constexpr const char* kUnknownOperation = "UNKNOWN_OPERATION";
inline constexpr const char* kBadRequest = "BAD_REQUEST";
inline constexpr const char* kInternal = "INTERNAL";
inline constexpr const char* kUnavailable = "UNAVAILABLE";
}  // namespace code

}  // namespace partnerapi
