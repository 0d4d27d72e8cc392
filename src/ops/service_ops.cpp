// Subscriptions (section 4, «абонементы»): a support line sold to a client's
// user agent, served by a partner that holds a permission for the line. Read
// (active ones: in force or to come), add, edit (service partner and dates)
// and stop. The partner sees what it sold or serves; what it sold it changes.
#include "partnerapi/db/queries.h"
#include "families.h"
#include "lines.h"

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

constexpr OperandSpec kServiceId = id("service_id", ObjectKind::Service);
constexpr OperandSpec kServicePartner = id("service_partner_id", ObjectKind::AnyPartner);
constexpr OperandSpec kStart = date("service_start_date");
constexpr OperandSpec kEnd = date("service_end_date");
constexpr OperandSpec kClient = id("client_id", ObjectKind::Client);
constexpr OperandSpec kAgent = id("agent_user_id", ObjectKind::UserAgent);

constexpr Refusal kClientGone{
    &code::kClientDeleted, "the client is deleted", Ground::Specification,
    "client_delete: «отменяются абонементы по линиям поддержки»: a deleted client has no subscription in force."};
constexpr Refusal kAgentOfAnother{&code::kAgentNotOfClient, "`agent_user_id` is not an agent of `client_id`",
                                  Ground::Integrity,
                                  "A subscription's agent is its client's (the contract): the two would disagree."};
constexpr Refusal kAgentOff{
    &code::kAgentInactive, "the agent is inactive", Ground::Specification,
    "client_delete cancels access («agent_user_activity=false») and subscriptions together: an inactive agent has no "
    "subscription in force."};
constexpr Refusal kStartAfterEnd{&code::kBadDate, "the start is after the end", Ground::Schema,
                                 "The table's check: a subscription ends on or after its start."};
constexpr Refusal kNoPermissionToServe{
    &code::kNoPermission,
    "`service_partner_id` holds no permission for the line in force on the start day (or today, if it began)",
    Ground::Specification,
    "contract_service_add «Добавляет разрешение на оказание поддержки по линии»: serving a line takes a permission."};
constexpr Refusal kIdenticalLive{
    &code::kDuplicate, "a live subscription with the very same fields exists (a repeat of a call already committed)",
    Ground::Integrity,
    "A call repeated after its answer was lost must not sell one subscription twice. Overlapping subscriptions of "
    "one agent and line, differing in any field, are taken (service_read lists «которые действуют или будут "
    "действовать позже»)."};
constexpr Refusal kSoldByAnother{&code::kAccessDenied, "the subscription was sold by another partner",
                                 Ground::Security,
                                 "Its service partner reads it; only the partner that sold it changes or stops it."};
constexpr Refusal kStopped{
    &code::kServiceStopped, "the subscription was stopped", Ground::Specification,
    "service_stop «Отменяет абонент» for good: nothing restores it, and service_read no longer lists it."};

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
    refuse(kStartAfterEnd, "Начало абонемента (" + day(p.start) + ") позже его окончания (" + day(*p.end) + ")");
}

// The service partner holds a permission on the day the service begins, or
// today if it began already (a partner taking over an ongoing service).
void require_may_serve(Context& ctx, const Uid& partner, const Uid& line, const MoscowTime& start) {
  const MoscowTime on = start.to_unix() < today().to_unix() ? today() : start;
  if (db::exec(ctx.db, sql::partner_may_serve, partner.str(), line.str(), day(on)).empty())
    refuse(kNoPermissionToServe, "Партнер «" + partner.str() + "» не может обслуживать линию «" + line.str() + "» с " +
                                     day(on) + ": у него нет действующего договора с разрешением на эту линию "
                                     "(contract_service_read)");
}

// What a subscription is, apart from its UID.
struct Fields {
  std::string seller, server, client, agent, line;
};

void require_not_identical(Context& ctx, const Fields& f, const Period& p, const char* except) {
  const auto same = db::exec(ctx.db, sql::service_identical, f.seller, f.server, f.client, f.agent, f.line, day(p.start),
                             p.end_param(), except);
  if (!same.empty())
    refuse(kIdenticalLive, "Точно такой же абонемент уже есть: «" + std::string(same.text(0, 0)) + "»");
}

