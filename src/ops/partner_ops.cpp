// The current partner: itself, its roles, regions and contact information.
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

// A given partner_id can only be the current partner's own (ObjectKind::Partner).
constexpr db::Query kPartnerById{"partner_by_id",
                                 "SELECT id::text AS partner_id, name AS partner_name FROM partner "
                                 "WHERE id = COALESCE($2::uuid, $1::uuid)"};
constexpr db::Query kPartnerRoleList{"partner_roles",
                                     "SELECT partner_id::text AS partner_id, role_id::text AS role_id "
                                     "FROM partner_role WHERE partner_id = $1::uuid ORDER BY role_id"};
constexpr db::Query kPartnerRegionList{
    "partner_regions",
    "SELECT p.partner_id::text AS partner_id, p.region_id::text AS region_id FROM partner_region p "
    "JOIN region r ON r.id = p.region_id WHERE p.partner_id = $1::uuid ORDER BY r.name"};
#define PARTNER_CONTACT_COLUMNS(c)                                                                         \
  c "partner_id::text AS partner_id, " c "region_id::text AS region_id, " c                              \
    "contact_type_id::text AS contact_type_id, " c "view AS contact_view"
constexpr db::Query kPartnerContactList{
    "partner_contacts",
    "SELECT " PARTNER_CONTACT_COLUMNS("c.") " FROM partner_contact c "
    "JOIN region r ON r.id = c.region_id JOIN contact_type t ON t.id = c.contact_type_id "
    "WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR c.region_id = $2::uuid) "
    "AND ($3::uuid IS NULL OR c.contact_type_id = $3::uuid) ORDER BY r.name, t.name"};
constexpr db::Query kPartnerContactUpsert{
    "partner_contact_upsert",
    "INSERT INTO partner_contact (partner_id, region_id, contact_type_id, view) "
    "VALUES ($1::uuid, $2::uuid, $3::uuid, $4) "
    "ON CONFLICT (partner_id, region_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view "
    "RETURNING " PARTNER_CONTACT_COLUMNS("")};
#undef PARTNER_CONTACT_COLUMNS

constexpr OperandSpec kPartnerId = id("partner_id", ObjectKind::Partner);
constexpr OperandSpec kRegionId = id("region_id", ObjectKind::Region);

Result partner_contact_read(Context& ctx, const Args& a) {
  const auto type = a.id(kContactTypeId);
  require_contact_type(ctx, type, ContactOwner::Partner);
  const Uid partner = a.id(kPartnerId).value_or(ctx.partner);
  return answer_rows(ctx, kPartnerContacts, kPartnerContactList, partner.str(), a.param(kRegionId),
                     a.param(kContactTypeId));
}

// Only the current partner's own contacts: the signature names no partner.
Result partner_contact_edit(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::Partner);
  return table_of(kPartnerContacts, db::exec(ctx.db, kPartnerContactUpsert, ctx.partner.str(), a.param(kRegionId),
                                             a.param(kContactTypeId), a.param(kContactView)));
}

}  // namespace

std::vector<OperationSpec> partner_operations() {
  return {
      few_rows(read("partner_read", {kPartnerId}, kPartner, kPartnerById)),
      few_rows(read("partner_role_read", {}, kPartnerRoles, kPartnerRoleList)),
      few_rows(read("partner_region_read", {}, kPartnerRegions, kPartnerRegionList)),
      refusing(table_operation("partner_contact_read", Access::Read, {kPartnerId, kRegionId, kContactTypeId},
                               kPartnerContacts, partner_contact_read, {&kPartnerContactList}),
               {&kContactTypeOfOthers}),
      refusing(table_operation("partner_contact_edit", Access::Write,
                               {required(kRegionId), required(kContactTypeId), kContactView}, kPartnerContacts,
                               partner_contact_edit, {&kPartnerContactUpsert}),
               {&kContactTypeOfOthers}),
  };
}

}  // namespace partnerapi::ops
