#include "partnerapi/db/its_registry.h"

#include "partnerapi/db/pg_result.h"

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>

#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {

constexpr Query kContracts{
    "its_contracts",
    "SELECT inn, level, wire_date(date_from), wire_date(date_to), (date_to IS NULL OR date_to >= moscow_today()) "
    "FROM its_registry WHERE reg_num = upper(btrim($1)) ORDER BY inn, date_from DESC"};

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

// libpq's message without its trailing newline.
std::runtime_error failure(const char* message) {
  std::string msg = message ? message : "";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return std::runtime_error(msg);
}

// The result, or a throw with the server's message (which names the CSV line
// for COPY errors).
PgResult checked(PGresult* result, ExecStatusType expected) {
  PgResult r(result, &PQclear);
  if (PQresultStatus(r.get()) != expected) throw failure(PQresultErrorMessage(r.get()));
  return r;
}

PgResult run(PGconn* conn, const char* sql, ExecStatusType expected = PGRES_COMMAND_OK) {
  return checked(PQexec(conn, sql), expected);
}

std::uint64_t affected(const PgResult& r) { return std::stoull(PQcmdTuples(r.get())); }

void copy_stream(PGconn* conn, std::istream& csv, const ItsImport& options) {
  run(conn,
      "COPY its_import (reg_num, inn, level, date_from, date_to) FROM STDIN WITH (FORMAT csv, HEADER true)",
      PGRES_COPY_IN);
  std::uint64_t sent = 0;
  char buf[1 << 16];
  while (csv) {
    csv.read(buf, sizeof buf);
    const auto n = csv.gcount();
    if (n <= 0) break;
    if (PQputCopyData(conn, buf, static_cast<int>(n)) != 1) throw failure(PQerrorMessage(conn));
    sent += static_cast<std::uint64_t>(n);
    if (options.progress) options.progress(sent);
  }
  if (csv.bad()) {
    PQputCopyEnd(conn, "input could not be read");
    PgResult(PQgetResult(conn), &PQclear);
    throw std::runtime_error("the CSV input could not be read");
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw failure(PQerrorMessage(conn));
  checked(PQgetResult(conn), PGRES_COMMAND_OK);
  while (PGresult* rest = PQgetResult(conn)) PQclear(rest);
}

}  // namespace

std::vector<its::Contract> its_contracts(Session& db, const std::string& reg_num) {
  std::vector<its::Contract> out;
  const Rows rows = exec(db, kContracts, reg_num);
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.push_back({std::string(rows.text(r, 0)), rows.integer(r, 1), std::string(rows.text(r, 2)),
                   std::string(rows.text(r, 3)), rows.text(r, 4) == "t"});
  return out;
}

ItsImportResult import_its_registry(const std::string& conninfo, std::istream& csv, const ItsImport& options) {
  PgConn conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) throw failure(PQerrorMessage(conn.get()));
  run(conn.get(), "BEGIN");
  // Staged first, so the "last line wins" rule applies to the file as a whole;
  // the registry's checks are repeated here so COPY names the bad line.
  run(conn.get(),
      "CREATE TEMP TABLE its_import (line bigserial, reg_num text, inn text, "
      "level smallint CHECK (level IN (1, 2, 4)), date_from date NOT NULL, "
      "date_to date CHECK (date_to >= date_from)) ON COMMIT DROP");
  copy_stream(conn.get(), csv, options);
  auto blank = run(conn.get(), "SELECT line FROM its_import WHERE btrim(COALESCE(reg_num, '')) = '' LIMIT 1",
                   PGRES_TUPLES_OK);
  if (PQntuples(blank.get()) > 0)  // line 1 of the file is the header
    throw std::runtime_error("line " + std::to_string(std::stoull(PQgetvalue(blank.get(), 0, 0)) + 1) +
                             ": empty reg_num");
  ItsImportResult result;
  result.rows_in_file = affected(run(conn.get(), "UPDATE its_import SET reg_num = upper(btrim(reg_num)), "
                                                 "inn = btrim(COALESCE(inn, ''))"));
  if (options.replace) run(conn.get(), "DELETE FROM its_registry");
  result.rows_stored = affected(run(conn.get(),
      "INSERT INTO its_registry (reg_num, inn, level, date_from, date_to) "
      "SELECT DISTINCT ON (reg_num, inn) reg_num, inn, level, date_from, date_to FROM its_import "
      "ORDER BY reg_num, inn, line DESC "
      "ON CONFLICT (reg_num, inn) DO UPDATE SET level = EXCLUDED.level, date_from = EXCLUDED.date_from, "
      "date_to = EXCLUDED.date_to"));
  run(conn.get(), "COMMIT");
  return result;
}

}  // namespace partnerapi::db
