// Dictionaries: the fixed lists of section 4, roles, contact types, regions.
// Each is a plain read: a declaration and its query.
#include "partnerapi/db/queries.h"
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


constexpr OperandSpec kRegionId = id("region_id", ObjectKind::Region);

}  // namespace

std::vector<OperationSpec> reference_operations() {
  return {
      few_rows(read("region_read", {kRegionId}, kRegions, sql::regions_of_partner)),
      few_rows(read("contact_type_read", {}, kContactTypes, sql::contact_types)),
      few_rows(read("role_read", {}, kRoles, sql::roles)),
      few_rows(read("call_status_type_read", {}, kCallStatusTypes, sql::call_status_types)),
      few_rows(read("remote_status_type_read", {}, kRemoteStatusTypes, sql::remote_status_types)),
      few_rows(read("remote_access_type_read", {}, kRemoteAccessTypes, sql::remote_access_types)),
      few_rows(read("pay_method_type_read", {}, kPayMethodTypes, sql::pay_method_types)),
  };
}

}  // namespace partnerapi::ops
