#include "partnerapi/ops/resolver.h"

#include "partnerapi/api_error.h"
#include "partnerapi/db/visibility.h"

namespace partnerapi::ops {

void Resolver::resolve(const Args& args) {
  const auto& operands = args.spec().operands;
  for (std::size_t i = 0; i < operands.size(); ++i) {
    const auto& o = operands[i];
    if (o.kind && o.alias_of.empty())
      if (const char* value = args.param(i)) check(o, value);
  }
}

void Resolver::check(const OperandSpec& o, const char* value) {
  if (db::visible(ctx_.db, *o.kind, value, ctx_.partner.str())) return;
  const std::string name(o.name);
  if (is_code_kind(*o.kind))  // pay_method_type_id: the codes of pay_method_type_read
    throw ApiError(code::kBadValue, "Неизвестный код " + name + " = " + value + " (допустимые коды возвращает " +
                                        name.substr(0, name.size() - 3) + "_read)");
  throw ApiError(code::kNotFound, "Объект не найден или недоступен: " + name + " = «" + value + "»");
}

}  // namespace partnerapi::ops
