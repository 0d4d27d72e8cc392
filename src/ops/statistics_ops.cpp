// Statistics (section 4): calls, remote-access sessions, SIP calls, and chat
// transcripts. A partner sees the records the platform attributes to it (its
// partner_id: served by its agents, on its lines). A record is in a window
// when its start lies between the bounds, both included (Moscow time); an
// omitted bound is no bound, except remote access, whose start may not be
// earlier than two calendar months back and defaults to exactly that.
#include "partnerapi/db/queries.h"
#include "families.h"
#include "shapes.h"

namespace partnerapi::ops {
namespace {

const TableShape kCalls({{"call_id", ColumnType::String, kUid},
                         {"time", ColumnType::DateTime},
                         {"duration", ColumnType::Decimal},
                         {"partner_id", ColumnType::String, kUid},
                         {"client_id", ColumnType::String, kUid},
                         {"src_agent_id", ColumnType::String, kUid},
                         {"dst_agent_id", ColumnType::String, kUid},
                         {"service_type_id", ColumnType::String, kUid},
                         {"call_status_id", ColumnType::Decimal},
                         {"remote_status_id", ColumnType::Decimal},
                         {"URL_call_record", ColumnType::String, 500}},
                        {"call_id"});
const TableShape kRemoteSessions({{"session_id", ColumnType::String, kUid},
                                  {"time", ColumnType::DateTime},
                                  {"duration", ColumnType::Decimal},
                                  {"partner_id", ColumnType::String, kUid},
                                  {"client_id", ColumnType::String, kUid},
                                  {"server_agent_id", ColumnType::String, kUid},
                                  {"dst_agent_id", ColumnType::String, kUid},
                                  {"service_type_id", ColumnType::String, kUid},
                                  {"remote_access_result_id", ColumnType::Decimal},
                                  {"remote_access_type_id", ColumnType::Decimal}},
                                 {"session_id"});
const TableShape kSipCalls({{"call_id", ColumnType::String, kUid},
                            {"time", ColumnType::DateTime},
                            {"duration", ColumnType::Decimal},
                            {"duration_after_answer", ColumnType::Decimal},
                            {"agent_id", ColumnType::String, kUid},
                            {"abonent", ColumnType::String, 32},
                            {"incoming", ColumnType::Boolean},
                            {"sip_call_status_id", ColumnType::Decimal}},
                           {"call_id"});

constexpr OperandSpec kStart = datetime("start_time");
constexpr OperandSpec kEnd = datetime("end_time");
constexpr OperandSpec kClient = id("client_id", ObjectKind::ServicedClient);
constexpr OperandSpec kAnyAgent = id("agent_id", ObjectKind::Agent);
constexpr OperandSpec kSrc = id("src_agent_id", ObjectKind::Agent);
constexpr OperandSpec kDst = id("dst_agent_id", ObjectKind::Agent);
constexpr OperandSpec kLine = id("service_type_id", ObjectKind::ServiceType);

// The earliest start remote_access_statistics_read takes: today's midnight
// (Moscow) two calendar months back, the day clamped (30.04 → 28.02), as the
// specification's examples show.
MoscowTime earliest_remote_start() { return MoscowTime::now().date().months_back(2); }

constexpr Refusal kTooEarly{
    &code::kBadDate, "`start_time` before today's midnight two calendar months back", Ground::Specification,
    "«start_time должно быть ≥ ТекущаяДата()-2 месяца.»"};

Result remote_sessions(Context& ctx, const Args& a) {
  const MoscowTime earliest = earliest_remote_start();
  const auto start = a.datetime(kStart);
  if (start && start->to_unix() < earliest.to_unix())
    refuse(kTooEarly, "start_time раньше, чем два месяца назад: " + start->str() + " (самое раннее: " +
                          earliest.str() + ")");
  const std::string from = start.value_or(earliest).iso();
  return answer_rows(ctx, kRemoteSessions, sql::remote_sessions, ctx.partner.str(), from, a.param(kEnd), a.param(kClient),
                     a.param(kAnyAgent), a.param(kSrc), a.param(kDst), a.param(kLine));
}

}  // namespace

std::vector<OperationSpec> statistics_operations() {
  const Access R = Access::Read;
  return {
      read("statistics_read", {kStart, kEnd, kClient, kAnyAgent, kSrc, kDst, kLine}, kCalls, sql::calls),
      // The parameter list calls the two agents server_agent_id and
      // client_agent_id: either spelling carries them (the contract).
      refusing(table_operation("remote_access_statistics_read", R,
                               {kStart, kEnd, kClient, kAnyAgent, kSrc, kDst, alias("server_agent_id", kSrc),
                                alias("client_agent_id", kDst), kLine},
                               kRemoteSessions, remote_sessions, {&sql::remote_sessions}),
               {&kTooEarly}),
      read("sip_calls_statistics_read", {kStart, kEnd, kAnyAgent, text("abonent")}, kSipCalls, sql::sip_calls),
  };
}

}  // namespace partnerapi::ops
