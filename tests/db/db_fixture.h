#pragma once
// Database tests run on PARTNERAPI_TEST_DB (migrated, demo data loaded). Each
// test works in a transaction that is rolled back: every test starts clean.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "partnerapi/api_error.h"
#include "partnerapi/db/transactions.h"
#include "partnerapi/ops/declaration.h"
#include "partnerapi/ops/settings.h"
#include "partnerapi/uid.h"

// The test database's conninfo; empty when PARTNERAPI_TEST_DB is not set.
inline std::string test_db_conninfo() {
  const char* v = std::getenv("PARTNERAPI_TEST_DB");
  return v ? v : "";
}

// The operations' settings, as the server has them: the key ring of
// PARTNERAPI_AGENT_KEYS (scripts/test.sh makes one, and seals the demo data
// with it), and an SMTP guard that allows nothing but public mail ports.
inline const bool kOperationSettings = [] {
  const char* keys = std::getenv("PARTNERAPI_AGENT_KEYS");
  if (!keys || !*keys) return false;  // an operation that needs the ring says so
  partnerapi::ops::Settings s;
  s.agent_keys = std::make_shared<const partnerapi::sealed::Keyring>(partnerapi::sealed::Keyring::parse(keys));
  partnerapi::ops::configure(std::move(s));
  return true;
}();

// An empty database of its own, dropped at the end, for what must commit
// (migrations, the registry import); named per test, as ctest runs in parallel.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(std::string name) : name_(std::move(name)) {
    pqxx::connection admin(test_db_conninfo());
    pqxx::nontransaction(admin).exec0("DROP DATABASE IF EXISTS " + name_);
    pqxx::nontransaction(admin).exec0("CREATE DATABASE " + name_);
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ~ScratchDatabase() {
    try {
      pqxx::connection admin(test_db_conninfo());
      pqxx::nontransaction(admin).exec0("DROP DATABASE IF EXISTS " + name_);
    } catch (const std::exception&) {  // a leftover is dropped by the next run
    }
  }
  std::string conninfo() const { return test_db_conninfo() + " dbname=" + name_; }

 private:
  std::string name_;
};

// A scratch database's name for the running test: `prefix` and its name, lowercase.
inline std::string this_tests_database(const std::string& prefix) {
  std::string name = prefix + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name;
}

// A savepoint in a test's transaction, rolled back to when it goes out of scope.
using Savepoint = partnerapi::db::Transaction::Savepoint;

class DbTest : public ::testing::Test {
 protected:
  static std::string conninfo() { return test_db_conninfo(); }
  void SetUp() override {
    if (conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
    tx_ = std::make_unique<partnerapi::db::Transaction>(conninfo());
    undeclared_before_ = partnerapi::ops::undeclared_refusals();
  }
  void TearDown() override {
    tx_.reset();  // rolled back
    if (!IsSkipped()) {
      EXPECT_EQ(partnerapi::ops::undeclared_refusals(), undeclared_before_)
          << "a fault its operation's declaration does not list (the log names it): add the refusal to the "
             "declaration (refusing()), with its ground";
    }
  }
  partnerapi::db::Transaction& tx() { return *tx_; }
  partnerapi::db::Session& db() { return *tx_; }
  partnerapi::Uid uid_of(const std::string& key) {
    return *partnerapi::Uid::parse(tx().sql("SELECT md5($1)::uuid::text", key).text(0, 0));
  }
  // The first cell of a statement's answer.
  std::string sql1(const std::string& statement) { return std::string(tx().sql(statement).text(0, 0)); }
  partnerapi::ops::Context as(const std::string& partner_key) { return {uid_of(partner_key), db()}; }

 private:
  std::unique_ptr<partnerapi::db::Transaction> tx_;
  std::size_t undeclared_before_ = 0;
};

// Runs an operation through the server's executor, in the test's transaction.
inline partnerapi::ops::Result run(partnerapi::ops::Context& ctx, std::string_view op,
                                   std::vector<partnerapi::Field> fields) {
  return partnerapi::ops::run(ctx.db, ctx.partner, partnerapi::Request(op, std::move(fields)));
}

// The text of a cell by column name ("<nil>" for nil).
inline std::string at(const partnerapi::Table& t, std::size_t row, const std::string& column) {
  const auto& cols = t.shape().columns();
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].name == column) return t.at(row, i).value_or("<nil>");
  throw std::logic_error("no column " + column);
}

// The names of a shape's columns, in order.
inline std::vector<std::string> names(const std::vector<partnerapi::Column>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

// The values of one column over every row.
inline std::set<std::string> column_values(const partnerapi::Table& t, const std::string& column) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.insert(at(t, i, column));
  return out;
}

inline partnerapi::Table table(partnerapi::ops::Result r) { return std::get<partnerapi::Table>(std::move(r)); }

struct Fault {
  std::string code, message;
};
// The fault `f` throws; both parts "no fault" when it throws none.
inline Fault fault_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const partnerapi::ApiError& e) {
    return {e.code(), e.what()};
  }
  return {"no fault", "no fault"};
}
inline std::string code_of(const std::function<void()>& f) { return fault_of(f).code; }
inline std::string message_of(const std::function<void()>& f) { return fault_of(f).message; }
