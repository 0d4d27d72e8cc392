#include "partnerapi/request.h"

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "partnerapi/api_error.h"
#include "partnerapi/text.h"

namespace partnerapi {
namespace {

[[noreturn]] void bad(const FaultCode& code, std::string_view name, const std::string& v, const char* expected) {
  const std::string shown = secret_operand(name) ? std::string() : ": «" + text::shown(v) + "»";
  throw ApiError(code, "Некорректное значение операнда " + std::string(name) + shown + " (ожидается " + expected + ")");
}

}  // namespace

void Request::validate() const {
  for (const auto& f : fields_) {
    switch (f.type) {
      case FieldType::Text: text(f.name); break;
      case FieldType::Boolean: boolean(f.name); break;
      case FieldType::Integer: integer(f.name); break;
      case FieldType::DateTime: datetime(f.name); break;
    }
  }
}

const std::string* Request::raw(std::string_view name) const noexcept {
  for (const auto& f : fields_)
    if (f.name == name) return f.value;
  return nullptr;
}

Operand<std::string> Request::text(std::string_view name) const {
  const std::string* v = raw(name);
  if (!v) return {};
  if (!text::valid_utf8(*v)) bad(code::kBadValue, name, *v, "текст в UTF-8");
  if (text::xml_char_error(*v) != std::string::npos)
    bad(code::kBadValue, name, *v, "текст без символов, недопустимых в XML");
  return Operand<std::string>::of(*v);
}

Operand<bool> Request::boolean(std::string_view name) const {
  const std::string* v = raw(name);
  if (!v || text::blank(*v)) return {};
  const auto s = text::trim(*v);
  if (s == "true" || s == "1") return Operand<bool>::of(true);
  if (s == "false" || s == "0") return Operand<bool>::of(false);
  bad(code::kBadValue, name, *v, "true или false");
}

Operand<long long> Request::integer(std::string_view name) const {
  const std::string* v = raw(name);
  if (!v || text::blank(*v)) return {};
  const std::string s(text::trim(*v));
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || end != s.c_str() + s.size() || n < INT_MIN || n > INT_MAX) bad(code::kBadValue, name, *v, "целое число");
  return Operand<long long>::of(n);
}

Operand<MoscowTime> Request::datetime(std::string_view name) const {
  const std::string* v = raw(name);
  if (!v || text::blank(*v)) return {};
  auto t = MoscowTime::parse(text::trim(*v));
  if (!t) bad(code::kBadDate, name, *v, "дата в виде 2012-09-14T00:00:00");
  return Operand<MoscowTime>::of(*t);
}

}  // namespace partnerapi
