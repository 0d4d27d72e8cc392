// Clients of the current partner (section 4): read, add, edit, delete and
// restore, contact information, and the clients on a vendor's exported line.
// The plain, _its and _advanced variants share one body each and differ in
// the operands they declare: one a variant lacks is simply not specified.
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

// The client shape of section 4, by name.
#define CLIENT_COLUMNS(c)                                                                                    \
  c "id::text AS client_id, " c "region_id::text AS region_id, " c "name AS client_name, " c                \
    "full_name AS client_full_name, " c "deleted AS client_del, " c "inn AS client_inn, " c                   \
    "kpp AS client_kpp, " c "reg_num AS client_reg_num, " c "pay_method_type_id AS pay_method_id, " c         \
    "addit_attribute AS addit_attribute, " c "new_id::text AS client_new_id"
#define CONTACT_COLUMNS(k) \
  k "client_id::text AS client_id, " k "contact_type_id::text AS contact_type_id, " k "view AS contact_view"
// A subscription in force: not stopped, not ended before today.

// Two statements, not one with "$2 IS NULL OR id = $2": a prepared statement's
// generic plan would scan all of a partner's clients to find one.
constexpr db::Query kClientList{
    "clients",
    "SELECT " CLIENT_COLUMNS("") " FROM client WHERE partner_id = $1::uuid "
    "AND ($2::uuid IS NULL OR region_id = $2::uuid) AND ($3::boolean OR NOT deleted) "
    "AND ($4::text IS NULL OR addit_attribute = $4::text) ORDER BY name, id"};
constexpr db::Query kClientById{
    "client",
    "SELECT " CLIENT_COLUMNS("") " FROM client WHERE id = $2::uuid AND partner_id = $1::uuid "
    "AND ($3::uuid IS NULL OR region_id = $3::uuid) AND ($4::text IS NULL OR addit_attribute = $4::text)"};
constexpr db::Query kClientInsert{
    "client_insert",
    "INSERT INTO client (id, partner_id, new_id, name, region_id, full_name, inn, kpp, reg_num, "
    "pay_method_type_id, addit_attribute) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::uuid, "
    "COALESCE($6, ''), COALESCE($7, ''), COALESCE($8, ''), COALESCE($9, ''), $10::smallint, COALESCE($11, '')) "
    "RETURNING " CLIENT_COLUMNS("")};
constexpr db::Query kClientUpdate{
    "client_update",
    "UPDATE client SET name = COALESCE($3, name), region_id = COALESCE($4::uuid, region_id), "
    "full_name = COALESCE($5, full_name), inn = COALESCE($6, inn), kpp = COALESCE($7, kpp), "
    "reg_num = COALESCE($8, reg_num), pay_method_type_id = COALESCE($9::smallint, pay_method_type_id), "
    "addit_attribute = COALESCE($10, addit_attribute) "
    "WHERE id = $2::uuid AND partner_id = $1::uuid RETURNING " CLIENT_COLUMNS("")};
// Marks a live client deleted with its users, their agents and support-line
// subscriptions; restores a deleted one alone. One statement, so a concurrent
// second call sees the first one's result.
constexpr db::Query kClientToggleDeleted{
    "client_toggle_deleted",
    "WITH c AS (UPDATE client SET deleted = NOT deleted WHERE id = $2::uuid AND partner_id = $1::uuid "
    "  RETURNING *), "
    "s AS (UPDATE service SET stopped = true WHERE client_id IN (SELECT id FROM c WHERE deleted) AND NOT stopped), "
    "a AS (UPDATE agent SET active = false WHERE client_id IN (SELECT id FROM c WHERE deleted) AND active), "
    "u AS (UPDATE client_user SET deleted = true WHERE client_id IN (SELECT id FROM c WHERE deleted) "
    "  AND NOT deleted) "
    "SELECT " CLIENT_COLUMNS("") " FROM c"};
constexpr db::Query kClientContactList{
    "client_contacts",
    "SELECT " CONTACT_COLUMNS("k.") " FROM client_contact k "
    "JOIN client c ON c.id = k.client_id JOIN contact_type t ON t.id = k.contact_type_id "
    "WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR k.client_id = $2::uuid) "
    "AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid) ORDER BY c.name, c.id, t.name"};
constexpr db::Query kClientContactUpsert{
    "client_contact_upsert",
    "INSERT INTO client_contact (client_id, contact_type_id, view) VALUES ($1::uuid, $2::uuid, $3) "
    "ON CONFLICT (client_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view "
    "RETURNING " CONTACT_COLUMNS("")};
