#pragma once
// The partner's own records: itself, its roles, regions and contacts.
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "partnerapi/table.h"

namespace partnerapi::db {

void read_partner(pqxx::transaction_base& tx, const std::string& partner, Table& out);
void read_partner_roles(pqxx::transaction_base& tx, const std::string& partner, Table& out);
void read_partner_regions(pqxx::transaction_base& tx, const std::string& partner, Table& out);

struct PartnerContactFilter {
  std::string partner;
  std::optional<std::string> region;
  std::optional<std::string> contact_type;
};
void read_partner_contacts(pqxx::transaction_base& tx, const PartnerContactFilter& f, Table& out);
// Creates or overwrites one contact and appends the stored row to `out`.
void write_partner_contact(pqxx::transaction_base& tx, const std::string& partner, const std::string& region,
                           const std::string& contact_type, const std::string& view, Table& out);

}  // namespace partnerapi::db
