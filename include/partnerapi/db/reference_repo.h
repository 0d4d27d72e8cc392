#pragma once
// Dictionaries: the fixed lists of the specification, roles, contact types,
// regions.
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "partnerapi/table.h"

namespace partnerapi::db {

void read_contact_types(pqxx::transaction_base& tx, Table& out);
void read_roles(pqxx::transaction_base& tx, Table& out);
void read_call_status_types(pqxx::transaction_base& tx, Table& out);
void read_remote_status_types(pqxx::transaction_base& tx, Table& out);
void read_remote_access_types(pqxx::transaction_base& tx, Table& out);
void read_pay_method_types(pqxx::transaction_base& tx, Table& out);
// The regions the partner works in, or the one region given.
void read_regions(pqxx::transaction_base& tx, const std::string& partner, const std::optional<std::string>& region,
                  Table& out);
// The contact type's code (1 clients, 2 partners, 3 users); the type exists.
int contact_type_code(pqxx::transaction_base& tx, const std::string& contact_type);

}  // namespace partnerapi::db