// Clients (of one partner, or of any) with a subscription in force on the line.
constexpr db::Query kLineClients{
    "line_clients",
    "SELECT " CLIENT_COLUMNS("c.") " FROM client c WHERE ($2::uuid IS NULL OR c.partner_id = $2::uuid) "
    "AND EXISTS (SELECT 1 FROM service s WHERE s.client_id = c.id AND s.service_type_id = $1::uuid "
    "AND " PARTNERAPI_SERVICE_ACTIVE("s.") ") ORDER BY c.name, c.id"};

#undef CLIENT_COLUMNS
#undef CONTACT_COLUMNS

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
    return answer_rows(ctx, kClients, kClientById, partner, a.param(kClientId), a.param(kRegionId), filter);
  return answer_rows(ctx, kClients, kClientList, partner, a.param(kRegionId),
                     a.boolean(kIncludeDeleted).value_or(false), filter);
}

Result client_add(Context& ctx, const Args& a) {
  const auto given = a.integer(kPayMethod);
  const long long pay_method = given ? *given : default_pay_method(ctx, a);
  return table_of(kClients, db::exec(ctx.db, kClientInsert, Uid::random().str(), ctx.partner.str(),
                                     Uid::random().str(), a.param(kName), a.param(kRegionId), a.param(kFullName),
                                     a.param(kInn), a.param(kKpp), a.param(kRegNum), pay_method, a.param(kAttribute)));
}

// Omitted or nil leaves a field as it is; edits never recompute the payment method.
Result client_edit(Context& ctx, const Args& a) {
  return table_of(kClients, db::exec(ctx.db, kClientUpdate, ctx.partner.str(), a.param(kClientId), a.param(kName),
                                     a.param(kRegionId), a.param(kFullName), a.param(kInn), a.param(kKpp),
                                     a.param(kRegNum), a.param(kPayMethod), a.param(kAttribute)));
}

Result client_delete(Context& ctx, const Args& a) {
  return table_of(kClients, db::exec(ctx.db, kClientToggleDeleted, ctx.partner.str(), a.param(kClientId)));
}

Result client_contact_read(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::Client);
  return answer_rows(ctx, kClientContacts, kClientContactList, ctx.partner.str(), a.param(kClientId),
                     a.param(kContactTypeId));
}

Result client_contact_edit(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::Client);
  return table_of(kClientContacts, db::exec(ctx.db, kClientContactUpsert, a.param(kClientId),
                                            a.param(kContactTypeId), a.param(kContactView)));
}

// Only the vendor's own exported line: a line it sees but does not export is
// ACCESS_DENIED; one it cannot see is NOT_FOUND (the Resolver).
Result client_vendor_read(Context& ctx, const Args& a) {
  const Uid line = a.required_id(kLineId);
  require_own_exported_line(ctx, line);
  return answer_rows(ctx, kClients, kLineClients, line.str(), a.param(kAnyPartner));
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
  const std::vector<const db::Query*> read_rows = {&kClientList, &kClientById};
  return {
      table_operation("client_read", R, read_filters, kClients, client_read, read_rows),
      table_operation("client_read_advanced", R, read_filters + std::vector{kAttributeFilter}, kClients, client_read,
                      read_rows),
      table_operation("client_add", W, add_fields, kClients, client_add, {&kClientInsert}),
      table_operation("client_add_its", W, add_fields + its_fields, kClients, client_add, {&kClientInsert}),
      table_operation("client_add_advanced", W, add_fields + its_fields + std::vector{kAttribute}, kClients,
                      client_add, {&kClientInsert}),
      table_operation("client_edit", W, edit_fields, kClients, client_edit, {&kClientUpdate}),
      table_operation("client_edit_its", W, edit_fields + its_fields, kClients, client_edit, {&kClientUpdate}),
      table_operation("client_edit_advanced", W, edit_fields + its_fields + std::vector{kAttribute}, kClients,
                      client_edit, {&kClientUpdate}),
      table_operation("client_delete", W, {required(kClientId)}, kClients, client_delete, {&kClientToggleDeleted}),
      refusing(table_operation("client_contact_read", R, {kClientId, kContactTypeId}, kClientContacts,
                               client_contact_read, {&kClientContactList}),
               {&kContactTypeOfOthers}),
      refusing(table_operation("client_contact_edit", W, {required(kClientId), required(kContactTypeId), kContactView},
                               kClientContacts, client_contact_edit, {&kClientContactUpsert}),
               {&kContactTypeOfOthers}),
      refusing(table_operation("client_vendor_read", R, {required(kLineId), kAnyPartner}, kClients,
                               client_vendor_read, {&kLineClients}),
               {&kNotOwnExportedLine}),
  };
}

}  // namespace partnerapi::ops
