// What PostgreSQL refuses reaches the caller as the contract's faults: the
// one SQLSTATE translation (db/errors.cpp), through a session as the
// operations query.
#include "db_fixture.h"
#include "partnerapi/db/errors.h"

using namespace partnerapi;

namespace {

constexpr db::Query kRaise{"test_raise", "SELECT pg_temp.raise_state($1)"};

class SqlStateTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    tx().sql("CREATE FUNCTION pg_temp.raise_state(state text) RETURNS int LANGUAGE plpgsql AS "
               "$$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = state; END $$");
  }
  // The fault code a query failing with `state` becomes; "retry" for Retryable,
  // "broken" for a lost connection, "server" for anything left to the generic fault.
  std::string fault_for(const std::string& state) {
    Savepoint savepoint(tx());
    try {
      db::exec(tx(), kRaise, state);
    } catch (const ApiError& e) {
      return e.code();
    } catch (const db::Retryable&) {
      return "retry";
    } catch (const db::ConnectionLost&) {
      return "broken";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("SQLSTATE " + state), std::string::npos) << e.what();
      return "server";
    }
    return "no error";
  }
};

}  // namespace

TEST_F(SqlStateTest, ConstraintViolationsAreClientFaultsWithTheirOwnCodes) {
  EXPECT_EQ(fault_for("23505"), code::kDuplicate);
  EXPECT_EQ(fault_for("23503"), code::kReference);
  EXPECT_EQ(fault_for("23514"), code::kConstraint);
  EXPECT_EQ(fault_for("23502"), code::kConstraint);
  EXPECT_EQ(fault_for("22001"), code::kBadValue);
}

TEST_F(SqlStateTest, SerializationFailuresAndDeadlocksAreRetriedAndALostBackendIsAConnectionError) {
  EXPECT_EQ(fault_for("40001"), "retry");
  EXPECT_EQ(fault_for("40P01"), "retry");
  EXPECT_EQ(fault_for("57P01"), "broken");
  EXPECT_EQ(fault_for("08006"), "broken");
}

TEST_F(SqlStateTest, AnythingElseIsLeftToTheGenericServerFaultWithItsSqlState) {
  EXPECT_EQ(fault_for("42P01"), "server");
  EXPECT_EQ(fault_for("XX000"), "server");
}

TEST_F(SqlStateTest, ARealUniqueViolationIsDuplicateNotInternal) {
  constexpr db::Query kInsertPartner{"test_insert_partner", "INSERT INTO partner (id, name) VALUES ($1::uuid, 'x')"};
  const std::string id = uid_of("partner:demo").str();
  EXPECT_EQ(code_of([&] { db::exec(db(), kInsertPartner, id); }), code::kDuplicate);
}
