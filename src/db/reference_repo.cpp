#include "partnerapi/db/reference_repo.h"

#include <stdexcept>

#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {

constexpr Query kContactTypes{"contact_types", "SELECT id::text, name, code FROM contact_type ORDER BY code, name"};
constexpr Query kRoles{"roles", "SELECT id::text, name FROM role ORDER BY name"};
constexpr Query kCallStatusTypes{"call_status_types", "SELECT id, name FROM call_status_type ORDER BY id"};
constexpr Query kRemoteStatusTypes{"remote_status_types", "SELECT id, name FROM remote_status_type ORDER BY id"};
constexpr Query kRemoteAccessTypes{"remote_access_types", "SELECT id, name FROM remote_access_type ORDER BY id"};
constexpr Query kPayMethodTypes{"pay_method_types", "SELECT id, name FROM pay_method_type ORDER BY id"};
constexpr Query kRegions{"regions_of_partner",
                         "SELECT r.id::text, r.name, r.time_zone FROM region r "
                         "JOIN partner_region p ON p.region_id = r.id "
                         "WHERE p.partner_id = $1::uuid AND ($2::uuid IS NULL OR r.id = $2::uuid) ORDER BY r.name"};
constexpr Query kContactTypeCode{"contact_type_code", "SELECT code FROM contact_type WHERE id = $1::uuid"};

}  // namespace

void read_contact_types(Session& db, Table& out) { append_rows(out, exec(db, kContactTypes)); }
void read_roles(Session& db, Table& out) { append_rows(out, exec(db, kRoles)); }
void read_call_status_types(Session& db, Table& out) { append_rows(out, exec(db, kCallStatusTypes)); }
void read_remote_status_types(Session& db, Table& out) {
  append_rows(out, exec(db, kRemoteStatusTypes));
}
void read_remote_access_types(Session& db, Table& out) {
  append_rows(out, exec(db, kRemoteAccessTypes));
}
void read_pay_method_types(Session& db, Table& out) { append_rows(out, exec(db, kPayMethodTypes)); }

void read_regions(Session& db, const std::string& partner, const std::optional<std::string>& region,
                  Table& out) {
  append_rows(out, exec(db, kRegions, partner, nullable(region)));
}

int contact_type_code(Session& db, const std::string& contact_type) {
  const Rows rows = exec(db, kContactTypeCode, contact_type);
  if (rows.empty()) throw std::logic_error(std::string(kContactTypeCode.name) + ": no row");
  return rows.integer(0, 0);
}

}  // namespace partnerapi::db
