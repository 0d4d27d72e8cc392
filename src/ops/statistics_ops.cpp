// Statistics (section 4): calls, remote-access sessions, SIP calls, and chat
// transcripts. A partner sees the records the platform attributes to it (its
// partner_id: served by its agents, on its lines). A record is in a window
// when its start lies between the bounds, both included (Moscow time); an
// omitted bound is no bound, except remote access, whose start may not be
// earlier than two calendar months back and defaults to exactly that.
#include "event_window.h"
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

#define IN_WINDOW PARTNERAPI_IN_WINDOW
#define MAY_BE(column, param) "(" param "::uuid IS NULL OR " column " = " param "::uuid)"

// $1 the partner, $2 and $3 the window, $4 the client, $5 any agent of the
// call, $6 the caller, $7 the callee, $8 the line.
constexpr db::Query kCallList{
    "calls",
    "SELECT c.id::text AS call_id, wire_datetime(c.started_at) AS \"time\", c.duration AS duration, "
    "c.partner_id::text AS partner_id, c.client_id::text AS client_id, c.src_agent_id::text AS src_agent_id, "
    "c.dst_agent_id::text AS dst_agent_id, c.service_type_id::text AS service_type_id, "
    "c.call_status_id AS call_status_id, c.remote_status_id AS remote_status_id, "
    "c.record_url AS \"URL_call_record\" FROM call c WHERE c.partner_id = $1::uuid AND " IN_WINDOW(
        "c.started_at", "$2", "$3") " AND " MAY_BE("c.client_id", "$4") " AND ($5::uuid IS NULL OR $5::uuid IN "
                                    "(c.src_agent_id, c.dst_agent_id)) AND " MAY_BE("c.src_agent_id", "$6") " AND " MAY_BE(
                                        "c.dst_agent_id", "$7") " AND " MAY_BE("c.service_type_id", "$8")
    " ORDER BY c.started_at, c.id"};
// The same for remote sessions: $6 the server (whose desktop), $7 the client
// (who controls it).
constexpr db::Query kRemoteList{
    "remote_sessions",
    "SELECT r.id::text AS session_id, wire_datetime(r.started_at) AS \"time\", r.duration AS duration, "
    "r.partner_id::text AS partner_id, r.client_id::text AS client_id, r.server_agent_id::text AS server_agent_id, "
    "r.client_agent_id::text AS dst_agent_id, r.service_type_id::text AS service_type_id, "
    "r.result AS remote_access_result_id, r.remote_access_type_id AS remote_access_type_id FROM remote_session r "
    "WHERE r.partner_id = $1::uuid AND " IN_WINDOW("r.started_at", "$2", "$3") " AND " MAY_BE(
        "r.client_id", "$4") " AND ($5::uuid IS NULL OR $5::uuid IN (r.server_agent_id, r.client_agent_id)) AND " MAY_BE(
        "r.server_agent_id", "$6") " AND " MAY_BE("r.client_agent_id", "$7") " AND " MAY_BE("r.service_type_id", "$8")
    " ORDER BY r.started_at, r.id"};
// $1 the partner, $2 and $3 the window, $4 the agent, $5 the subscriber's number.
constexpr db::Query kSipList{
    "sip_calls",
    "SELECT s.id::text AS call_id, wire_datetime(s.started_at) AS \"time\", s.duration AS duration, "
    "s.duration_after_answer AS duration_after_answer, s.agent_id::text AS agent_id, s.abonent AS abonent, "
    "s.incoming AS incoming, s.status AS sip_call_status_id FROM sip_call s WHERE s.partner_id = $1::uuid AND " IN_WINDOW(
        "s.started_at", "$2", "$3") " AND " MAY_BE("s.agent_id", "$4") " AND (NULLIF($5::text, '') IS NULL OR s.abonent = $5) "
                                    "ORDER BY s.started_at, s.id"};

#undef IN_WINDOW
#undef MAY_BE

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

std::string sql_time(const MoscowTime& t) { return t.str() + "+03:00"; }

constexpr Refusal kTooEarly{
    &code::kBadDate, "`start_time` before today's midnight two calendar months back", Ground::Specification,
    "«start_time должно быть ≥ ТекущаяДата()-2 месяца.»"};

Result remote_sessions(Context& ctx, const Args& a) {
  const MoscowTime earliest = earliest_remote_start();
  const auto start = a.datetime(kStart);
  if (start && start->to_unix() < earliest.to_unix())
    refuse(kTooEarly, "start_time раньше, чем два месяца назад: " + start->str() + " (самое раннее: " +
                          earliest.str() + ")");
  const std::string from = sql_time(start.value_or(earliest));
  return answer_rows(ctx, kRemoteSessions, kRemoteList, ctx.partner.str(), from, a.param(kEnd), a.param(kClient),
                     a.param(kAnyAgent), a.param(kSrc), a.param(kDst), a.param(kLine));
}

}  // namespace

std::vector<OperationSpec> statistics_operations() {
  const Access R = Access::Read;
  return {
      read("statistics_read", {kStart, kEnd, kClient, kAnyAgent, kSrc, kDst, kLine}, kCalls, kCallList),
      // The parameter list calls the two agents server_agent_id and
      // client_agent_id: either spelling carries them (the contract).
      refusing(table_operation("remote_access_statistics_read", R,
                               {kStart, kEnd, kClient, kAnyAgent, kSrc, kDst, alias("server_agent_id", kSrc),
                                alias("client_agent_id", kDst), kLine},
                               kRemoteSessions, remote_sessions, {&kRemoteList}),
               {&kTooEarly}),
      read("sip_calls_statistics_read", {kStart, kEnd, kAnyAgent, text("abonent")}, kSipCalls, kSipList),
  };
}

}  // namespace partnerapi::ops
