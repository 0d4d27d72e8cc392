#include "partnerapi/db/onboarding.h"

#include <stdexcept>

namespace partnerapi::db {
namespace {

constexpr Query kPartnerExists{"onboard_partner_exists", "SELECT name FROM partner WHERE id = $1::uuid"};
constexpr Query kLine{"onboard_line", "SELECT partner_id IS NOT NULL, exported, deleted FROM service_type "
                                      "WHERE id = $1::uuid"};
constexpr Query kLineImports{"onboard_line_imports",
                             "SELECT count(*) FROM service_type_import WHERE service_type_id = $1::uuid"};
constexpr Query kLineExport{"onboard_line_export", "UPDATE service_type SET exported = $2 WHERE id = $1::uuid"};
constexpr Query kImportAdd{"onboard_import_add", "INSERT INTO service_type_import (service_type_id, partner_id) "
                                                 "VALUES ($1::uuid, $2::uuid) ON CONFLICT DO NOTHING"};
constexpr Query kImportRemove{"onboard_import_remove",
                              "DELETE FROM service_type_import WHERE service_type_id = $1::uuid AND partner_id = $2::uuid"};
constexpr Query kRoleByCode{"onboard_role", "SELECT id::text FROM role WHERE code = $1"};
constexpr Query kContractInsert{"onboard_contract_insert",
                                "INSERT INTO contract (id, partner_id, role_id, number, start_date, end_date) "
                                "VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::date, $6::date)"};
constexpr Query kRolesClear{"onboard_roles_clear", "DELETE FROM partner_role WHERE partner_id = $1::uuid"};
constexpr Query kRoleAdd{"onboard_role_add", "INSERT INTO partner_role (partner_id, role_id) VALUES ($1::uuid, $2::uuid) "
                                             "ON CONFLICT DO NOTHING"};
constexpr Query kRegionFind{"onboard_region",
                            "SELECT id::text FROM region WHERE id::text = $1 OR name = $1 ORDER BY name LIMIT 2"};
constexpr Query kRegionsClear{"onboard_regions_clear", "DELETE FROM partner_region WHERE partner_id = $1::uuid"};
constexpr Query kRegionAdd{"onboard_region_add", "INSERT INTO partner_region (partner_id, region_id) "
                                                 "VALUES ($1::uuid, $2::uuid) ON CONFLICT DO NOTHING"};

void require_partner(Session& db, const Uid& partner) {
  if (exec(db, kPartnerExists, partner.str()).empty()) throw std::runtime_error("no partner " + partner.str());
}

Rows line_of(Session& db, const Uid& line) {
  auto rows = exec(db, kLine, line.str());
  if (rows.empty()) throw std::runtime_error("no support line " + line.str());
  return rows;
}

}  // namespace

void export_line(Session& db, const Uid& line, bool exported) {
  const auto l = line_of(db, line);
  if (l.text(0, 0) != "t") throw std::runtime_error("line " + line.str() + " is a common line: it has no vendor");
  if (l.text(0, 2) == "t") throw std::runtime_error("line " + line.str() + " is deleted");
  if (!exported && exec(db, kLineImports, line.str()).text(0, 0) != "0")
    throw std::runtime_error("line " + line.str() + " is imported by partners: remove their imports first");
  exec(db, kLineExport, line.str(), exported);
}

void import_line(Session& db, const Uid& line, const Uid& partner, bool imported) {
  require_partner(db, partner);
  const auto l = line_of(db, line);
  if (!imported) {
    exec(db, kImportRemove, line.str(), partner.str());
    return;
  }
  if (l.text(0, 1) != "t") throw std::runtime_error("line " + line.str() + " is not exported by its vendor");
  if (l.text(0, 2) == "t") throw std::runtime_error("line " + line.str() + " is deleted");
  exec(db, kImportAdd, line.str(), partner.str());
}

Uid add_contract(Session& db, const Uid& partner, const std::string& role, const std::string& start,
                 const std::optional<std::string>& end, const std::string& number) {
  require_partner(db, partner);
  const auto r = exec(db, kRoleByCode, role);
  if (r.empty()) throw std::runtime_error("no role " + role + " (franchisee, vendor, service, sale)");
  Uid id = Uid::random();
  exec(db, kContractInsert, id.str(), partner.str(), std::string(r.text(0, 0)), number, start,
       end ? end->c_str() : nullptr);
  return id;
}

void set_roles(Session& db, const Uid& partner, const std::vector<std::string>& roles) {
  require_partner(db, partner);
  exec(db, kRolesClear, partner.str());
  for (const auto& code : roles) {
    const auto r = exec(db, kRoleByCode, code);
    if (r.empty()) throw std::runtime_error("no role " + code + " (franchisee, vendor, service, sale)");
    exec(db, kRoleAdd, partner.str(), std::string(r.text(0, 0)));
  }
}

void set_regions(Session& db, const Uid& partner, const std::vector<std::string>& regions) {
  require_partner(db, partner);
  exec(db, kRegionsClear, partner.str());
  for (const auto& region : regions) {
    const auto r = exec(db, kRegionFind, region);
    if (r.size() != 1) throw std::runtime_error("no single region " + region + " (a UID or an exact name)");
    exec(db, kRegionAdd, partner.str(), std::string(r.text(0, 0)));
  }
}

}  // namespace partnerapi::db
