#pragma once
// Maps SQL result rows into a Table: the query selects the shape's columns in
// order, already in wire text (uuid::text, wire_date(), wire_datetime());
// booleans come as t/f and are written true/false; NULL is nil.
#include <pqxx/pqxx>

#include "partnerapi/table.h"

namespace partnerapi::db {

void append_rows(Table& table, const pqxx::result& result);

}  // namespace partnerapi::db
