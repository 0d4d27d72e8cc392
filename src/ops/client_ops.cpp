// Clients of the current partner (section 4): read, add, edit, delete and
// restore, contact information, and the clients on a vendor's exported line.
// The plain, _its and _advanced variants share one body each and differ in
// the operands they declare: one a variant lacks is simply not specified.
#include "partnerapi/db/queries.h"
#include "contact_types.h"
#include "families.h"
#include "its_status.h"
#include "lines.h"
#include "partnerapi/its.h"
#include "partnerapi/text.h"

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

constexpr std::string_view kEmptyName = "Наименование добавляемого клиента не должно быть пустым";
constexpr std::string_view kNoRegion = "При добавлении клиента не указан регион";
constexpr std::string_view kNoClient = "При изменении клиентов необходимо указать ссылку на изменяемого клиента";
constexpr const char* kBadRegNumText = "Не корректный регистрационный номер";

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

// A subscription in force: not stopped, not ended before today.

constexpr Refusal kBadRegNum{
    &code::kInvalidRegNum, "not a registration number (6 to 12 digits from 500000, or ВО… / BO… / FR…)",
    Ground::Specification, "The specification's own error: «Не корректный регистрационный номер»."};

// client_reg_num, trimmed: "" clears it, anything else must be a valid number.
std::string reg_num_format(std::string v) {
  std::string s(text::trim(v));
  if (!s.empty() && (!its::valid_reg_num(s) || text::length(s) > kRegNumMax))
    refuse(kBadRegNum, kBadRegNumText);
  return s;
}

constexpr OperandSpec kClientId = id("client_id", ObjectKind::Client);
constexpr OperandSpec kRegionId = id("region_id", ObjectKind::Region);
constexpr OperandSpec kIncludeDeleted = boolean("include_deleted");
constexpr OperandSpec kAttributeFilter = text("addit_attribute");  // a blank one sets no filter
constexpr OperandSpec kName = nonblank(text("client_name", kNameMax), kEmptyName);
constexpr OperandSpec kInn = text("client_inn", kInnMax);
constexpr OperandSpec kKpp = text("client_kpp", kKppMax);
constexpr OperandSpec kFullName = text("client_full_name", kFullNameMax);
constexpr OperandSpec kRegNum = formatted(text("client_reg_num"), reg_num_format, kBadRegNum);
constexpr OperandSpec kPayMethod = code("pay_method_type_id", ObjectKind::PayMethodType);
constexpr OperandSpec kAttribute = text("addit_attribute", kAttributeMax, Overflow::Fault);
constexpr OperandSpec kAnyPartner = id("partner_id", ObjectKind::AnyPartner);

// «Оплата за 12 месяцев» when the registry holds an ITS contract in force for
// the client's number and INN, otherwise «Оплата взимается ежемесячно».
long long default_pay_method(Context& ctx, const Args& a) {
  const auto status = its_status(ctx, a.text(kRegNum).value_or(""), a.text(kInn).value_or(""));
  return status.contract && status.contract->in_force ? kPayYearly : kPayMonthly;
}

Result client_read(Context& ctx, const Args& a) {
  const auto attribute = a.text(kAttributeFilter);
  const char* filter = attribute && !text::blank(*attribute) ? a.param(kAttributeFilter) : nullptr;
  const auto& partner = ctx.partner.str();
  if (a.id(kClientId))  // answered whatever its deletion mark
    return answer_rows(ctx, kClients, sql::client, partner, a.param(kClientId), a.param(kRegionId), filter);
  return answer_rows(ctx, kClients, sql::clients, partner, a.param(kRegionId),
                     a.boolean(kIncludeDeleted).value_or(false), filter);
}

Result client_add(Context& ctx, const Args& a) {
  const auto given = a.integer(kPayMethod);
  const long long pay_method = given ? *given : default_pay_method(ctx, a);
  return table_of(kClients, db::exec(ctx.db, sql::client_insert, Uid::random().str(), ctx.partner.str(),
                                     Uid::random().str(), a.param(kName), a.param(kRegionId), a.param(kFullName),
                                     a.param(kInn), a.param(kKpp), a.param(kRegNum), pay_method, a.param(kAttribute)));
}

