// Statistics (section 4): windows with both edges, the filters, the
// two-month bound of remote access, and the chat transcripts. The generic
// contract tests cover their IDs.
#include <algorithm>
#include <map>

#include "db_fixture.h"

using namespace partnerapi;

namespace {

class StatisticsTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    if (IsSkipped()) return;
    for (const char* key : {"call:1", "call:2", "call:3", "remote:1", "sip:1", "sip:2", "client:romashka",
                            "agent:romashka-anna", "agent:ivanov", "agent:petrova", "service_type:demo-buh",
                            "client_user:romashka-anna"})
      id_[key] = uid_of(key).str();
  }
  const std::string& id(const std::string& key) { return id_.at(key); }
  Table call(std::string_view op, std::vector<Field> fields, const std::string& partner = "partner:demo") {
    auto ctx = as(partner);
    return table(run(ctx, op, std::move(fields)));
  }
  std::string bytes(std::string_view op, std::vector<Field> fields) {
    auto ctx = as("partner:demo");
    return std::get<ops::Binary>(run(ctx, op, std::move(fields))).bytes;
  }
  // The record's start as 1C's dateTime, and `seconds` from it.
  std::string start_of(const std::string& table, const std::string& key, int seconds = 0) {
    return sql1("SELECT wire_datetime(started_at + interval '" + std::to_string(seconds) + " seconds') FROM " + table +
                " WHERE id = '" + id(key) + "'");
  }
  std::set<std::string> calls(std::vector<Field> fields) {
    return column_values(call("statistics_read", std::move(fields)), "call_id");
  }
  std::map<std::string, std::string> id_;
};

}  // namespace

TEST_F(StatisticsTest, ACallListsWithSectionFoursColumnsForItsPartnerOnly) {
  const auto all = call("statistics_read", {});
  EXPECT_EQ(names(all.shape().columns()),
            (std::vector<std::string>{"call_id", "time", "duration", "partner_id", "client_id", "src_agent_id",
                                      "dst_agent_id", "service_type_id", "call_status_id", "remote_status_id",
                                      "URL_call_record"}));
  EXPECT_EQ(column_values(all, "call_id"), (std::set<std::string>{id("call:1"), id("call:2")}));
  const auto one = call("statistics_read", {{"client_id", &id("client:romashka")}});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(at(one, 0, "time"), start_of("call", "call:1"));
  EXPECT_EQ(at(one, 0, "duration"), "320");
  EXPECT_EQ(at(one, 0, "URL_call_record"), "https://records.example/call-1");
  EXPECT_EQ(column_values(call("statistics_read", {}, "partner:demo2"), "call_id"), std::set<std::string>{id("call:3")});
}

TEST_F(StatisticsTest, AWindowHoldsAStartOnEitherEdgeAndNothingBeyond) {
  const std::string at_start = start_of("call", "call:1"), after = start_of("call", "call:1", 1),
                    before = start_of("call", "call:1", -1);
  const std::string& c1 = id("call:1");
  EXPECT_TRUE(calls({{"start_time", &at_start}, {"end_time", &at_start}}).count(c1)) << "both edges included";
  EXPECT_FALSE(calls({{"start_time", &after}}).count(c1));
  EXPECT_FALSE(calls({{"end_time", &before}}).count(c1));
  // The same instant with an offset: 07:00+00:00 is 10:00 in Moscow.
  const std::string utc = sql1("SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
                               "'+00:00' FROM call WHERE id = '" + c1 + "'");
  EXPECT_TRUE(calls({{"start_time", &utc}, {"end_time", &utc}}).count(c1)) << utc;
}

TEST_F(StatisticsTest, CallsFilterByAnyAgentCallerCalleeAndLine) {
  using S = std::set<std::string>;
  EXPECT_EQ(calls({{"agent_id", &id("agent:romashka-anna")}}), S{id("call:1")});
  EXPECT_EQ(calls({{"agent_id", &id("agent:ivanov")}}), S{id("call:1")}) << "the callee is an agent of the call too";
  EXPECT_EQ(calls({{"src_agent_id", &id("agent:ivanov")}}), S{});
  EXPECT_EQ(calls({{"dst_agent_id", &id("agent:petrova")}}), S{id("call:2")});
  EXPECT_EQ(calls({{"service_type_id", &id("service_type:demo-buh")}}), S{id("call:1")});
}

