// Dictionaries: the fixed lists of section 4, roles, contact types, regions.
// Each is a plain read: a declaration and its query.
#include "families.h"
#include "shapes.h"

namespace partnerapi::ops {
namespace {

// An integer code and its name, as every fixed list of the specification.
TableShape coded_list(const std::string& prefix) {
  return TableShape({{prefix + "_id", ColumnType::Decimal, 0, false}, {prefix + "_name", ColumnType::String, 150}},
                    {prefix + "_id"});
}

const TableShape kContactTypes({{"contact_type_id", ColumnType::String, kUid},
                                {"contact_type_name", ColumnType::String, 100},
                                {"contact_type_code", ColumnType::Decimal, 0, false}},
                               {"contact_type_id"});
const TableShape kRoles({{"role_id", ColumnType::String, kUid}, {"role_name", ColumnType::String, 100}}, {"role_id"});
const TableShape kCallStatusTypes = coded_list("call_status_type");
const TableShape kRemoteStatusTypes = coded_list("remote_status_type");
const TableShape kRemoteAccessTypes = coded_list("remote_access_type");
const TableShape kPayMethodTypes = coded_list("pay_method_type");
const TableShape kRegions({{"region_id", ColumnType::String, kUid},
                           {"region_name", ColumnType::String, 100},
                           {"region_time_zone", ColumnType::String, 64}},
                          {"region_id"});

constexpr db::Query kContactTypeList{
    "contact_types",
    "SELECT id::text AS contact_type_id, name AS contact_type_name, code AS contact_type_code "
    "FROM contact_type ORDER BY code, name"};
constexpr db::Query kRoleList{"roles", "SELECT id::text AS role_id, name AS role_name FROM role ORDER BY name"};
constexpr db::Query kCallStatusTypeList{
    "call_status_types",
    "SELECT id AS call_status_type_id, name AS call_status_type_name FROM call_status_type ORDER BY id"};
constexpr db::Query kRemoteStatusTypeList{
    "remote_status_types",
    "SELECT id AS remote_status_type_id, name AS remote_status_type_name FROM remote_status_type ORDER BY id"};
constexpr db::Query kRemoteAccessTypeList{
    "remote_access_types",
    "SELECT id AS remote_access_type_id, name AS remote_access_type_name FROM remote_access_type ORDER BY id"};
constexpr db::Query kPayMethodTypeList{
    "pay_method_types",
    "SELECT id AS pay_method_type_id, name AS pay_method_type_name FROM pay_method_type ORDER BY id"};
// The regions the current partner works in («в которых присутствует»).
constexpr db::Query kRegionList{
    "regions_of_partner",
    "SELECT r.id::text AS region_id, r.name AS region_name, r.time_zone AS region_time_zone FROM region r "
    "JOIN partner_region p ON p.region_id = r.id "
    "WHERE p.partner_id = $1::uuid AND ($2::uuid IS NULL OR r.id = $2::uuid) ORDER BY r.name"};

constexpr OperandSpec kRegionId = id("region_id", ObjectKind::Region);

}  // namespace

std::vector<OperationSpec> reference_operations() {
  return {
      few_rows(read("region_read", {kRegionId}, kRegions, kRegionList)),
      few_rows(read("contact_type_read", {}, kContactTypes, kContactTypeList)),
      few_rows(read("role_read", {}, kRoles, kRoleList)),
      few_rows(read("call_status_type_read", {}, kCallStatusTypes, kCallStatusTypeList)),
      few_rows(read("remote_status_type_read", {}, kRemoteStatusTypes, kRemoteStatusTypeList)),
      few_rows(read("remote_access_type_read", {}, kRemoteAccessTypes, kRemoteAccessTypeList)),
      few_rows(read("pay_method_type_read", {}, kPayMethodTypes, kPayMethodTypeList)),
  };
}

}  // namespace partnerapi::ops
