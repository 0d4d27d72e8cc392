// Support lines (section 4): the service types a partner may use (the
// platform's common lines, its own, and vendors' lines it imported), adding
// (franchisees only), editing and deleting its own; and the partners that
// imported its exported lines (partner_vendor_read).
#include "partnerapi/db/queries.h"
#include "families.h"
#include "lines.h"

namespace partnerapi::ops {
namespace {

constexpr std::size_t kNameMax = 100, kFullNameMax = 255;

const TableShape kLines({{"service_type_id", ColumnType::String, kUid},
                         {"service_type_name", ColumnType::String, static_cast<int>(kNameMax)},
                         {"service_type_full_name", ColumnType::String, static_cast<int>(kFullNameMax)},
                         {"partner_id", ColumnType::String, kUid}},
                        {"service_type_id"});
const TableShape kVendorPartners({{"partner_id", ColumnType::String, kUid},
                                  {"partner_name", ColumnType::String, 150}},
                                 {"partner_id"});

constexpr OperandSpec kOwner = id("partner_id", ObjectKind::AnyPartner);
constexpr OperandSpec kName = text("service_type_name", kNameMax, Overflow::Fault);
constexpr OperandSpec kFullName = text("service_type_full_name", kFullNameMax, Overflow::Fault);
constexpr std::string_view kNoName = "Не указано наименование вида сервиса";
constexpr OperandSpec kVendorLine = id("service_id", ObjectKind::ServiceType);

constexpr Refusal kNotFranchisee{&code::kAccessDenied, "the current partner is not a franchisee",
                                  Ground::Specification, "«Добавлять могут только франчайзи.»"};
constexpr Refusal kNotOwnLine{&code::kAccessDenied, "the line is a common one or another partner's",
                              Ground::Specification, "«Можно изменять только свой вид сервиса.»"};
constexpr Refusal kLineInUse{
    &code::kInUse, "subscriptions in force or to come are on the line, or another partner imported it",
    Ground::Integrity, "Those subscriptions and imports would refer to a deleted line: stop them first."};

Result add(Context& ctx, const Args& a) {
  if (db::exec(ctx.db, sql::partner_is_franchisee, ctx.partner.str()).empty())
    refuse(kNotFranchisee, "Добавлять виды сервиса могут только франчайзи");
  return table_of(kLines, db::exec(ctx.db, sql::service_type_insert, ctx.partner.str(), Uid::random().str(), a.param(kName),
                                   a.param(kFullName)));
}

// The partner's own line; another owner's line it sees is ACCESS_DENIED (one
// it does not see was NOT_FOUND already, from the Resolver).
Uid own_line(Context& ctx, const Args& a) {
  const Uid line = a.required_id(kLineId);
  if (db::exec(ctx.db, sql::service_type_owner, line.str()).text(0, 0) != ctx.partner.str())
    refuse(kNotOwnLine, "Вид сервиса «" + line.str() + "» не принадлежит текущему партнеру: "
                                                       "изменять и удалять можно только свои");
  return line;
}

Result edit(Context& ctx, const Args& a) {
  const Uid line = own_line(ctx, a);
  return table_of(kLines,
                  db::exec(ctx.db, sql::service_type_update, ctx.partner.str(), line.str(), a.param(kName), a.param(kFullName)));
}

// A line still sold, or imported by another partner, stays: deleting it would
// end other people's support without their word.
Result delete_line(Context& ctx, const Args& a) {
  const Uid line = own_line(ctx, a);
  const auto use = db::exec(ctx.db, sql::service_type_use, line.str());
  const std::string services(use.text(0, 0)), imports(use.text(0, 1));
  if (services != "0" || imports != "0")
    refuse(kLineInUse, "Вид сервиса «" + line.str() + "» используется: действующих абонементов " + services +
                           ", импортировавших его партнеров " + imports + ". Сначала отмените абонементы (service_stop)");
  return table_of(kLines, db::exec(ctx.db, sql::service_type_delete, ctx.partner.str(), line.str()));
}

Result vendor_partners(Context& ctx, const Args& a) {
  const auto line = a.id(kVendorLine);
  if (line) require_own_exported_line(ctx, *line);
  return answer_rows(ctx, kVendorPartners, sql::vendor_partners, ctx.partner.str(), a.param(kVendorLine));
}

}  // namespace

std::vector<OperationSpec> service_type_operations() {
  const Access R = Access::Read, W = Access::Write;
  return {
      read("service_type_read", {kLineId, kOwner, boolean("include_deleted")}, kLines, sql::service_types),
      refusing(table_operation("service_type_add", W, {required(nonblank(kName, kNoName)), kFullName}, kLines, add,
                               {&sql::service_type_insert}),
               {&kNotFranchisee}),
      refusing(table_operation("service_type_edit", W,
                               {required(kLineId), required(nonblank(kName, kNoName)), kFullName}, kLines, edit,
                               {&sql::service_type_update}),
               {&kNotOwnLine}),
      refusing(table_operation("service_type_delete", W, {required(kLineId)}, kLines, delete_line, {&sql::service_type_delete}),
               {&kNotOwnLine, &kLineInUse}),
      refusing(table_operation("partner_vendor_read", R, {kVendorLine}, kVendorPartners, vendor_partners,
                               {&sql::vendor_partners}),
               {&kNotOwnExportedLine}),
  };
}

}  // namespace partnerapi::ops
