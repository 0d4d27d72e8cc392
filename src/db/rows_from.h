#pragma once
// Rows made from a libpqxx or a libpq result: for the sessions only.
#include <pqxx/pqxx>

#include "partnerapi/db/pg_result.h"
#include "partnerapi/db/rows.h"

namespace partnerapi::db {

Rows rows_of(pqxx::result r);
Rows rows_of(PgResult r);

}  // namespace partnerapi::db
