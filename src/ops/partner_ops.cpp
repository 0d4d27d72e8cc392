// The current partner: itself, its roles, regions and contact information.
#include "contact_types.h"
#include "handlers.h"
#include "shapes.h"
#include "partnerapi/db/partner_repo.h"
#include "partnerapi/ops/resolver.h"

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

}  // namespace

Result partner_read(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const Uid partner = resolve.optional(req, "partner_id").value_or(ctx.partner);
  Table t(kPartner);
  db::read_partner(ctx.db, partner.str(), t);
  return t;
}

Result partner_role_read(Context& ctx, const Request&) {
  Table t(kPartnerRoles);
  db::read_partner_roles(ctx.db, ctx.partner.str(), t);
  return t;
}

Result partner_region_read(Context& ctx, const Request&) {
  Table t(kPartnerRegions);
  db::read_partner_regions(ctx.db, ctx.partner.str(), t);
  return t;
}

Result partner_contact_read(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  const Uid partner = resolve.optional(req, "partner_id").value_or(ctx.partner);
  const auto region = resolve.optional(req, "region_id");
  const auto type = resolve.optional(req, "contact_type_id");
  require_contact_type(ctx, type, ContactOwner::Partner);
  Table t(kPartnerContacts);
  db::read_partner_contacts(ctx.db, {partner.str(), str(region), str(type)}, t);
  return t;
}

Result partner_contact_edit(Context& ctx, const Request& req) {
  Resolver resolve(ctx);
  resolve.optional(req, "partner_id");  // only the current partner's own contacts can be edited
  const Uid region = resolve.required(req, "region_id");
  const Uid type = resolve.required(req, "contact_type_id");
  require_contact_type(ctx, type, ContactOwner::Partner);
  Table t(kPartnerContacts);
  db::write_partner_contact(ctx.db, ctx.partner.str(), region.str(), type.str(), contact_view(req), t);
  return t;
}

}  // namespace partnerapi::ops
