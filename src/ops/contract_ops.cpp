// Contracts (section 4): the partner's contracts, and the permissions they
// give to serve support lines: read, add (to the partner's service contract)
// and delete.
#include "partnerapi/db/queries.h"
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

constexpr OperandSpec kContractId = id("contract_id", ObjectKind::Contract);
constexpr OperandSpec kStart = date("contract_service_start_date");

// The day a permission starts: the one given, else today (Moscow); 1C's
// empty date is "not given".
std::string start_day(Context& ctx, const Args& a) {
  const auto given = a.datetime(kStart);
  if (given && !given->empty_date()) return given->str().substr(0, 10);
  return std::string(db::exec(ctx.db, sql::moscow_today).text(0, 0));
}

constexpr Refusal kNoServiceContract{
    &code::kNoContract, "the partner has no contract with the role «Сервисный партнер» in force on the start day",
    Ground::Specification, "«Добавляет разрешение на оказание поддержки по линии в существующий договор»."};

Result add_permission(Context& ctx, const Args& a) {
  const Uid line = a.required_id(kLineId);
  require_live_line(ctx, line);
  const std::string start = start_day(ctx, a);
  const auto contract = db::exec(ctx.db, sql::service_contract_on, ctx.partner.str(), start);
  if (contract.empty())
    refuse(kNoServiceContract, "У партнера нет договора с ролью «Сервисный партнер», действующего на " + start +
                                   ": разрешение на линию добавить некуда");
  db::exec(ctx.db, sql::contract_service_upsert, std::string(contract.text(0, 0)), line.str(), start);
  return table_of(kPermissions, db::exec(ctx.db, sql::line_permissions, ctx.partner.str(), line.str()));
}

// Whatever permissions the partner had for the line are gone: the empty table.
Result delete_permissions(Context& ctx, const Args& a) {
  db::exec(ctx.db, sql::contract_service_delete, ctx.partner.str(), a.required_id(kLineId).str());
  return Table(kPermissions);
}

}  // namespace

std::vector<OperationSpec> contract_operations() {
  const Access W = Access::Write;
  return {
      read("contract_read",
           {kContractId, date("contract_start_date"), date("contract_end_date"), id("role_id", ObjectKind::Role)},
           kContracts, sql::contracts),
      read("contract_service_read",
           {kContractId, kLineId, kStart, date("contract_service_end_date")}, kPermissions, sql::contract_services),
      refusing(table_operation("contract_service_add", W, {required(kLineId), kStart}, kPermissions, add_permission,
                               {&sql::line_permissions}),
               {&kLineDeleted, &kNoServiceContract}),
      table_operation("contract_service_delete", W, {required(kLineId)}, kPermissions, delete_permissions, {}),
  };
}

}  // namespace partnerapi::ops
