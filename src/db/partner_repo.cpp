#include "partnerapi/db/partner_repo.h"

#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {

constexpr Query kPartner{"partner_by_id", "SELECT id::text, name FROM partner WHERE id = $1::uuid"};
constexpr Query kPartnerRoles{"partner_roles",
                              "SELECT partner_id::text, role_id::text FROM partner_role "
                              "WHERE partner_id = $1::uuid ORDER BY role_id"};
constexpr Query kPartnerRegions{"partner_regions",
                                "SELECT p.partner_id::text, p.region_id::text FROM partner_region p "
                                "JOIN region r ON r.id = p.region_id WHERE p.partner_id = $1::uuid ORDER BY r.name"};
constexpr Query kPartnerContacts{
    "partner_contacts",
    "SELECT c.partner_id::text, c.region_id::text, c.contact_type_id::text, c.view FROM partner_contact c "
    "JOIN region r ON r.id = c.region_id JOIN contact_type t ON t.id = c.contact_type_id "
    "WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR c.region_id = $2::uuid) "
    "AND ($3::uuid IS NULL OR c.contact_type_id = $3::uuid) ORDER BY r.name, t.name"};
constexpr Query kPartnerContactUpsert{
    "partner_contact_upsert",
    "INSERT INTO partner_contact (partner_id, region_id, contact_type_id, view) "
    "VALUES ($1::uuid, $2::uuid, $3::uuid, $4) "
    "ON CONFLICT (partner_id, region_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view "
    "RETURNING partner_id::text, region_id::text, contact_type_id::text, view"};

}  // namespace

void read_partner(Session& db, const std::string& partner, Table& out) {
  append_rows(out, exec(db, kPartner, partner));
}

void read_partner_roles(Session& db, const std::string& partner, Table& out) {
  append_rows(out, exec(db, kPartnerRoles, partner));
}

void read_partner_regions(Session& db, const std::string& partner, Table& out) {
  append_rows(out, exec(db, kPartnerRegions, partner));
}

void read_partner_contacts(Session& db, const PartnerContactFilter& f, Table& out) {
  append_rows(out, exec(db, kPartnerContacts, f.partner, nullable(f.region), nullable(f.contact_type)));
}

void write_partner_contact(Session& db, const std::string& partner, const std::string& region,
                           const std::string& contact_type, const std::string& view, Table& out) {
  append_rows(out, exec(db, kPartnerContactUpsert, partner, region, contact_type, view));
}

}  // namespace partnerapi::db
