// Subscriptions (section 4, «абонементы»): a support line sold to a client's
// user agent, served by a partner that holds a permission for the line. Read
// (active ones: in force or to come), add, edit (service partner and dates)
// and stop. The partner sees what it sold or serves; what it sold it changes.
#include "families.h"
#include "lines.h"
#include "partnerapi/api_error.h"

namespace partnerapi::ops {
namespace {

const TableShape kServices({{"service_id", ColumnType::String, kUid},
                            {"sale_partner_id", ColumnType::String, kUid},
                            {"client_id", ColumnType::String, kUid},
                            {"service_partner_id", ColumnType::String, kUid},
                            {"service_start_date", ColumnType::Date},
                            {"service_end_date", ColumnType::Date},
                            {"agent_user_id", ColumnType::String, kUid},
                            {"service_type_id", ColumnType::String, kUid}},
                           {"service_id"});

#define SERVICE_COLUMNS                                                                                     \
  "s.id::text AS service_id, s.sale_partner_id::text AS sale_partner_id, s.client_id::text AS client_id, " \
  "s.service_partner_id::text AS service_partner_id, wire_date(s.start_date) AS service_start_date, "      \
  "wire_date(s.end_date) AS service_end_date, s.agent_id::text AS agent_user_id, "                         \
  "s.service_type_id::text AS service_type_id"

// $1 the partner; then the filters in the order of the operands.
constexpr db::Query kServiceList{
    "services",
    "SELECT " SERVICE_COLUMNS " FROM service s WHERE (s.sale_partner_id = $1::uuid OR s.service_partner_id = $1::uuid) "
    "AND " PARTNERAPI_SERVICE_ACTIVE("s.") " AND ($2::uuid IS NULL OR s.id = $2::uuid) "
    "AND ($3::uuid IS NULL OR s.sale_partner_id = $3::uuid) AND ($4::uuid IS NULL OR s.client_id = $4::uuid) "
    "AND ($5::uuid IS NULL OR s.service_partner_id = $5::uuid) AND " PARTNERAPI_OVERLAPS(
        "s.start_date", "s.end_date", "$6", "$7") " AND ($8::uuid IS NULL OR s.agent_id = $8::uuid) "
                                                  "AND ($9::uuid IS NULL OR s.service_type_id = $9::uuid) "
                                                  "ORDER BY s.start_date, s.id"};
constexpr db::Query kClientDeleted{"service_client_deleted", "SELECT deleted FROM client WHERE id = $1::uuid"};
constexpr db::Query kAgentState{"service_agent_state", "SELECT client_id::text, active FROM agent WHERE id = $1::uuid"};
// Whether partner $1 may serve line $2 on day $3: a permission for the line
// under one of its contracts, both in force that day.
constexpr db::Query kMayServe{
    "partner_may_serve",
    "SELECT 1 FROM contract k JOIN contract_service cs ON cs.contract_id = k.id WHERE k.partner_id = $1::uuid "
    "AND cs.service_type_id = $2::uuid AND k.start_date <= $3::date AND (k.end_date IS NULL OR k.end_date >= $3::date) "
    "AND cs.start_date <= $3::date AND (cs.end_date IS NULL OR cs.end_date >= $3::date)"};
// Another live subscription of agent $1 on line $2 over [$3, $4] ($4 NULL:
// open-ended), other than $5.
constexpr db::Query kOverlapping{
    "service_overlapping",
    "SELECT s.id::text FROM service s WHERE s.agent_id = $1::uuid AND s.service_type_id = $2::uuid AND NOT s.stopped "
    "AND s.id IS DISTINCT FROM $5::uuid AND ($4::date IS NULL OR s.start_date <= $4::date) "
    "AND (s.end_date IS NULL OR s.end_date >= $3::date) LIMIT 1"};
constexpr db::Query kServiceInsert{
    "service_insert",
    "INSERT INTO service AS s (id, sale_partner_id, service_partner_id, client_id, agent_id, service_type_id, "
    "start_date, end_date) VALUES ($2::uuid, $1::uuid, $3::uuid, $4::uuid, $5::uuid, $6::uuid, $7::date, $8::date) "
    "RETURNING " SERVICE_COLUMNS};
constexpr db::Query kServiceState{
    "service_state",
    "SELECT sale_partner_id::text, service_partner_id::text, agent_id::text, service_type_id::text, "
    "start_date::text, end_date::text, stopped FROM service WHERE id = $1::uuid"};
constexpr db::Query kServiceUpdate{
    "service_update", "UPDATE service s SET service_partner_id = $3::uuid, start_date = $4::date, end_date = $5::date "
                      "WHERE s.id = $2::uuid AND s.sale_partner_id = $1::uuid RETURNING " SERVICE_COLUMNS};
constexpr db::Query kServiceStop{"service_stop",
                                 "UPDATE service SET stopped = true WHERE id = $2::uuid AND sale_partner_id = $1::uuid"};

#undef SERVICE_COLUMNS

constexpr OperandSpec kServiceId = id("service_id", ObjectKind::Service);
constexpr OperandSpec kServicePartner = id("service_partner_id", ObjectKind::AnyPartner);
constexpr OperandSpec kStart = date("service_start_date");
constexpr OperandSpec kEnd = date("service_end_date");
constexpr OperandSpec kClient = id("client_id", ObjectKind::Client);
constexpr OperandSpec kAgent = id("agent_user_id", ObjectKind::UserAgent);

std::string day(const MoscowTime& t) { return t.str().substr(0, 10); }
MoscowTime today() { return MoscowTime::now().date(); }
MoscowTime stored_day(std::string_view text) { return *MoscowTime::parse(text); }

// A subscription's days: an open-ended end is nullopt.
struct Period {
  MoscowTime start;
  std::optional<MoscowTime> end;
  const char* end_param() const { return end_text ? end_text->c_str() : nullptr; }
  void settle() { end_text = end ? std::optional<std::string>(day(*end)) : std::nullopt; }
  std::optional<std::string> end_text;
};

void require_start_not_after_end(const Period& p) {
  if (p.end && p.end->to_unix() < p.start.to_unix())
    throw ApiError(code::kBadDate, "Начало абонемента (" + day(p.start) + ") позже его окончания (" + day(*p.end) + ")");
}

// The service partner holds a permission on the day the service begins, or
// today if it began already (a partner taking over an ongoing service).
void require_may_serve(Context& ctx, const Uid& partner, const Uid& line, const MoscowTime& start) {
  const MoscowTime on = start.to_unix() < today().to_unix() ? today() : start;
  if (db::exec(ctx.db, kMayServe, partner.str(), line.str(), day(on)).empty())
    throw ApiError(code::kNoPermission, "Партнер «" + partner.str() + "» не может обслуживать линию «" + line.str() +
                                            "» с " + day(on) + ": у него нет действующего договора с разрешением "
                                            "на эту линию (contract_service_read)");
}

void require_no_overlap(Context& ctx, const std::string& agent, const std::string& line, const Period& p,
                        const char* except) {
  const auto other = db::exec(ctx.db, kOverlapping, agent, line, day(p.start), p.end_param(), except);
  if (!other.empty())
    throw ApiError(code::kDuplicate, "У агента уже есть абонемент «" + std::string(other.text(0, 0)) +
                                         "» на эту линию, пересекающийся по срокам");
}

// The client's agent, active, of a live client.
void require_agent_of_client(Context& ctx, const Uid& client, const Uid& agent) {
  if (db::exec(ctx.db, kClientDeleted, client.str()).text(0, 0) == "t")
    throw ApiError(code::kClientDeleted, "Клиент «" + client.str() + "» удален: абонементы ему не подключить");
  const auto state = db::exec(ctx.db, kAgentState, agent.str());
  if (state.text(0, 0) != client.str())
    throw ApiError(code::kAgentNotOfClient,
                   "Агент «" + agent.str() + "» не принадлежит клиенту «" + client.str() + "»");
  if (state.text(0, 1) != "t")
    throw ApiError(code::kAgentInactive, "Агент «" + agent.str() + "» отключен (agent_user_delete восстановит его)");
}

// 1C's empty date (0001-01-01) is "not given".
std::optional<MoscowTime> given_day(const Args& a, const OperandSpec& o) {
  auto d = a.datetime(o);
  if (d && d->empty_date()) return std::nullopt;
  return d;
}

Result add(Context& ctx, const Args& a) {
  const Uid client = a.required_id(kClient), agent = a.required_id(kAgent), line = a.required_id(kLineId);
  const Uid partner = a.required_id(kServicePartner);
  require_live_line(ctx, line);
  require_agent_of_client(ctx, client, agent);
  Period p{given_day(a, kStart).value_or(today()), given_day(a, kEnd), {}};
  p.settle();
  require_start_not_after_end(p);
  if (p.end && p.end->to_unix() < today().to_unix())
    throw ApiError(code::kBadDate, "Окончание абонемента (" + day(*p.end) + ") уже прошло");
  require_may_serve(ctx, partner, line, p.start);
  require_no_overlap(ctx, agent.str(), line.str(), p, nullptr);
  return table_of(kServices, db::exec(ctx.db, kServiceInsert, ctx.partner.str(), Uid::random().str(), partner.str(),
                                      client.str(), agent.str(), line.str(), day(p.start), p.end_param()));
}

// What the partner sold, not stopped: its row (columns as kServiceState's).
db::Rows sold_service(Context& ctx, const Uid& service) {
  auto state = db::exec(ctx.db, kServiceState, service.str());
  if (state.text(0, 0) != ctx.partner.str())
    throw ApiError(code::kAccessDenied, "Абонемент «" + service.str() + "» продан другим партнером: изменять и "
                                                                         "отменять его может только он");
  return state;
}

// An omitted or nil value keeps; the empty date as the end makes it open-ended.
Result edit(Context& ctx, const Args& a) {
  const Uid service = a.required_id(kServiceId);
  const auto state = sold_service(ctx, service);
  if (state.text(0, 6) == "t")
    throw ApiError(code::kServiceStopped, "Абонемент «" + service.str() + "» отменен");
  const Uid line = *Uid::parse(state.text(0, 3));
  const Uid partner = a.id(kServicePartner).value_or(*Uid::parse(state.text(0, 1)));
  Period p{given_day(a, kStart).value_or(stored_day(state.text(0, 4))), std::nullopt, {}};
  if (const auto end = a.datetime(kEnd))
    p.end = given_day(a, kEnd);
  else if (!state.is_null(0, 5))
    p.end = stored_day(state.text(0, 5));
  p.settle();
  require_start_not_after_end(p);
  if (a.id(kServicePartner) || given_day(a, kStart)) require_may_serve(ctx, partner, line, p.start);
  require_no_overlap(ctx, std::string(state.text(0, 2)), line.str(), p, service.str().c_str());
  return table_of(kServices, db::exec(ctx.db, kServiceUpdate, ctx.partner.str(), service.str(), partner.str(),
                                      day(p.start), p.end_param()));
}

// The subscription ends at once and leaves the reads: the empty table.
Result stop(Context& ctx, const Args& a) {
  const Uid service = a.required_id(kServiceId);
  sold_service(ctx, service);
  db::exec(ctx.db, kServiceStop, ctx.partner.str(), service.str());
  return Table(kServices);
}

}  // namespace

std::vector<OperationSpec> service_operations() {
  const Access W = Access::Write;
  return {
      read("service_read",
           {kServiceId, id("sale_partner_id", ObjectKind::AnyPartner), id("client_id", ObjectKind::ServicedClient),
            kServicePartner, kStart, kEnd, id("agent_user_id", ObjectKind::ServicedAgent), kLineId},
           kServices, kServiceList),
      table_operation("service_add", W,
                      {required(kClient), required(kServicePartner), kStart, kEnd, required(kAgent), required(kLineId)},
                      kServices, add, {&kServiceInsert}),
      table_operation("service_stop", W, {required(kServiceId)}, kServices, stop, {}),
      table_operation("service_edit", W, {required(kServiceId), kServicePartner, kStart, kEnd}, kServices, edit,
                      {&kServiceUpdate}),
  };
}

}  // namespace partnerapi::ops
