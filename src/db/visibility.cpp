#include "partnerapi/db/visibility.h"

#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {

// $1 the object's UID, $2 the current partner's. Each answers one row or none.
constexpr Query kQueries[] = {
    {"visible_partner", "SELECT 1 FROM partner WHERE id = $1::uuid AND id = $2::uuid"},
    {"visible_any_partner", "SELECT 1 FROM partner WHERE id = $1::uuid AND $2::uuid IS NOT NULL"},
    {"visible_region", "SELECT 1 FROM partner_region WHERE region_id = $1::uuid AND partner_id = $2::uuid"},
    {"visible_contact_type", "SELECT 1 FROM contact_type WHERE id = $1::uuid AND $2::uuid IS NOT NULL"},
    {"visible_role", "SELECT 1 FROM role WHERE id = $1::uuid AND $2::uuid IS NOT NULL"},
    {"visible_client", "SELECT 1 FROM client WHERE id = $1::uuid AND partner_id = $2::uuid"},
    {"visible_client_user",
     "SELECT 1 FROM client_user u JOIN client c ON c.id = u.client_id WHERE u.id = $1::uuid AND c.partner_id = $2::uuid"},
    {"visible_partner_user", "SELECT 1 FROM partner_user WHERE id = $1::uuid AND partner_id = $2::uuid"},
    {"visible_agent",
     "SELECT 1 FROM agent a LEFT JOIN client c ON c.id = a.client_id WHERE a.id = $1::uuid "
     "AND (a.partner_id = $2::uuid OR c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s "
     "WHERE s.agent_id = a.id AND (s.sale_partner_id = $2::uuid OR s.service_partner_id = $2::uuid)))"},
    {"visible_partner_agent", "SELECT 1 FROM agent WHERE id = $1::uuid AND agent_type = 1 AND partner_id = $2::uuid"},
    {"visible_user_agent",
     "SELECT 1 FROM agent a JOIN client c ON c.id = a.client_id "
     "WHERE a.id = $1::uuid AND a.agent_type = 2 AND c.partner_id = $2::uuid"},
    {"visible_service_type",
     "SELECT 1 FROM service_type t WHERE t.id = $1::uuid AND (t.partner_id IS NULL OR t.partner_id = $2::uuid "
     "OR EXISTS (SELECT 1 FROM service_type_import i WHERE i.service_type_id = t.id AND i.partner_id = $2::uuid))"},
    {"visible_service",
     "SELECT 1 FROM service WHERE id = $1::uuid AND (sale_partner_id = $2::uuid OR service_partner_id = $2::uuid)"},
    {"visible_contract", "SELECT 1 FROM contract WHERE id = $1::uuid AND partner_id = $2::uuid"},
    {"visible_competence",
     "SELECT 1 FROM competence k JOIN agent a ON a.id = k.agent_id WHERE k.id = $1::uuid AND a.partner_id = $2::uuid"},
    {"visible_serviced_client",
     "SELECT 1 FROM client c WHERE c.id = $1::uuid AND (c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s "
     "WHERE s.client_id = c.id AND (s.sale_partner_id = $2::uuid OR s.service_partner_id = $2::uuid)))"},
    {"visible_serviced_agent",
     "SELECT 1 FROM agent a JOIN client c ON c.id = a.client_id WHERE a.id = $1::uuid AND a.agent_type = 2 "
     "AND (c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s "
     "WHERE s.agent_id = a.id AND (s.sale_partner_id = $2::uuid OR s.service_partner_id = $2::uuid)))"},
    {"visible_serviced_client_user",
     "SELECT 1 FROM client_user u JOIN client c ON c.id = u.client_id WHERE u.id = $1::uuid "
     "AND (c.partner_id = $2::uuid OR EXISTS (SELECT 1 FROM service s "
     "WHERE s.client_id = c.id AND (s.sale_partner_id = $2::uuid OR s.service_partner_id = $2::uuid)))"},
    {"visible_pay_method_type", "SELECT 1 FROM pay_method_type WHERE id = $1::integer AND $2::uuid IS NOT NULL"},
};

static_assert(sizeof kQueries / sizeof kQueries[0] == kObjectKindCount, "one query per kind, in the order of ObjectKind");

}  // namespace

bool visible(Session& db, ObjectKind kind, const std::string& id, const std::string& partner) {
  return !exec(db, kQueries[static_cast<int>(kind)], id, partner).empty();
}

}  // namespace partnerapi::db
