#include "partnerapi/db/migrations.h"

#include <pqxx/pqxx>

#include "partnerapi/db/transactions.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <regex>

#include "partnerapi/db/logins.h"
#include "partnerapi/embedded.h"
#include "partnerapi/password.h"

namespace partnerapi::db {
namespace {

// One lock for schema and demo changes, so concurrent starts serialise.
constexpr long long kMigrationLock = 0x5041504931;  // "PAPI1"

struct Migration {
  int version;
  std::string name;
  const std::string* sql;
};

std::vector<Migration> embedded_migrations() {
  static const std::regex kName(R"(sql/migrations/V(\d+)__(.+)\.sql)");
  std::vector<Migration> out;
  for (const auto& f : embedded_files()) {
    std::smatch m;
    if (std::regex_match(f.path, m, kName)) out.push_back({std::stoi(m[1]), m[2], &f.content});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

// Holds the advisory lock for its lifetime on its own connection.
class MigrationLock {
 public:
  explicit MigrationLock(pqxx::connection& c) : conn_(c) {
    pqxx::nontransaction(conn_).exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")");
  }
  ~MigrationLock() {
    try {
      pqxx::nontransaction(conn_).exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
    } catch (const std::exception& e) {
      spdlog::warn("advisory unlock failed: {}", e.what());  // released with the session anyway
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  pqxx::connection& conn_;
};

std::map<int, std::string> applied_checksums(pqxx::connection& c) {
  pqxx::work w(c);
  w.exec(
      "CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, "
      "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
  std::map<int, std::string> out;
  for (const auto& row : w.exec("SELECT version, checksum FROM schema_migration")) out[row[0].as<int>()] = row[1].c_str();
  w.commit();
  return out;
}

bool apply(pqxx::connection& c, const Migration& m, const std::map<int, std::string>& applied) {
  const std::string sum = password::sha256_hex(*m.sql);
  const auto it = applied.find(m.version);
  if (it != applied.end()) {
    if (it->second != sum)
      throw std::runtime_error("migration V" + std::to_string(m.version) + " was changed after it was applied");
    return false;
  }
  pqxx::work w(c);
  w.exec(*m.sql);
  w.exec_params("INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)", m.version, m.name, sum);
  w.commit();
  spdlog::info("applied migration V{:03d} {}", m.version, m.name);
  return true;
}

void ensure_demo_login(Transaction& db, const std::string& login, const std::string& partner_key) {
  if (find_login(db, login)) return;  // an operator may have changed it: keep theirs
  const Rows r = db.sql("SELECT md5($1)::uuid::text", partner_key);
  set_login(db, login, *Uid::parse(r.text(0, 0)), login);
}

}  // namespace

int embedded_schema_version() {
  const auto all = embedded_migrations();
  return all.empty() ? 0 : all.back().version;
}

int migrate(const std::string& conninfo) {
  pqxx::connection c(conninfo);
  MigrationLock lock(c);
  const auto applied = applied_checksums(c);
  int count = 0;
  for (const auto& m : embedded_migrations()) count += apply(c, m, applied) ? 1 : 0;
  return count;
}

void load_demo(const std::string& conninfo) {
  pqxx::connection c(conninfo);
  MigrationLock lock(c);
  pqxx::work w(c);
  w.exec(embedded("sql/demo/demo.sql"));  // several statements: the simple protocol, libpqxx's
  w.commit();
  Transaction logins(conninfo);
  ensure_demo_login(logins, "demo", "partner:demo");
  ensure_demo_login(logins, "demo2", "partner:demo2");
  logins.commit();
  spdlog::info("demo data loaded");
}

}  // namespace partnerapi::db
