#include "db_fixture.h"
#include "partnerapi/db/migrations.h"

// Applying the migrations to a fresh database twice: the second run changes nothing.
TEST_F(DbTest, MigrationsApplyOnceAndAreIdempotent) {
  const ScratchDatabase scratch("partnerapi_migration_test");
  const std::string fresh = scratch.conninfo();
  EXPECT_GE(partnerapi::db::migrate(fresh), 2);
  EXPECT_EQ(partnerapi::db::migrate(fresh), 0);
  partnerapi::db::load_demo(fresh);
  partnerapi::db::load_demo(fresh);  // idempotent too
  {
    pqxx::connection c(fresh);
    pqxx::work w(c);
    EXPECT_EQ(w.exec1("SELECT count(*) FROM partner")[0].as<int>(), 2);
    EXPECT_EQ(w.exec1("SELECT count(*) FROM partner_login")[0].as<int>(), 2);
    EXPECT_EQ(w.exec1("SELECT count(*) FROM pay_method_type")[0].as<int>(), 5);
  }
}

// What a statement of the test's own fails with: the code of the fault it becomes.
std::string refused(partnerapi::db::Transaction& tx, const std::string& statement) {
  Savepoint savepoint(tx);
  return code_of([&] { tx.sql(statement); });
}

TEST_F(DbTest, PartnerContactsTakeOnlyContactTypeCode2) {
  EXPECT_EQ(refused(tx(), 
                   "INSERT INTO partner_contact (partner_id, region_id, contact_type_id, view) "
                   "VALUES (md5('partner:demo')::uuid, md5('region:Москва')::uuid, "
                   "md5('contact_type:client_address')::uuid, 'x')"),
               partnerapi::code::kReference);
}

TEST_F(DbTest, PartnerContactsOnlyInThePartnersRegions) {
  EXPECT_EQ(refused(tx(), 
                   "INSERT INTO partner_contact (partner_id, region_id, contact_type_id, view) "
                   "VALUES (md5('partner:demo')::uuid, md5('region:Эстония')::uuid, "
                   "md5('contact_type:partner_phone')::uuid, 'x')"),
               partnerapi::code::kReference);
}

TEST_F(DbTest, ContactViewIsAtMost500Characters) {
  EXPECT_EQ(refused(tx(), "UPDATE partner_contact SET view = repeat('я', 501)"), partnerapi::code::kBadValue);
}

TEST_F(DbTest, AnAgentBelongsToAPartnerOrAClientNeverBoth) {
  EXPECT_EQ(refused(tx(), 
                   "INSERT INTO agent (id, agent_type, number, password_plain, partner_id, client_id) "
                   "VALUES (gen_random_uuid(), 1, '271828999999', '1', md5('partner:demo')::uuid, "
                   "md5('client:romashka')::uuid)"),
               partnerapi::code::kConstraint);
}

TEST_F(DbTest, AnAgentsUserMustBeOfItsClient) {
  EXPECT_EQ(refused(tx(), 
                   "INSERT INTO agent (id, agent_type, number, password_plain, client_id, client_user_id) "
                   "VALUES (gen_random_uuid(), 2, '999999999', '1', md5('client:vasilek')::uuid, "
                   "md5('client_user:romashka-anna')::uuid)"),
               partnerapi::code::kReference);
}

TEST_F(DbTest, ServiceEndsNoEarlierThanItStarts) {
  EXPECT_EQ(refused(tx(), "UPDATE service SET end_date = start_date - 1"), partnerapi::code::kConstraint);
}

TEST_F(DbTest, PasswordsAreStoredHashed) {
  EXPECT_EQ(sql1("SELECT password_hash FROM partner_login WHERE login = 'demo'").rfind("pbkdf2-sha256$", 0), 0u);
  EXPECT_EQ(refused(tx(), "UPDATE partner_login SET password_hash = 'demo'"), partnerapi::code::kConstraint);
}

TEST_F(DbTest, WireFormatsOfDates) {
  EXPECT_EQ(sql1("SELECT wire_date(NULL)"), "0001-01-01T00:00:00");
  EXPECT_EQ(sql1("SELECT wire_date('2024-02-29')"), "2024-02-29T00:00:00");
  EXPECT_EQ(sql1("SELECT wire_datetime('2024-01-01T00:00:00Z')"),
            "2024-01-01T03:00:00");
}