// The client's agent, active, of a live client.
void require_agent_of_client(Context& ctx, const Uid& client, const Uid& agent) {
  if (db::exec(ctx.db, sql::service_client_deleted, client.str()).text(0, 0) == "t")
    refuse(kClientGone, "Клиент «" + client.str() + "» удален: абонементы ему не подключить");
  const auto state = db::exec(ctx.db, sql::service_agent_state, agent.str());
  if (state.text(0, 0) != client.str())
    refuse(kAgentOfAnother, "Агент «" + agent.str() + "» не принадлежит клиенту «" + client.str() + "»");
  if (state.text(0, 1) != "t")
    refuse(kAgentOff, "Агент «" + agent.str() + "» отключен (agent_user_delete восстановит его)");
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
  require_may_serve(ctx, partner, line, p.start);
  require_not_identical(ctx, {ctx.partner.str(), partner.str(), client.str(), agent.str(), line.str()}, p, nullptr);
  return table_of(kServices, db::exec(ctx.db, sql::service_insert, ctx.partner.str(), Uid::random().str(), partner.str(),
                                      client.str(), agent.str(), line.str(), day(p.start), p.end_param()));
}

// What the partner sold, not stopped: its row (columns as sql::service_state's).
db::Rows sold_service(Context& ctx, const Uid& service) {
  auto state = db::exec(ctx.db, sql::service_state, service.str());
  if (state.text(0, 0) != ctx.partner.str())
    refuse(kSoldByAnother, "Абонемент «" + service.str() + "» продан другим партнером: изменять и "
                                                          "отменять его может только он");
  return state;
}

// An omitted or nil value keeps; the empty date as the end makes it open-ended.
Result edit(Context& ctx, const Args& a) {
  const Uid service = a.required_id(kServiceId);
  const auto state = sold_service(ctx, service);
  if (state.text(0, 6) == "t")
    refuse(kStopped, "Абонемент «" + service.str() + "» отменен");
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
  require_not_identical(ctx,
                        {ctx.partner.str(), partner.str(), std::string(state.text(0, 7)), std::string(state.text(0, 2)),
                         line.str()},
                        p, service.str().c_str());
  return table_of(kServices, db::exec(ctx.db, sql::service_update, ctx.partner.str(), service.str(), partner.str(),
                                      day(p.start), p.end_param()));
}

// The subscription ends at once and leaves the reads: the empty table.
Result stop(Context& ctx, const Args& a) {
  const Uid service = a.required_id(kServiceId);
  sold_service(ctx, service);
  db::exec(ctx.db, sql::service_stop, ctx.partner.str(), service.str());
  return Table(kServices);
}

}  // namespace

std::vector<OperationSpec> service_operations() {
  const Access W = Access::Write;
  return {
      read("service_read",
           {kServiceId, id("sale_partner_id", ObjectKind::AnyPartner), id("client_id", ObjectKind::ServicedClient),
            kServicePartner, kStart, kEnd, id("agent_user_id", ObjectKind::ServicedAgent), kLineId},
           kServices, sql::services),
      refusing(table_operation("service_add", W,
                               {required(kClient), required(kServicePartner), kStart, kEnd, required(kAgent),
                                required(kLineId)},
                               kServices, add, {&sql::service_insert}),
               {&kLineDeleted, &kClientGone, &kAgentOfAnother, &kAgentOff, &kStartAfterEnd, &kNoPermissionToServe,
                &kIdenticalLive}),
      refusing(table_operation("service_stop", W, {required(kServiceId)}, kServices, stop, {}), {&kSoldByAnother}),
      refusing(table_operation("service_edit", W, {required(kServiceId), kServicePartner, kStart, kEnd}, kServices,
                               edit, {&sql::service_update}),
               {&kSoldByAnother, &kStopped, &kStartAfterEnd, &kNoPermissionToServe, &kIdenticalLive}),
  };
}

}  // namespace partnerapi::ops
