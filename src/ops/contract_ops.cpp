// Contracts (section 4): the partner's contracts, and the permissions they
// give to serve support lines: read, add (to the partner's service contract)
// and delete.
#include "families.h"
#include "lines.h"

namespace partnerapi::ops {
namespace {

const TableShape kContracts({{"contract_id", ColumnType::String, kUid},
                             {"contract_start_date", ColumnType::Date},
                             {"contract_end_date", ColumnType::Date},
                             {"role_id", ColumnType::String, kUid}},
                            {"contract_id"});
const TableShape kPermissions({{"contract_id", ColumnType::String, kUid},
                               {"service_type_id", ColumnType::String, kUid},
                               {"contract_service_start_date", ColumnType::Date},
                               {"contract_service_end_date", ColumnType::Date}},
                              {"contract_id", "service_type_id"});

#define PERMISSION_COLUMNS                                                                                    \
  "cs.contract_id::text AS contract_id, cs.service_type_id::text AS service_type_id, "                      \
  "wire_date(cs.start_date) AS contract_service_start_date, wire_date(cs.end_date) AS contract_service_end_date"
#define PARTNERS_PERMISSIONS \
  "FROM contract_service cs JOIN contract k ON k.id = cs.contract_id WHERE k.partner_id = $1::uuid "
#define IN_ORDER " ORDER BY k.start_date, cs.contract_id, cs.service_type_id"

// $1 the partner; $2 the contract, $3 and $4 the period, $5 the role.
constexpr db::Query kContractList{
    "contracts",
    "SELECT k.id::text AS contract_id, wire_date(k.start_date) AS contract_start_date, "
    "wire_date(k.end_date) AS contract_end_date, k.role_id::text AS role_id FROM contract k "
    "WHERE k.partner_id = $1::uuid AND ($2::uuid IS NULL OR k.id = $2::uuid) AND " PARTNERAPI_OVERLAPS(
        "k.start_date", "k.end_date", "$3", "$4") " AND ($5::uuid IS NULL OR k.role_id = $5::uuid) "
                                                  "ORDER BY k.start_date, k.id"};
// $1 the partner; $2 the contract, $3 the line, $4 and $5 the period.
constexpr db::Query kPermissionList{
    "contract_services", "SELECT " PERMISSION_COLUMNS " " PARTNERS_PERMISSIONS
                         "AND ($2::uuid IS NULL OR cs.contract_id = $2::uuid) "
                         "AND ($3::uuid IS NULL OR cs.service_type_id = $3::uuid) AND " PARTNERAPI_OVERLAPS(
                             "cs.start_date", "cs.end_date", "$4", "$5") IN_ORDER};
// The partner's service contract in force on $2: the latest to begin.
constexpr db::Query kServiceContract{
    "service_contract_on",
    "SELECT k.id::text FROM contract k JOIN role r ON r.id = k.role_id WHERE k.partner_id = $1::uuid "
    "AND r.code = 'service' AND k.start_date <= $2::date AND (k.end_date IS NULL OR k.end_date >= $2::date) "
    "ORDER BY k.start_date DESC, k.id LIMIT 1"};
// A permission given again starts on the new date and is open-ended again.
constexpr db::Query kPermissionUpsert{
    "contract_service_upsert",
    "INSERT INTO contract_service (contract_id, service_type_id, start_date) VALUES ($1::uuid, $2::uuid, $3::date) "
    "ON CONFLICT (contract_id, service_type_id) DO UPDATE SET start_date = EXCLUDED.start_date, end_date = NULL"};
constexpr db::Query kLinePermissions{"line_permissions", "SELECT " PERMISSION_COLUMNS " " PARTNERS_PERMISSIONS
                                                         "AND cs.service_type_id = $2::uuid" IN_ORDER};
constexpr db::Query kPermissionDelete{"contract_service_delete",
                                      "DELETE FROM contract_service cs USING contract k WHERE k.id = cs.contract_id "
                                      "AND k.partner_id = $1::uuid AND cs.service_type_id = $2::uuid"};
constexpr db::Query kMoscowToday{"moscow_today", "SELECT moscow_today()::text"};

#undef PERMISSION_COLUMNS
#undef PARTNERS_PERMISSIONS
#undef IN_ORDER

constexpr OperandSpec kContractId = id("contract_id", ObjectKind::Contract);
constexpr OperandSpec kStart = date("contract_service_start_date");

// The day a permission starts: the one given, else today (Moscow); 1C's
// empty date is "not given".
std::string start_day(Context& ctx, const Args& a) {
  const auto given = a.datetime(kStart);
  if (given && !given->empty_date()) return given->str().substr(0, 10);
  return std::string(db::exec(ctx.db, kMoscowToday).text(0, 0));
}

constexpr Refusal kNoServiceContract{
    &code::kNoContract, "the partner has no contract with the role «Сервисный партнер» in force on the start day",
    Ground::Specification, "«Добавляет разрешение на оказание поддержки по линии в существующий договор»."};

Result add_permission(Context& ctx, const Args& a) {
  const Uid line = a.required_id(kLineId);
  require_live_line(ctx, line);
  const std::string start = start_day(ctx, a);
  const auto contract = db::exec(ctx.db, kServiceContract, ctx.partner.str(), start);
  if (contract.empty())
    refuse(kNoServiceContract, "У партнера нет договора с ролью «Сервисный партнер», действующего на " + start +
                                   ": разрешение на линию добавить некуда");
  db::exec(ctx.db, kPermissionUpsert, std::string(contract.text(0, 0)), line.str(), start);
  return table_of(kPermissions, db::exec(ctx.db, kLinePermissions, ctx.partner.str(), line.str()));
}

// Whatever permissions the partner had for the line are gone: the empty table.
Result delete_permissions(Context& ctx, const Args& a) {
  db::exec(ctx.db, kPermissionDelete, ctx.partner.str(), a.required_id(kLineId).str());
  return Table(kPermissions);
}

}  // namespace

std::vector<OperationSpec> contract_operations() {
  const Access W = Access::Write;
  return {
      read("contract_read",
           {kContractId, date("contract_start_date"), date("contract_end_date"), id("role_id", ObjectKind::Role)},
           kContracts, kContractList),
      read("contract_service_read",
           {kContractId, kLineId, kStart, date("contract_service_end_date")}, kPermissions, kPermissionList),
      refusing(table_operation("contract_service_add", W, {required(kLineId), kStart}, kPermissions, add_permission,
                               {&kLinePermissions}),
               {&kLineDeleted, &kNoServiceContract}),
      table_operation("contract_service_delete", W, {required(kLineId)}, kPermissions, delete_permissions, {}),
  };
}

}  // namespace partnerapi::ops
