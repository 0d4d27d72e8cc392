#include "partnerapi/db/queries.h"
#include "partnerapi/db/onboarding.h"

#include <stdexcept>

namespace partnerapi::db {
namespace {


void require_partner(Session& db, const Uid& partner) {
  if (exec(db, sql::onboard_partner_exists, partner.str()).empty()) throw std::runtime_error("no partner " + partner.str());
}

Rows line_of(Session& db, const Uid& line) {
  auto rows = exec(db, sql::onboard_line, line.str());
  if (rows.empty()) throw std::runtime_error("no support line " + line.str());
  return rows;
}

}  // namespace

void export_line(Session& db, const Uid& line, bool exported) {
  const auto l = line_of(db, line);
  if (l.text(0, 0) != "t") throw std::runtime_error("line " + line.str() + " is a common line: it has no vendor");
  if (l.text(0, 2) == "t") throw std::runtime_error("line " + line.str() + " is deleted");
  if (!exported && exec(db, sql::onboard_line_imports, line.str()).text(0, 0) != "0")
    throw std::runtime_error("line " + line.str() + " is imported by partners: remove their imports first");
  exec(db, sql::onboard_line_export, line.str(), exported);
}

void import_line(Session& db, const Uid& line, const Uid& partner, bool imported) {
  require_partner(db, partner);
  const auto l = line_of(db, line);
  if (!imported) {
    exec(db, sql::onboard_import_remove, line.str(), partner.str());
    return;
  }
  if (l.text(0, 1) != "t") throw std::runtime_error("line " + line.str() + " is not exported by its vendor");
  if (l.text(0, 2) == "t") throw std::runtime_error("line " + line.str() + " is deleted");
  exec(db, sql::onboard_import_add, line.str(), partner.str());
}

Uid add_contract(Session& db, const Uid& partner, const std::string& role, const std::string& start,
                 const std::optional<std::string>& end, const std::string& number) {
  require_partner(db, partner);
  const auto r = exec(db, sql::onboard_role, role);
  if (r.empty()) throw std::runtime_error("no role " + role + " (franchisee, vendor, service, sale)");
  Uid id = Uid::random();
  exec(db, sql::onboard_contract_insert, id.str(), partner.str(), std::string(r.text(0, 0)), number, start,
       end ? end->c_str() : nullptr);
  return id;
}

void set_roles(Session& db, const Uid& partner, const std::vector<std::string>& roles) {
  require_partner(db, partner);
  exec(db, sql::onboard_roles_clear, partner.str());
  for (const auto& code : roles) {
    const auto r = exec(db, sql::onboard_role, code);
    if (r.empty()) throw std::runtime_error("no role " + code + " (franchisee, vendor, service, sale)");
    exec(db, sql::onboard_role_add, partner.str(), std::string(r.text(0, 0)));
  }
}

void set_regions(Session& db, const Uid& partner, const std::vector<std::string>& regions) {
  require_partner(db, partner);
  exec(db, sql::onboard_regions_clear, partner.str());
  for (const auto& region : regions) {
    const auto r = exec(db, sql::onboard_region, region);
    if (r.size() != 1) throw std::runtime_error("no single region " + region + " (a UID or an exact name)");
    exec(db, sql::onboard_region_add, partner.str(), std::string(r.text(0, 0)));
  }
}

}  // namespace partnerapi::db
