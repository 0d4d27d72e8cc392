// events-import: CSV and NDJSON into the statistics tables by event ID. The
// import commits on its own connection, so it runs on a scratch database
// with the demo data.
#include <sstream>

#include "db_fixture.h"
#include "partnerapi/db/events_import.h"
#include "partnerapi/db/migrations.h"

using namespace partnerapi;

namespace {

constexpr const char* kDemo = "140cb530-a922-8f90-2a2a-91a31e42d1b7";  // md5('partner:demo')

class EventsImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_db_conninfo().empty()) GTEST_SKIP() << "PARTNERAPI_TEST_DB is not set";
    scratch_ = std::make_unique<ScratchDatabase>(this_tests_database("events_"));
    db::migrate(scratch_->conninfo());
    db::load_demo(scratch_->conninfo());
  }
  db::EventsImported import(db::EventKind kind, const std::string& text) {
    std::istringstream in(text);
    return db::import_events(scratch_->conninfo(), kind, in);
  }
  std::string error_of(db::EventKind kind, const std::string& text) {
    try {
      import(kind, text);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "no error";
  }
  std::string sql1(const std::string& q) {
    pqxx::connection c(scratch_->conninfo());
    pqxx::work tx(c);
    return tx.exec1(q)[0].c_str();
  }
  std::unique_ptr<ScratchDatabase> scratch_;
};

const std::string kCallsCsv = std::string(
    "id,started_at,duration,partner_id,call_status_id,record_url\n"
    "00000000-0000-4000-8000-000000000001,2026-11-30T10:00:00,60,") + kDemo + ",0,\"https://r.example/a,b\"\n"
    "00000000-0000-4000-8000-000000000002,2026-11-30T11:00:00+00:00,61," + kDemo + ",1,\n";

}  // namespace

TEST_F(EventsImportTest, ACsvFileIsStoredAndSentAgainChangesNothing) {
  const auto first = import(db::EventKind::Calls, kCallsCsv);
  EXPECT_EQ(first.records, 2u);
  EXPECT_EQ(first.inserted, 2u);
  EXPECT_EQ(sql1("SELECT record_url FROM call WHERE id = '00000000-0000-4000-8000-000000000001'"),
            "https://r.example/a,b");
  EXPECT_EQ(sql1("SELECT wire_datetime(started_at) FROM call WHERE id = '00000000-0000-4000-8000-000000000002'"),
            "2026-11-30T14:00:00")
      << "an offset is converted to Moscow time";
  EXPECT_EQ(sql1("SELECT remote_status_id FROM call WHERE id = '00000000-0000-4000-8000-000000000002'"), "0");
  const auto again = import(db::EventKind::Calls, kCallsCsv);
  EXPECT_EQ(again.inserted + again.updated, 0u);
  EXPECT_EQ(again.unchanged, 2u);
}

TEST_F(EventsImportTest, ACorrectedRecordReplacesTheOldAndTheLastInAFileWins) {
  import(db::EventKind::Calls, kCallsCsv);
  std::string corrected = kCallsCsv + "00000000-0000-4000-8000-000000000002,2026-11-30T11:00:00+00:00,99," +
                          kDemo + ",1,\n";
  const auto r = import(db::EventKind::Calls, corrected);
  EXPECT_EQ(r.updated, 1u);
  EXPECT_EQ(sql1("SELECT duration FROM call WHERE id = '00000000-0000-4000-8000-000000000002'"), "99");
}

TEST_F(EventsImportTest, ABadLineIsNamedAndNothingIsStored) {
  const std::string before = sql1("SELECT count(*) FROM call");
  const std::string bad = kCallsCsv + "00000000-0000-4000-8000-000000000003,2026-02-30T10:00:00,5," + kDemo + ",0,\n";
  EXPECT_EQ(error_of(db::EventKind::Calls, bad), "line 4: started_at is not a date and time: 2026-02-30T10:00:00");
  const std::string orphan = kCallsCsv + "00000000-0000-4000-8000-000000000003,2026-11-30T10:00:00,5," +
                             "00000000-0000-4000-8000-0000000000ff,0,\n";
  EXPECT_EQ(error_of(db::EventKind::Calls, orphan), "line 4: partner_id names no partner");
  EXPECT_EQ(error_of(db::EventKind::Calls, "id,nonsense\n"), "line 1: unknown column nonsense");
  EXPECT_EQ(error_of(db::EventKind::Calls, kCallsCsv + "1,2\n"), "line 4: 2 fields where the header has 6");
  EXPECT_EQ(sql1("SELECT count(*) FROM call"), before);
}

TEST_F(EventsImportTest, NdjsonChatWithAMultiLineBodyAndSipWithItsChecks) {
  const std::string chat = std::string("{\"id\":\"00000000-0000-4000-8000-0000000000c1\",\"sent_at\":\"2026-11-30T10:00:00\","
                                       "\"partner_id\":\"") + kDemo +
                           "\",\"from_agent_id\":\"0b4ed213-2cd0-8edf-1f49-4291671a2b89\",\"body\":\"Две\\nстроки\"}\n";
  EXPECT_EQ(import(db::EventKind::Chat, chat).inserted, 1u);
  EXPECT_EQ(sql1("SELECT body FROM chat_message WHERE event_id = '00000000-0000-4000-8000-0000000000c1'"), "Две\nстроки");
  EXPECT_EQ(import(db::EventKind::Chat, chat).unchanged, 1u);
  const std::string sip = std::string("{\"id\":\"00000000-0000-4000-8000-0000000000d1\",\"started_at\":\"2026-11-30\","
                                      "\"duration\":10,\"partner_id\":\"") + kDemo +
                          "\",\"incoming\":true,\"status\":3}\n";
  EXPECT_EQ(error_of(db::EventKind::Sip, sip), "line 1: status is not an integer from 0 to 2: 3");
  EXPECT_EQ(error_of(db::EventKind::Sip, "{\"id\":1,\"extra\":2}\n"), "line 1: unknown field extra");
  EXPECT_EQ(error_of(db::EventKind::Sip, "{not json}\n"), "line 1: not a JSON object");
}
