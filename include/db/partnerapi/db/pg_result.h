#pragma once
// A result from libpq itself (SharedReads), freed with it. For the database
// layer's own files: what the operations see of a result is Rows (rows.h).
#include <libpq-fe.h>

#include <memory>

namespace partnerapi::db {

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

}  // namespace partnerapi::db
