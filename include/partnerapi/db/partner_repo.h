#pragma once
// The partner's own records: itself, its roles, regions and contacts.
#include <optional>
#include <string>

#include "partnerapi/db/session.h"

#include "partnerapi/table.h"

namespace partnerapi::db {

void read_partner(Session& db, const std::string& partner, Table& out);
void read_partner_roles(Session& db, const std::string& partner, Table& out);
void read_partner_regions(Session& db, const std::string& partner, Table& out);

struct PartnerContactFilter {
  std::string partner;
  std::optional<std::string> region;
  std::optional<std::string> contact_type;
};
void read_partner_contacts(Session& db, const PartnerContactFilter& f, Table& out);
// Creates or overwrites one contact and appends the stored row to `out`.
void write_partner_contact(Session& db, const std::string& partner, const std::string& region,
                           const std::string& contact_type, const std::string& view, Table& out);

}  // namespace partnerapi::db
