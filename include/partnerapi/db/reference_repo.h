#pragma once
// Dictionaries: the fixed lists of the specification, roles, contact types,
// regions.
#include <optional>
#include <string>

#include "partnerapi/db/session.h"

#include "partnerapi/table.h"

namespace partnerapi::db {

void read_contact_types(Session& db, Table& out);
void read_roles(Session& db, Table& out);
void read_call_status_types(Session& db, Table& out);
void read_remote_status_types(Session& db, Table& out);
void read_remote_access_types(Session& db, Table& out);
void read_pay_method_types(Session& db, Table& out);
// The regions the partner works in, or the one region given.
void read_regions(Session& db, const std::string& partner, const std::optional<std::string>& region,
                  Table& out);
// The contact type's code (1 clients, 2 partners, 3 users); the type exists.
int contact_type_code(Session& db, const std::string& contact_type);

}  // namespace partnerapi::db
