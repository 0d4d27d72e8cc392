// Every query that fills a table, described by the test database itself
// (a prepared statement's description): its columns must be the shape's, by
// name and type. A column misnamed, missing, extra or of another type fails
// here, naming the operation and the query.
#include <libpq-fe.h>

#include <memory>
#include <set>

#include "db_fixture.h"
#include "partnerapi/db/queries.h"

using namespace partnerapi;
using namespace partnerapi::ops;

namespace {

// PostgreSQL type OIDs (pg_type.dat).
const std::set<Oid> kTextTypes = {25, 1043, 1042};
const std::set<Oid> kNumberTypes = {20, 21, 23, 1700};
constexpr Oid kBool = 16;

bool fits(ColumnType t, Oid oid) {
  switch (t) {
    case ColumnType::Boolean: return oid == kBool;
    case ColumnType::Decimal: return kNumberTypes.count(oid) > 0;
    case ColumnType::String:
    case ColumnType::DateTime:  // wire_datetime() and wire_date() give 1C's text
    case ColumnType::Date: break;
  }
  return kTextTypes.count(oid) > 0;
}

std::vector<std::string> operations_with_tables() {
  std::vector<std::string> names;
  for (const auto& spec : operations())
    if (spec.built() && spec.result == ResultKind::Table) names.emplace_back(spec.name);
  return names;
}

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Described = std::unique_ptr<PGresult, decltype(&PQclear)>;

class QueryColumns : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test_db_conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
    conn_.reset(PQconnectdb(test_db_conninfo().c_str()));
    ASSERT_EQ(PQstatus(conn_.get()), CONNECTION_OK) << PQerrorMessage(conn_.get());
  }
  // The result columns of `q` as the database describes its prepared statement.
  Described describe(const db::Query& q) {
    Described prepared(PQprepare(conn_.get(), "", q.sql, 0, nullptr), &PQclear);
    EXPECT_EQ(PQresultStatus(prepared.get()), PGRES_COMMAND_OK) << q.name << ": " << PQerrorMessage(conn_.get());
    return Described(PQdescribePrepared(conn_.get(), ""), &PQclear);
  }

  Connection conn_{nullptr, &PQfinish};
};

}  // namespace

TEST_P(QueryColumns, AreTheShapesByNameAndType) {
  const OperationSpec& spec = *find_operation(GetParam());
  const auto& columns = spec.shape->columns();
  for (const db::Query* q : spec.rows_from) {
    const Described d = describe(*q);
    ASSERT_EQ(PQresultStatus(d.get()), PGRES_COMMAND_OK) << spec.name << ": " << q->name;
    std::set<std::string> named;
    for (int i = 0; i < PQnfields(d.get()); ++i) named.insert(PQfname(d.get(), i));
    for (const auto& c : columns) {
      const int at = [&] {
        for (int i = 0; i < PQnfields(d.get()); ++i)
          if (c.name == PQfname(d.get(), i)) return i;
        return -1;
      }();
      ASSERT_GE(at, 0) << spec.name << ": query " << q->name << " has no column " << c.name;
      EXPECT_TRUE(fits(c.type, PQftype(d.get(), at)))
          << spec.name << ": query " << q->name << " gives " << c.name << " as type OID " << PQftype(d.get(), at);
      named.erase(c.name);
    }
    EXPECT_TRUE(named.empty()) << spec.name << ": query " << q->name << " has a column the shape lacks: "
                               << (named.empty() ? "" : *named.begin());
  }
}

std::string operation_name(const ::testing::TestParamInfo<std::string>& p) { return p.param; }

INSTANTIATE_TEST_SUITE_P(Declared, QueryColumns, ::testing::ValuesIn(operations_with_tables()), operation_name);

// Every named query of sql/queries/*.sql, the operations' and the database
// layer's alike, prepares on the migrated database and can be described:
// a misspelt column, table or parameter type fails here, naming the query.
class NamedQueries : public ::testing::TestWithParam<const db::Query*> {};

TEST_P(NamedQueries, PrepareOnTheMigratedDatabase) {
  if (test_db_conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
  Connection conn(PQconnectdb(test_db_conninfo().c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  const db::Query& q = *GetParam();
  Described prepared(PQprepare(conn.get(), q.name, q.sql, 0, nullptr), &PQclear);
  ASSERT_EQ(PQresultStatus(prepared.get()), PGRES_COMMAND_OK) << q.name << ": " << PQerrorMessage(conn.get());
  Described described(PQdescribePrepared(conn.get(), q.name), &PQclear);
  EXPECT_EQ(PQresultStatus(described.get()), PGRES_COMMAND_OK) << q.name << ": " << PQerrorMessage(conn.get());
}

std::string query_name(const ::testing::TestParamInfo<const db::Query*>& p) { return p.param->name; }

INSTANTIATE_TEST_SUITE_P(All, NamedQueries, ::testing::ValuesIn(std::begin(sql::kAll), std::end(sql::kAll)),
                         query_name);