// Omitted or nil leaves a field as it is; edits never recompute the payment method.
Result client_edit(Context& ctx, const Args& a) {
  return table_of(kClients, db::exec(ctx.db, sql::client_update, ctx.partner.str(), a.param(kClientId), a.param(kName),
                                     a.param(kRegionId), a.param(kFullName), a.param(kInn), a.param(kKpp),
                                     a.param(kRegNum), a.param(kPayMethod), a.param(kAttribute)));
}

Result client_delete(Context& ctx, const Args& a) {
  return table_of(kClients, db::exec(ctx.db, sql::client_toggle_deleted, ctx.partner.str(), a.param(kClientId)));
}

Result client_contact_read(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::Client);
  return answer_rows(ctx, kClientContacts, sql::client_contacts, ctx.partner.str(), a.param(kClientId),
                     a.param(kContactTypeId));
}

Result client_contact_edit(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::Client);
  return table_of(kClientContacts, db::exec(ctx.db, sql::client_contact_upsert, a.param(kClientId),
                                            a.param(kContactTypeId), a.param(kContactView)));
}

// Only the vendor's own exported line: a line it sees but does not export is
// ACCESS_DENIED; one it cannot see is NOT_FOUND (the Resolver).
Result client_vendor_read(Context& ctx, const Args& a) {
  const Uid line = a.required_id(kLineId);
  require_own_exported_line(ctx, line);
  return answer_rows(ctx, kClients, sql::line_clients, line.str(), a.param(kAnyPartner));
}

std::vector<OperandSpec> operator+(std::vector<OperandSpec> a, const std::vector<OperandSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

std::vector<OperationSpec> client_operations() {
  const Access R = Access::Read, W = Access::Write;
  const std::vector<OperandSpec> read_filters = {kClientId, kRegionId, kIncludeDeleted};
  const std::vector<OperandSpec> add_fields = {required(kName), required(kRegionId, kNoRegion), kInn,
                                               kKpp, kFullName};
  const std::vector<OperandSpec> edit_fields = {required(kClientId, kNoClient), kName, kRegionId, kInn, kKpp,
                                                kFullName};
  const std::vector<OperandSpec> its_fields = {kRegNum, kPayMethod};
  const std::vector<const db::Query*> read_rows = {&sql::clients, &sql::client};
  return {
      table_operation("client_read", R, read_filters, kClients, client_read, read_rows),
      table_operation("client_read_advanced", R, read_filters + std::vector{kAttributeFilter}, kClients, client_read,
                      read_rows),
      table_operation("client_add", W, add_fields, kClients, client_add, {&sql::client_insert}),
      table_operation("client_add_its", W, add_fields + its_fields, kClients, client_add, {&sql::client_insert}),
      table_operation("client_add_advanced", W, add_fields + its_fields + std::vector{kAttribute}, kClients,
                      client_add, {&sql::client_insert}),
      table_operation("client_edit", W, edit_fields, kClients, client_edit, {&sql::client_update}),
      table_operation("client_edit_its", W, edit_fields + its_fields, kClients, client_edit, {&sql::client_update}),
      table_operation("client_edit_advanced", W, edit_fields + its_fields + std::vector{kAttribute}, kClients,
                      client_edit, {&sql::client_update}),
      table_operation("client_delete", W, {required(kClientId)}, kClients, client_delete, {&sql::client_toggle_deleted}),
      refusing(table_operation("client_contact_read", R, {kClientId, kContactTypeId}, kClientContacts,
                               client_contact_read, {&sql::client_contacts}),
               {&kContactTypeOfOthers}),
      refusing(table_operation("client_contact_edit", W, {required(kClientId), required(kContactTypeId), kContactView},
                               kClientContacts, client_contact_edit, {&sql::client_contact_upsert}),
               {&kContactTypeOfOthers}),
      refusing(table_operation("client_vendor_read", R, {required(kLineId), kAnyPartner}, kClients,
                               client_vendor_read, {&sql::line_clients}),
               {&kNotOwnExportedLine}),
  };
}

}  // namespace partnerapi::ops
