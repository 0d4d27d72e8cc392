// The current partner: itself, its roles, regions and contact information.
#include "partnerapi/db/queries.h"
#include "contact_types.h"
#include "families.h"

namespace partnerapi::ops {
namespace {

const TableShape kPartner({{"partner_id", ColumnType::String, kUid}, {"partner_name", ColumnType::String, 150}},
                          {"partner_id"});
const TableShape kPartnerRoles({{"partner_id", ColumnType::String, kUid}, {"role_id", ColumnType::String, kUid}},
                               {"partner_id", "role_id"});
const TableShape kPartnerRegions({{"partner_id", ColumnType::String, kUid}, {"region_id", ColumnType::String, kUid}},
                                 {"partner_id", "region_id"});
const TableShape kPartnerContacts({{"partner_id", ColumnType::String, kUid},
                                   {"region_id", ColumnType::String, kUid},
                                   {"contact_type_id", ColumnType::String, kUid},
                                   {"contact_view", ColumnType::String, kContactViewMax}},
                                  {"partner_id", "region_id", "contact_type_id"});

constexpr OperandSpec kPartnerId = id("partner_id", ObjectKind::Partner);
constexpr OperandSpec kRegionId = id("region_id", ObjectKind::Region);

Result partner_contact_read(Context& ctx, const Args& a) {
  const auto type = a.id(kContactTypeId);
  require_contact_type(ctx, type, ContactOwner::Partner);
  const Uid partner = a.id(kPartnerId).value_or(ctx.partner);
  return answer_rows(ctx, kPartnerContacts, sql::partner_contacts, partner.str(), a.param(kRegionId),
                     a.param(kContactTypeId));
}

// Only the current partner's own contacts: the signature names no partner.
Result partner_contact_edit(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::Partner);
  return table_of(kPartnerContacts, db::exec(ctx.db, sql::partner_contact_upsert, ctx.partner.str(), a.param(kRegionId),
                                             a.param(kContactTypeId), a.param(kContactView)));
}

}  // namespace

std::vector<OperationSpec> partner_operations() {
  return {
      few_rows(read("partner_read", {kPartnerId}, kPartner, sql::partner_by_id)),
      few_rows(read("partner_role_read", {}, kPartnerRoles, sql::partner_roles)),
      few_rows(read("partner_region_read", {}, kPartnerRegions, sql::partner_regions)),
      refusing(table_operation("partner_contact_read", Access::Read, {kPartnerId, kRegionId, kContactTypeId},
                               kPartnerContacts, partner_contact_read, {&sql::partner_contacts}),
               {&kContactTypeOfOthers}),
      refusing(table_operation("partner_contact_edit", Access::Write,
                               {required(kRegionId), required(kContactTypeId), kContactView}, kPartnerContacts,
                               partner_contact_edit, {&sql::partner_contact_upsert}),
               {&kContactTypeOfOthers}),
  };
}

}  // namespace partnerapi::ops
