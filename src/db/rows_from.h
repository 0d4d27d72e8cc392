#pragma once
// Rows made from a libpq result: for the database layer's own files.
#include "connection.h"
#include "partnerapi/db/rows.h"

namespace partnerapi::db {

Rows rows_of(PgResult r);

}  // namespace partnerapi::db
