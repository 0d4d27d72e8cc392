#include "operands.h"

#include "partnerapi/api_error.h"
#include "partnerapi/text.h"

namespace partnerapi::ops {
namespace {

// The element that carries `o`: its own, or its second spelling when its own
// is absent (or, for an ID, blank).
std::string_view source_of(const OperationSpec& spec, const Request& req, const OperandSpec& o) {
  const std::string* own = req.raw(o.name);
  if (own && !(o.type == Type::Id && text::blank(*own))) return o.name;
  for (const auto& a : spec.operands)
    if (a.alias_of == o.name && req.raw(a.name)) return a.name;
  return o.name;
}

void parse_id(Args& args, std::size_t i, const Request& req, std::string_view source) {
  const std::string* raw = req.raw(source);
  if (!raw || text::blank(*raw)) return;  // not specified
  auto uid = Uid::parse(*raw);
  if (!uid)
    throw ApiError(code::kBadId, "Некорректный уникальный идентификатор в операнде " + std::string(source) + ": «" +
                                     text::shown(*raw) + "»");
  std::string param = uid->str();
  args.set(i, std::move(*uid), std::move(param));
}

void parse_text(Args& args, std::size_t i, const OperandSpec& o, const Request& req, std::string_view source) {
  const auto v = req.text(source);
  if (v.unspecified()) return;
  std::string s = v.value();
  if (o.max && text::length(s) > o.max) {
    if (o.overflow == Overflow::Fault)
      throw ApiError(code::kBadValue, "Значение операнда " + std::string(o.name) + " длиннее " +
                                          std::to_string(o.max) + " символов" +
                                          (secret_operand(o.name) ? std::string() : ": «" + text::shown(s) + "»"));
    s = text::truncate(s, o.max);
  }
  if (o.format) s = o.format(std::move(s));
  args.set(i, s, s);
}

// Dates go to queries as ISO text in Moscow time.
std::string sql_datetime(const MoscowTime& t) { return t.iso(); }
std::string sql_date(const MoscowTime& t) { return t.str().substr(0, 10); }

void parse_one(Args& args, std::size_t i, const OperandSpec& o, const Request& req, std::string_view source) {
  switch (o.type) {
    case Type::Id: return parse_id(args, i, req, source);
    case Type::Text: return parse_text(args, i, o, req, source);
    case Type::Boolean:
      if (auto v = req.boolean(source); v.has_value()) args.set(i, v.value(), v.value() ? "true" : "false");
      return;
    case Type::Integer:
      if (auto v = req.integer(source); v.has_value()) args.set(i, v.value(), std::to_string(v.value()));
      return;
    case Type::Date:
      if (auto v = req.datetime(source); v.has_value()) args.set(i, v.value().date(), sql_date(v.value()));
      return;
    case Type::DateTime:
      if (auto v = req.datetime(source); v.has_value()) args.set(i, v.value(), sql_datetime(v.value()));
      return;
  }
}

bool missing(const OperandSpec& o, const Args::Typed& v) {
  if (std::holds_alternative<std::monostate>(v)) return o.required;
  return o.nonblank && std::holds_alternative<std::string>(v) && text::blank(std::get<std::string>(v));
}

}  // namespace

Args parse_operands(const OperationSpec& spec, const Request& req) {
  Args args(spec);
  for (std::size_t i = 0; i < spec.operands.size(); ++i) {
    const auto& o = spec.operands[i];
    if (o.alias_of.empty()) parse_one(args, i, o, req, source_of(spec, req, o));
  }
  for (std::size_t i = 0; i < spec.operands.size(); ++i) {
    const auto& o = spec.operands[i];
    if (!missing(o, args.value(i))) continue;
    throw ApiError(code::kRequired,
                   o.missing.empty() ? "Не указан обязательный операнд " + std::string(o.name) : std::string(o.missing));
  }
  return args;
}

}  // namespace partnerapi::ops
