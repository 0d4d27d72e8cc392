// Clients of the current partner (section 4): read, add, edit, delete and
// restore, contact information, and the clients on a vendor's exported line.
// The plain, _its and _advanced variants share one handler each: an operand a
// variant does not declare in the WSDL is simply absent.
#include "contact_types.h"
#include "handlers.h"
#include "its_status.h"
#include "partnerapi/api_error.h"
#include "partnerapi/db/client_repo.h"
#include "partnerapi/its.h"
#include "partnerapi/ops/resolver.h"
#include "partnerapi/text.h"
#include "shapes.h"

namespace partnerapi::ops {
namespace {

// Silent cuts of the specification, in Unicode characters.
constexpr std::size_t kNameMax = 50;
constexpr std::size_t kFullNameMax = 255;
constexpr std::size_t kInnMax = 12;
constexpr std::size_t kKppMax = 9;
// Not cut (the specification gives no length): longer is a fault, nothing lost.
constexpr std::size_t kRegNumMax = 32;
constexpr std::size_t kAttributeMax = 255;

// pay_method_type_read codes used as defaults.
constexpr int kPayMonthly = 2;
constexpr int kPayYearly = 4;

constexpr const char* kEmptyName = "Наименование добавляемого клиента не должно быть пустым";
constexpr const char* kNoRegion = "При добавлении клиента не указан регион";
constexpr const char* kNoClient = "При изменении клиентов необходимо указать ссылку на изменяемого клиента";
constexpr const char* kBadRegNum = "Не корректный регистрационный номер";
constexpr const char* kInvalidRegNum = "INVALID_REG_NUM";

const TableShape kClients({{"client_id", ColumnType::String, kUid},
                           {"region_id", ColumnType::String, kUid},
                           {"client_name", ColumnType::String, static_cast<int>(kNameMax)},
                           {"client_full_name", ColumnType::String, static_cast<int>(kFullNameMax)},
                           {"client_del", ColumnType::Boolean},
                           {"client_inn", ColumnType::String, static_cast<int>(kInnMax)},
                           {"client_kpp", ColumnType::String, static_cast<int>(kKppMax)},
                           {"client_reg_num", ColumnType::String, static_cast<int>(kRegNumMax)},
                           {"pay_method_id", ColumnType::Decimal},
                           {"addit_attribute", ColumnType::String, static_cast<int>(kAttributeMax)},
                           {"client_new_id", ColumnType::String, kUid}},
                          {"client_id"});
const TableShape kClientContacts({{"client_id", ColumnType::String, kUid},
                                  {"contact_type_id", ColumnType::String, kUid},
                                  {"contact_view", ColumnType::String, kContactViewMax}},
                                 {"client_id", "contact_type_id"});

// A text operand cut at `max` characters; nullopt when absent or nil.
std::optional<std::string> cut(const Request& req, std::string_view operand, std::size_t max) {
  const auto v = req.text(operand);
  return v.unspecified() ? std::nullopt : std::optional(text::truncate(v.value(), max));
}

// client_reg_num, trimmed: "" clears it, anything else must be a valid number.
std::optional<std::string> reg_num(const Request& req) {
  const auto v = req.text("client_reg_num");
  if (v.unspecified()) return std::nullopt;
  std::string s(text::trim(v.value()));
  if (!s.empty() && (!its::valid_reg_num(s) || text::length(s) > kRegNumMax))
    throw ApiError(kInvalidRegNum, kBadRegNum);
  return s;
}

std::optional<std::string> attribute(const Request& req) {
  auto v = req.text("addit_attribute");
  if (v.unspecified()) return std::nullopt;
  if (text::length(v.value()) > kAttributeMax)
    throw ApiError(code::kBadValue, "Дополнительный признак клиента длиннее " + std::to_string(kAttributeMax) +
                                        " символов: «" + text::shown(v.value()) + "»");
  return v.value();
}

std::optional<int> pay_method(Context& ctx, const Request& req) {
  const auto v = req.integer("pay_method_type_id");
  if (v.unspecified()) return std::nullopt;
  if (!db::pay_method_exists(ctx.db, v.value()))
    throw ApiError(code::kBadValue, "Неизвестный способ оплаты pay_method_type_id = " + std::to_string(v.value()) +
                                        " (допустимые коды возвращает pay_method_type_read)");
  return static_cast<int>(v.value());
}

// Every field operand but the region, checked in the order of the
// specification's error list: the registration number first.
db::ClientFields client_fields(Context& ctx, const Request& req) {
  db::ClientFields f;
  f.reg_num = reg_num(req);
  f.name = cut(req, "client_name", kNameMax);
  f.full_name = cut(req, "client_full_name", kFullNameMax);
  f.inn = cut(req, "client_inn", kInnMax);
  f.kpp = cut(req, "client_kpp", kKppMax);
  f.addit_attribute = attribute(req);
  f.pay_method = pay_method(ctx, req);
  return f;
}

// «Оплата за 12 месяцев» when the registry holds an ITS contract in force for
// the client's number and INN, otherwise «Оплата взимается ежемесячно».
int default_pay_method(Context& ctx, const db::ClientFields& f) {
  const auto status = its_status(ctx, f.reg_num.value_or(""), f.inn.value_or(""));
  return status.contract && status.contract->in_force ? kPayYearly : kPayMonthly;
}

}  // namespace

Result client_read(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  db::ClientFilter f;
  f.partner = ctx.partner.str();
  f.client = str(resolve.optional(req, "client_id"));
  f.region = str(resolve.optional(req, "region_id"));
  f.include_deleted = req.boolean("include_deleted").value_or(false);
  const auto attr = req.text("addit_attribute");  // client_read_advanced; blank sets no filter
  if (attr.has_value() && !text::blank(attr.value())) f.addit_attribute = attr.value();
  Table t(kClients);
  db::read_clients(ctx.db, f, t);
  return t;
}

Result client_add(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  db::NewClient c;
  c.fields = client_fields(ctx, req);
  if (!c.fields.name || text::blank(*c.fields.name)) throw ApiError(code::kRequired, kEmptyName);
  const auto region = resolve.optional(req, "region_id");
  if (!region) throw ApiError(code::kRequired, kNoRegion);
  c.partner = ctx.partner.str();
  c.id = Uid::random().str();
  c.new_id = Uid::random().str();
  c.name = *c.fields.name;
  c.region = region->str();
  c.pay_method = c.fields.pay_method ? *c.fields.pay_method : default_pay_method(ctx, c.fields);
  Table t(kClients);
  db::add_client(ctx.db, c, t);
  return t;
}

Result client_edit(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const auto client = resolve.optional(req, "client_id");
  if (!client) throw ApiError(code::kRequired, kNoClient);
  auto f = client_fields(ctx, req);
  if (f.name && text::blank(*f.name)) throw ApiError(code::kRequired, kEmptyName);
  f.region = str(resolve.optional(req, "region_id"));
  Table t(kClients);
  db::edit_client(ctx.db, ctx.partner.str(), client->str(), f, t);
  return t;
}

Result client_delete(Context& ctx, const Request& req) {
  const auto client = Resolver(ctx).required(req, "client_id");
  Table t(kClients);
  db::toggle_client_deleted(ctx.db, ctx.partner.str(), client.str(), t);
  return t;
}

Result client_contact_read(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const auto client = resolve.optional(req, "client_id");
  const auto type = resolve.optional(req, "contact_type_id");
  require_contact_type(ctx, type, ContactOwner::Client);
  Table t(kClientContacts);
  db::read_client_contacts(ctx.db, {ctx.partner.str(), str(client), str(type)}, t);
  return t;
}

Result client_contact_edit(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const Uid client = resolve.required(req, "client_id");
  const Uid type = resolve.required(req, "contact_type_id");
  require_contact_type(ctx, type, ContactOwner::Client);
  Table t(kClientContacts);
  db::write_client_contact(ctx.db, client.str(), type.str(), contact_view(req), t);
  return t;
}

Result client_vendor_read(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const Uid line = resolve.required(req, "service_type_id");
  if (!db::own_exported_line(ctx.db, line.str(), ctx.partner.str()))
    throw ApiError(code::kAccessDenied,
                   "Линия поддержки «" + line.str() + "» не является экспортируемой линией текущего партнера");
  const auto partner = resolve.optional(req, "partner_id");
  Table t(kClients);
  db::read_line_clients(ctx.db, line.str(), str(partner), t);
  return t;
}

}  // namespace partnerapi::ops
