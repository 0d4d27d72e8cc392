#pragma once
// A plain libpq connection for bulk work (COPY FROM STDIN, the imports), its
// failures thrown as std::runtime_error with the server's message.
#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "partnerapi/db/pg_result.h"

namespace partnerapi::db::bulk {

using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

Conn connect(const std::string& conninfo);
// libpq's message without its trailing newline.
std::runtime_error failure(const char* message);
// The result, or a throw with the server's message.
PgResult checked(PGresult* result, ExecStatusType expected);
PgResult run(PGconn* conn, const std::string& sql, ExecStatusType expected = PGRES_COMMAND_OK);
std::uint64_t affected(const PgResult& r);

// Runs `copy_sql` (a COPY ... FROM STDIN) and sends what `produce` gives to
// its `send`, piece by piece; a throw from `produce` ends the COPY with an
// error and is rethrown (nothing is stored).
using Send = std::function<void(std::string_view)>;
void copy_in(PGconn* conn, const std::string& copy_sql, const std::function<void(const Send&)>& produce);

}  // namespace partnerapi::db::bulk
