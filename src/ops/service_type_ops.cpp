// Support lines (section 4): the service types a partner may use (the
// platform's common lines, its own, and vendors' lines it imported), adding
// (franchisees only), editing and deleting its own; and the partners that
// imported its exported lines (partner_vendor_read).
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

#define LINE_COLUMNS                                                                                    \
  "t.id::text AS service_type_id, t.name AS service_type_name, t.full_name AS service_type_full_name, " \
  "t.partner_id::text AS partner_id"

// $1 the partner; $2 the line, $3 its owner, $4 include_deleted.
constexpr db::Query kLineList{
    "service_types",
    "SELECT " LINE_COLUMNS " FROM service_type t WHERE (t.partner_id IS NULL OR t.partner_id = $1::uuid "
    "OR EXISTS (SELECT 1 FROM service_type_import i WHERE i.service_type_id = t.id AND i.partner_id = $1::uuid)) "
    "AND ($2::uuid IS NULL OR t.id = $2::uuid) AND ($3::uuid IS NULL OR t.partner_id = $3::uuid) "
    "AND (COALESCE($4::boolean, false) OR NOT t.deleted) ORDER BY t.name, t.id"};
constexpr db::Query kIsFranchisee{"partner_is_franchisee",
                                  "SELECT 1 FROM partner_role pr JOIN role r ON r.id = pr.role_id "
                                  "WHERE pr.partner_id = $1::uuid AND r.code = 'franchisee'"};
constexpr db::Query kLineInsert{"service_type_insert",
                                "INSERT INTO service_type AS t (id, partner_id, name, full_name) "
                                "VALUES ($2::uuid, $1::uuid, $3, COALESCE($4, '')) RETURNING " LINE_COLUMNS};
constexpr db::Query kLineOwner{"service_type_owner",
                               "SELECT COALESCE(partner_id::text, '') FROM service_type WHERE id = $1::uuid"};
constexpr db::Query kLineUpdate{"service_type_update",
                                "UPDATE service_type t SET name = $3, full_name = COALESCE($4, t.full_name) "
                                "WHERE t.id = $2::uuid AND t.partner_id = $1::uuid RETURNING " LINE_COLUMNS};
// What still uses a line: subscriptions in force or to come, and partners that imported it.
constexpr db::Query kLineUse{
    "service_type_use",
    "SELECT (SELECT count(*) FROM service s WHERE s.service_type_id = $1::uuid AND " PARTNERAPI_SERVICE_ACTIVE("s.") "), "
    "(SELECT count(*) FROM service_type_import i WHERE i.service_type_id = $1::uuid)"};
// Deleting a line ends its permissions and its agents' competences with it.
constexpr db::Query kLineDelete{
    "service_type_delete",
    "WITH t AS (UPDATE service_type t SET deleted = true WHERE t.id = $2::uuid AND t.partner_id = $1::uuid "
    "RETURNING t.*), "
    "p AS (DELETE FROM contract_service WHERE service_type_id IN (SELECT id FROM t)), "
    "k AS (UPDATE competence SET stopped = true WHERE service_type_id IN (SELECT id FROM t) AND NOT stopped) "
    "SELECT " LINE_COLUMNS " FROM t"};
// $1 the partner, $2 one of its exported lines (NULL: all of them).
constexpr db::Query kVendorPartnerList{
    "vendor_partners",
    "SELECT DISTINCT p.id::text AS partner_id, p.name AS partner_name FROM service_type_import i "
    "JOIN service_type t ON t.id = i.service_type_id JOIN partner p ON p.id = i.partner_id "
    "WHERE t.partner_id = $1::uuid AND t.exported AND ($2::uuid IS NULL OR t.id = $2::uuid) "
    "ORDER BY partner_name, partner_id"};

#undef LINE_COLUMNS

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
  if (db::exec(ctx.db, kIsFranchisee, ctx.partner.str()).empty())
    refuse(kNotFranchisee, "Добавлять виды сервиса могут только франчайзи");
  return table_of(kLines, db::exec(ctx.db, kLineInsert, ctx.partner.str(), Uid::random().str(), a.param(kName),
                                   a.param(kFullName)));
}

// The partner's own line; another owner's line it sees is ACCESS_DENIED (one
// it does not see was NOT_FOUND already, from the Resolver).
Uid own_line(Context& ctx, const Args& a) {
  const Uid line = a.required_id(kLineId);
  if (db::exec(ctx.db, kLineOwner, line.str()).text(0, 0) != ctx.partner.str())
    refuse(kNotOwnLine, "Вид сервиса «" + line.str() + "» не принадлежит текущему партнеру: "
                                                       "изменять и удалять можно только свои");
  return line;
}

Result edit(Context& ctx, const Args& a) {
  const Uid line = own_line(ctx, a);
  return table_of(kLines,
                  db::exec(ctx.db, kLineUpdate, ctx.partner.str(), line.str(), a.param(kName), a.param(kFullName)));
}

// A line still sold, or imported by another partner, stays: deleting it would
// end other people's support without their word.
Result delete_line(Context& ctx, const Args& a) {
  const Uid line = own_line(ctx, a);
  const auto use = db::exec(ctx.db, kLineUse, line.str());
  const std::string services(use.text(0, 0)), imports(use.text(0, 1));
  if (services != "0" || imports != "0")
    refuse(kLineInUse, "Вид сервиса «" + line.str() + "» используется: действующих абонементов " + services +
                           ", импортировавших его партнеров " + imports + ". Сначала отмените абонементы (service_stop)");
  return table_of(kLines, db::exec(ctx.db, kLineDelete, ctx.partner.str(), line.str()));
}

Result vendor_partners(Context& ctx, const Args& a) {
  const auto line = a.id(kVendorLine);
  if (line) require_own_exported_line(ctx, *line);
  return answer_rows(ctx, kVendorPartners, kVendorPartnerList, ctx.partner.str(), a.param(kVendorLine));
}

}  // namespace

std::vector<OperationSpec> service_type_operations() {
  const Access R = Access::Read, W = Access::Write;
  return {
      read("service_type_read", {kLineId, kOwner, boolean("include_deleted")}, kLines, kLineList),
      refusing(table_operation("service_type_add", W, {required(nonblank(kName, kNoName)), kFullName}, kLines, add,
                               {&kLineInsert}),
               {&kNotFranchisee}),
      refusing(table_operation("service_type_edit", W,
                               {required(kLineId), required(nonblank(kName, kNoName)), kFullName}, kLines, edit,
                               {&kLineUpdate}),
               {&kNotOwnLine}),
      refusing(table_operation("service_type_delete", W, {required(kLineId)}, kLines, delete_line, {&kLineDelete}),
               {&kNotOwnLine, &kLineInUse}),
      refusing(table_operation("partner_vendor_read", R, {kVendorLine}, kVendorPartners, vendor_partners,
                               {&kVendorPartnerList}),
               {&kNotOwnExportedLine}),
  };
}

}  // namespace partnerapi::ops
