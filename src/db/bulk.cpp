#include "bulk.h"

namespace partnerapi::db::bulk {

Conn connect(const std::string& conninfo) {
  Conn conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw failure(PQerrorMessage(conn.get()));
  return conn;
}

std::runtime_error failure(const char* message) {
  std::string msg = message ? message : "";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return std::runtime_error(msg);
}

PgResult checked(PGresult* result, ExecStatusType expected) {
  PgResult r(result, &PQclear);
  if (PQresultStatus(r.get()) != expected) throw failure(PQresultErrorMessage(r.get()));
  return r;
}

PgResult run(PGconn* conn, const std::string& sql, ExecStatusType expected) {
  return checked(PQexec(conn, sql.c_str()), expected);
}

std::uint64_t affected(const PgResult& r) { return std::stoull(PQcmdTuples(r.get())); }

void copy_in(PGconn* conn, const std::string& copy_sql, const std::function<void(const Send&)>& produce) {
  run(conn, copy_sql, PGRES_COPY_IN);
  try {
    produce([conn](std::string_view piece) {
      if (PQputCopyData(conn, piece.data(), static_cast<int>(piece.size())) != 1)
        throw failure(PQerrorMessage(conn));
    });
  } catch (...) {
    PQputCopyEnd(conn, "the import stopped");
    while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
    throw;
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw failure(PQerrorMessage(conn));
  checked(PQgetResult(conn), PGRES_COMMAND_OK);
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
}

}  // namespace partnerapi::db::bulk
