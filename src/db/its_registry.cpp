#include "partnerapi/db/queries.h"
#include "partnerapi/db/its_registry.h"

#include <stdexcept>

#include "bulk.h"

#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {


void copy_stream(BulkConnection& conn, std::istream& csv, const ItsImport& options) {
  conn.copy_in("COPY its_import (reg_num, inn, level, date_from, date_to) FROM STDIN WITH (FORMAT csv, HEADER true)",
          [&](const BulkConnection::Send& send) {
            std::uint64_t sent = 0;
            char buf[1 << 16];
            while (csv) {
              csv.read(buf, sizeof buf);
              const auto n = csv.gcount();
              if (n <= 0) break;
              send({buf, static_cast<std::size_t>(n)});
              sent += static_cast<std::uint64_t>(n);
              if (options.progress) options.progress(sent);
            }
            if (csv.bad()) throw std::runtime_error("the CSV input could not be read");
          });
}

}  // namespace

std::vector<its::Contract> its_contracts(Session& db, const std::string& reg_num) {
  std::vector<its::Contract> out;
  const Rows rows = exec(db, sql::its_contracts, reg_num);
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.push_back({std::string(rows.text(r, 0)), rows.integer(r, 1), std::string(rows.text(r, 2)),
                   std::string(rows.text(r, 3)), rows.text(r, 4) == "t"});
  return out;
}

ItsImportResult import_its_registry(const std::string& conninfo, std::istream& csv, const ItsImport& options) {
  BulkConnection conn(conninfo);
  conn.run("BEGIN");
  // Staged first, so the "last line wins" rule applies to the file as a whole;
  // the registry's checks are repeated here so COPY names the bad line.
  conn.run(
      "CREATE TEMP TABLE its_import (line bigserial, reg_num text, inn text, "
      "level smallint CHECK (level IN (1, 2, 4)), date_from date NOT NULL, "
      "date_to date CHECK (date_to >= date_from)) ON COMMIT DROP");
  copy_stream(conn, csv, options);
  const Rows blank = conn.run("SELECT line FROM its_import WHERE btrim(COALESCE(reg_num, '')) = '' LIMIT 1");
  if (!blank.empty())  // line 1 of the file is the header
    throw std::runtime_error("line " + std::to_string(std::stoull(std::string(blank.text(0, 0))) + 1) +
                             ": empty reg_num");
  ItsImportResult result;
  result.rows_in_file =
      conn.run("UPDATE its_import SET reg_num = upper(btrim(reg_num)), inn = btrim(COALESCE(inn, ''))").affected();
  if (options.replace) conn.run("DELETE FROM its_registry");
  result.rows_stored = conn.run(
      "INSERT INTO its_registry (reg_num, inn, level, date_from, date_to) "
      "SELECT DISTINCT ON (reg_num, inn) reg_num, inn, level, date_from, date_to FROM its_import "
      "ORDER BY reg_num, inn, line DESC "
      "ON CONFLICT (reg_num, inn) DO UPDATE SET level = EXCLUDED.level, date_from = EXCLUDED.date_from, "
      "date_to = EXCLUDED.date_to").affected();
  conn.run("COMMIT");
  return result;
}

}  // namespace partnerapi::db
