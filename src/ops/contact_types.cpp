#include "partnerapi/db/queries.h"
#include "contact_types.h"

#include <stdexcept>


namespace partnerapi::ops {
namespace {


const char* owners(ContactOwner owner) {
  switch (owner) {
    case ContactOwner::Client: return "клиентам";
    case ContactOwner::Partner: return "партнерам";
    case ContactOwner::User: break;
  }
  return "пользователям";
}

}  // namespace

constexpr Refusal kContactTypeOfOthers{
    &code::kInvalidContactType, "`contact_type_id` is a contact type of another kind of owner (its contact_type_code)",
    Ground::Specification,
    "contact_type_read's code says whom a type is for: 1 clients, 2 partners, 3 partner and client users (the "
    "contract)."};

void require_contact_type(Context& ctx, const std::optional<Uid>& type, ContactOwner owner) {
  if (!type) return;
  const int code = static_cast<int>(owner);
  const db::Rows rows = db::exec(ctx.db, sql::contact_type_code, type->str());
  if (rows.empty()) throw std::logic_error("contact_type_code: a resolved contact type has no row");
  if (rows.integer(0, 0) != code)
    refuse(kContactTypeOfOthers, "Вид контактной информации «" + type->str() + "» не относится к " + owners(owner) +
                                     " (нужен contact_type_code = " + std::to_string(code) + ")");
}

}  // namespace partnerapi::ops
