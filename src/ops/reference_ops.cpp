// Dictionaries: the fixed lists of section 4, roles, contact types, regions.
#include "handlers.h"
#include "shapes.h"
#include "partnerapi/db/reference_repo.h"
#include "partnerapi/ops/resolver.h"

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

// A dictionary read: no operands, one repository call.
template <void (*Read)(db::Session&, Table&)>
Result list(Context& ctx, const TableShape& shape) {
  Table t(shape);
  Read(ctx.db, t);
  return t;
}

}  // namespace

Result contact_type_read(Context& ctx, const Request&) { return list<db::read_contact_types>(ctx, kContactTypes); }
Result role_read(Context& ctx, const Request&) { return list<db::read_roles>(ctx, kRoles); }
Result call_status_type_read(Context& ctx, const Request&) {
  return list<db::read_call_status_types>(ctx, kCallStatusTypes);
}
Result remote_status_type_read(Context& ctx, const Request&) {
  return list<db::read_remote_status_types>(ctx, kRemoteStatusTypes);
}
Result remote_access_type_read(Context& ctx, const Request&) {
  return list<db::read_remote_access_types>(ctx, kRemoteAccessTypes);
}
Result pay_method_type_read(Context& ctx, const Request&) {
  return list<db::read_pay_method_types>(ctx, kPayMethodTypes);
}

Result region_read(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const auto region = resolve.optional(req, "region_id");
  Table t(kRegions);
  db::read_regions(ctx.db, ctx.partner.str(), str(region), t);
  return t;
}

}  // namespace partnerapi::ops