TEST_F(StatisticsTest, RemoteAccessStartsNoEarlierThanTwoCalendarMonthsBack) {
  const std::string earliest = sql1("SELECT to_char((date_trunc('day', now() AT TIME ZONE 'Europe/Moscow') - "
                                    "interval '2 months'), 'YYYY-MM-DD\"T\"HH24:MI:SS')");
  const std::string too_early = sql1("SELECT to_char((date_trunc('day', now() AT TIME ZONE 'Europe/Moscow') - "
                                     "interval '2 months' - interval '1 second'), 'YYYY-MM-DD\"T\"HH24:MI:SS')");
  EXPECT_EQ(code_of([&] { call("remote_access_statistics_read", {{"start_time", &earliest}}); }), "no fault");
  EXPECT_EQ(code_of([&] { call("remote_access_statistics_read", {{"start_time", &too_early}}); }), code::kBadDate);
  // Omitted, the start is that bound: a session just before it is left out.
  tx().sql("INSERT INTO remote_session (id, started_at, duration, partner_id, result, remote_access_type_id) "
             "VALUES (md5('remote:old')::uuid, '" + too_early + "+03:00', 5, md5('partner:demo')::uuid, 0, 1), "
             "(md5('remote:edge')::uuid, '" + earliest + "+03:00', 5, md5('partner:demo')::uuid, 0, 1)");
  const auto listed = column_values(call("remote_access_statistics_read", {}), "session_id");
  EXPECT_FALSE(listed.count(uid_of("remote:old").str()));
  EXPECT_TRUE(listed.count(uid_of("remote:edge").str()));
  EXPECT_TRUE(listed.count(id("remote:1")));
}

TEST_F(StatisticsTest, RemoteAccessTakesTheAgentsUnderBothSpellings) {
  const auto cols = call("remote_access_statistics_read", {}).shape().columns();
  EXPECT_EQ(names(cols), (std::vector<std::string>{"session_id", "time", "duration", "partner_id", "client_id",
                                                   "server_agent_id", "dst_agent_id", "service_type_id",
                                                   "remote_access_result_id", "remote_access_type_id"}));
  using S = std::set<std::string>;
  for (const char* server : {"src_agent_id", "server_agent_id"})
    EXPECT_EQ(column_values(call("remote_access_statistics_read", {{server, &id("agent:romashka-anna")}}), "session_id"),
              S{id("remote:1")})
        << server;
  for (const char* client : {"dst_agent_id", "client_agent_id"})
    EXPECT_EQ(column_values(call("remote_access_statistics_read", {{client, &id("agent:romashka-anna")}}), "session_id"),
              S{})
        << client;
}

TEST_F(StatisticsTest, SipCallsFilterByAgentAndTheExactNumber) {
  using S = std::set<std::string>;
  const std::string number = "+74950000099", prefix = "+7495", none;
  EXPECT_EQ(column_values(call("sip_calls_statistics_read", {{"abonent", &number}}), "call_id"), S{id("sip:1")});
  EXPECT_EQ(column_values(call("sip_calls_statistics_read", {{"abonent", &prefix}}), "call_id"), S{});
  EXPECT_EQ(column_values(call("sip_calls_statistics_read", {{"abonent", &none}}), "call_id").size(), 2u)
      << "an empty number sets no filter";
  const auto petrova = call("sip_calls_statistics_read", {{"agent_id", &id("agent:petrova")}});
  ASSERT_EQ(petrova.size(), 1u);
  EXPECT_EQ(at(petrova, 0, "incoming"), "false");
  EXPECT_EQ(at(petrova, 0, "sip_call_status_id"), "2");
}

TEST_F(StatisticsTest, AChatTranscriptIsTheWindowsMessagesInTimeOrder) {
  const std::string text = bytes("chat_history_statistics_read", {{"client_user_id", &id("client_user:romashka-anna")},
                                                                  {"service_id", &id("service_type:demo-buh")}});
  const std::string first = sql1("SELECT to_char(sent_at AT TIME ZONE 'Europe/Moscow', 'YYYY-MM-DD HH24:MI:SS') "
                                 "FROM chat_message WHERE id = 1");
  EXPECT_EQ(text.find(first + " Анна Смирнова (900000001): Здравствуйте! Не формируется отчет.\n"), 0u) << text;
  EXPECT_NE(text.find(" Иван Иванов (271828900001): Добрый день, сейчас подключусь.\n"), std::string::npos) << text;
  const std::string later = "2099-01-01";
  EXPECT_EQ(bytes("chat_history_statistics_read", {{"client_user_id", &id("client_user:romashka-anna")},
                                                   {"service_id", &id("service_type:demo-buh")},
                                                   {"period_from", &later}}),
            "")
      << "an empty window is an empty transcript";
}

TEST_F(StatisticsTest, ColleaguesChatReadsTheSameInEitherOrder) {
  const std::string one = bytes("chat_history_colleagues_read",
                                {{"Colleague1_id", &id("agent:ivanov")}, {"Colleague2_id", &id("agent:petrova")}});
  const std::string other = bytes("chat_history_colleagues_read",
                                  {{"Colleague1_id", &id("agent:petrova")}, {"Colleague2_id", &id("agent:ivanov")}});
  EXPECT_EQ(one, other);
  EXPECT_NE(one.find("Иван Иванов (271828900001): Мария, посмотри заявку"), std::string::npos) << one;
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 1);
}
