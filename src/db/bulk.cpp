#include "bulk.h"

#include <libpq-fe.h>

#include <stdexcept>

#include "rows_from.h"

namespace partnerapi::db {
namespace {

// libpq's message without its trailing newline.
std::runtime_error failure(const char* message) {
  std::string msg = message ? message : "";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return std::runtime_error(msg);
}

PgResult checked(PGresult* result, ExecStatusType expected) {
  PgResult r(result);
  if (PQresultStatus(r.get()) != expected) throw failure(PQresultErrorMessage(r.get()));
  return r;
}

// Whatever results are left of a statement: read, so the connection can go on.
void drain(PGconn* conn) {
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
}

}  // namespace

BulkConnection::BulkConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const auto e = failure(PQerrorMessage(conn_));
    PQfinish(conn_);
    throw e;
  }
}

BulkConnection::~BulkConnection() { PQfinish(conn_); }

Rows BulkConnection::run(const std::string& sql) {
  PgResult r(PQexec(conn_, sql.c_str()));
  const ExecStatusType status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw failure(PQresultErrorMessage(r.get()));
  return rows_of(std::move(r));
}

void BulkConnection::copy_in(const std::string& copy_sql, const std::function<void(const Send&)>& produce) {
  checked(PQexec(conn_, copy_sql.c_str()), PGRES_COPY_IN);
  try {
    produce([this](std::string_view piece) {
      if (PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) != 1) throw failure(PQerrorMessage(conn_));
    });
  } catch (...) {
    PQputCopyEnd(conn_, "the import stopped");
    drain(conn_);
    throw;
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) throw failure(PQerrorMessage(conn_));
  checked(PQgetResult(conn_), PGRES_COMMAND_OK);
  drain(conn_);
}

}  // namespace partnerapi::db
