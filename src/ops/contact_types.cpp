#include "contact_types.h"

#include "partnerapi/api_error.h"
#include "partnerapi/db/reference_repo.h"
#include "partnerapi/text.h"
#include "shapes.h"

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

void require_contact_type(Context& ctx, const std::optional<Uid>& type, ContactOwner owner) {
  const int code = static_cast<int>(owner);
  if (type && db::contact_type_code(ctx.db, type->str()) != code)
    throw ApiError(code::kInvalidContactType, "Вид контактной информации «" + type->str() + "» не относится к " +
                                                  owners(owner) + " (нужен contact_type_code = " +
                                                  std::to_string(code) + ")");
}

std::string contact_view(const Request& req) {
  const auto view = req.text("contact_view");
  if (view.unspecified()) throw ApiError(code::kRequired, "Не указан обязательный операнд contact_view");
  return text::truncate(view.value(), kContactViewMax);
}

}  // namespace partnerapi::ops
