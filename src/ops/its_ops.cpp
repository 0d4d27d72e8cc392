// client_ITS_status_For_INN: the client's 1C:ITS contract from the registry.
#include "families.h"
#include "its_status.h"
#include "partnerapi/db/its_registry.h"
#include "partnerapi/its.h"
#include "partnerapi/moscow_time.h"
#include "partnerapi/text.h"

namespace partnerapi::ops {
namespace {

// The specification's key [RegNumberPP1C, INN] names the operands, not result
// columns, so the table carries no index (docs/spec-notes.md).
const TableShape kItsStatus({{"ITSLevel", ColumnType::Decimal, 0, false},
                             {"DateFrom", ColumnType::Date, 0, false},
                             {"DateTo", ColumnType::Date, 0, false}},
                            {});

constexpr OperandSpec kRegNum = text("RegNumberPP1C");
constexpr OperandSpec kInn = text("INN");

Result client_ITS_status_For_INN(Context& ctx, const Args& a) {
  const auto status = its_status(ctx, a.text(kRegNum).value_or(""), a.text(kInn).value_or(""));
  Table t(kItsStatus);
  t.add({cell(static_cast<long long>(status.level)), cell(status.contract ? status.contract->date_from : kEmptyDate),
         cell(status.contract ? status.contract->date_to : kEmptyDate)});
  return t;
}

}  // namespace

its::Status its_status(Context& ctx, std::string_view reg_num, std::string_view inn) {
  const std::string reg(text::trim(reg_num));
  std::vector<its::Contract> rows;
  if (its::valid_reg_num(reg)) rows = db::its_contracts(ctx.db, reg);
  return its::status(reg, inn, rows);
}

std::vector<OperationSpec> its_operations() {
  return {table_operation("client_ITS_status_For_INN", Access::Read, {kRegNum, kInn}, kItsStatus,
                          client_ITS_status_For_INN, {})};
}

}  // namespace partnerapi::ops
