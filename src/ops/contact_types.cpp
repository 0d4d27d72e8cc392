#include "contact_types.h"

#include <stdexcept>

#include "partnerapi/api_error.h"

namespace partnerapi::ops {
namespace {

constexpr db::Query kContactTypeCode{"contact_type_code", "SELECT code FROM contact_type WHERE id = $1::uuid"};

const char* owners(ContactOwner owner) {
  switch (owner) {
    case ContactOwner::Client: return "клиентам";
    case ContactOwner::Partner: return "партнерам";
    case ContactOwner::User: break;
  }
  return "пользователям";
}

}  // namespace

void require_contact_type(Context& ctx, const std::optional<Uid>& type, ContactOwner owner) {
  if (!type) return;
  const int code = static_cast<int>(owner);
  const db::Rows rows = db::exec(ctx.db, kContactTypeCode, type->str());
  if (rows.empty()) throw std::logic_error("contact_type_code: a resolved contact type has no row");
  if (rows.integer(0, 0) != code)
    throw ApiError(code::kInvalidContactType, "Вид контактной информации «" + type->str() + "» не относится к " +
                                                  owners(owner) + " (нужен contact_type_code = " +
                                                  std::to_string(code) + ")");
}

}  // namespace partnerapi::ops
