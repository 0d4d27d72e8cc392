#pragma once
// A failure whose message is safe to show to the caller. Every layer throws
// it; the SOAP boundary turns it into a fault (Client or Server) with its
// code in the fault detail. Messages are Russian, as the specification's own.
//
// Every code the service answers with is declared once, in the table below:
// its name in detail/code, its side (a Client fault is the caller's to fix,
// a Server fault ours) and its default text.
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace partnerapi {

enum class FaultSide { Client, Server };

struct FaultCode {
  const char* name;     // detail/code, stable
  FaultSide side;
  const char* message;  // the text when the thrower gives none
};

inline bool operator==(std::string_view a, const FaultCode& b) { return a == b.name; }
inline bool operator==(const FaultCode& a, std::string_view b) { return b == a.name; }
inline bool operator!=(std::string_view a, const FaultCode& b) { return !(a == b); }
inline bool operator!=(const FaultCode& a, std::string_view b) { return !(b == a); }
inline bool operator==(const FaultCode& a, const FaultCode& b) { return std::string_view(a.name) == b.name; }
inline std::ostream& operator<<(std::ostream& out, const FaultCode& c) { return out << c.name; }

// X(constant, name, side, default text)
#define PARTNERAPI_FAULT_CODES(X)                                                                                  \
  X(kRequired, "REQUIRED", Client, "Не указан обязательный операнд")                                            \
  X(kBadId, "INVALID_ID", Client, "Некорректный уникальный идентификатор")                                     \
  X(kBadValue, "INVALID_VALUE", Client, "Некорректное значение операнда")                                      \
  X(kBadDate, "INVALID_DATE", Client, "Некорректная дата")                                                     \
  X(kNotFound, "NOT_FOUND", Client, "Объект не найден или недоступен")                                          \
  X(kAccessDenied, "ACCESS_DENIED", Client, "Нет прав на это действие")                                         \
  X(kInvalidContactType, "INVALID_CONTACT_TYPE", Client, "Вид контактной информации не относится к объекту")    \
  X(kInvalidRegNum, "INVALID_REG_NUM", Client, "Не корректный регистрационный номер")                           \
  X(kClientDeleted, "CLIENT_DELETED", Client, "Клиент удален")                                                  \
  X(kUserDeleted, "USER_DELETED", Client, "Сотрудник удален")                                                   \
  X(kTransferDenied, "TRANSFER_DENIED", Client, "Агента можно передать только внутри его компании")             \
  X(kNoActiveAgent, "NO_ACTIVE_AGENT", Client, "У пользователя нет действующих агентов")                        \
  X(kNoEmail, "NO_EMAIL", Client, "У пользователя нет адреса электронной почты")                                \
  X(kSmtpTargetDenied, "SMTP_TARGET_DENIED", Client, "SMTP-сервер недоступен этому сервису")                    \
  X(kServiceTypeDeleted, "SERVICE_TYPE_DELETED", Client, "Линия поддержки удалена")                             \
  X(kInUse, "IN_USE", Client, "Объект используется")                                                            \
  X(kNoContract, "NO_CONTRACT", Client, "Нет действующего договора")                                            \
  X(kNoPermission, "NO_PERMISSION", Client, "Нет разрешения на линию поддержки")                                \
  X(kAgentNotOfClient, "AGENT_NOT_OF_CLIENT", Client, "Агент не принадлежит клиенту")                           \
  X(kAgentInactive, "AGENT_INACTIVE", Client, "Агент отключен")                                                 \
  X(kServiceStopped, "SERVICE_STOPPED", Client, "Абонемент отменен")                                            \
  /* A write that PostgreSQL refused for a constraint: two concurrent calls                                   \
     racing for one unique value, an object deleted meanwhile. */                                              \
  X(kDuplicate, "DUPLICATE", Client, "Такой объект уже есть в учетной системе; повторите запрос")              \
  X(kReference, "REFERENCE_VIOLATION", Client,                                                                 \
    "Связанный объект не найден, удален или используется другими объектами")                                   \
  X(kConstraint, "CONSTRAINT_VIOLATION", Client, "Значение не удовлетворяет ограничениям учетной системы")      \
  X(kUnauthorized, "UNAUTHORIZED", Client, "Неверный логин или пароль")                                         \
  X(kRateLimited, "RATE_LIMITED", Client, "Превышен лимит вызовов")                                             \
  X(kNotImplemented, "NOT_IMPLEMENTED", Client, "Операция еще не реализована в этой версии сервиса")           \
  X(kUnknownOperation, "UNKNOWN_OPERATION", Client, "Неизвестная операция")                                     \
  X(kBadRequest, "BAD_REQUEST", Client, "Некорректный запрос")                                                  \
  X(kInternal, "INTERNAL", Server, "Внутренняя ошибка сервиса")                                                 \
  X(kUnavailable, "UNAVAILABLE", Server, "Учетная система временно недоступна")

namespace code {
#define PARTNERAPI_DECLARE_FAULT_CODE(id, name, side, text) inline constexpr FaultCode id{name, FaultSide::side, text};
PARTNERAPI_FAULT_CODES(PARTNERAPI_DECLARE_FAULT_CODE)
#undef PARTNERAPI_DECLARE_FAULT_CODE
}  // namespace code

// Every code, in the order of the table.
inline constexpr const FaultCode* kFaultCodes[] = {
#define PARTNERAPI_LIST_FAULT_CODE(id, name, side, text) &code::id,
    PARTNERAPI_FAULT_CODES(PARTNERAPI_LIST_FAULT_CODE)
#undef PARTNERAPI_LIST_FAULT_CODE
};

// UNAVAILABLE's text when the service, not the database, has no room for the call.
inline constexpr const char* kOverloaded = "Сервис перегружен, повторите запрос позже";

class ApiError : public std::runtime_error {
 public:
  // `message` empty: the code's own text.
  explicit ApiError(const FaultCode& code, const std::string& message = {})
      : std::runtime_error(message.empty() ? code.message : message), code_(code.name), side_(code.side) {}
  const std::string& code() const noexcept { return code_; }
  FaultSide side() const noexcept { return side_; }

 private:
  std::string code_;
  FaultSide side_;
};

}  // namespace partnerapi
