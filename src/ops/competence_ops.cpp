// Competences (section 4): which support lines a partner's agent answers on,
// with a priority. Read, add and stop.
#include "partnerapi/db/queries.h"
#include "families.h"
#include "lines.h"

namespace partnerapi::ops {
namespace {

// The specification gives a default (3) and no range: the schema's check
// (competence.prioritet, V001) bounds it.
constexpr long long kPriorityMin = 0, kPriorityMax = 100, kPriorityDefault = 3;

constexpr Refusal kPriorityOutOfRange{&code::kBadValue, "`prioritet` outside 0–100", Ground::Schema,
                                      "The column's check (competence.prioritet BETWEEN 0 AND 100)."};
constexpr Refusal kAgentOff{
    &code::kAgentInactive, "the agent is inactive", Ground::Integrity,
    "An inactive agent is a deleted one («по активным (не удаленным) агентам»): a competence would send calls to a "
    "device without access."};

const TableShape kCompetences({{"competence_id", ColumnType::String, kUid},
                               {"agent_partner_id", ColumnType::String, kUid},
                               {"service_type_id", ColumnType::String, kUid},
                               {"prioritet", ColumnType::Decimal}},
                              {"competence_id"});

constexpr OperandSpec kCompetenceId = id("competence_id", ObjectKind::Competence);
constexpr OperandSpec kAgent = id("agent_partner_id", ObjectKind::PartnerAgent);
constexpr OperandSpec kPriority = integer("prioritet");

long long priority(const Args& a) {
  const long long p = a.integer(kPriority).value_or(kPriorityDefault);
  if (p < kPriorityMin || p > kPriorityMax)
    refuse(kPriorityOutOfRange, "Приоритет компетенции вне диапазона " + std::to_string(kPriorityMin) + "–" +
                                    std::to_string(kPriorityMax) + ": " + std::to_string(p));
  return p;
}

Result add(Context& ctx, const Args& a) {
  const Uid agent = a.required_id(kAgent), line = a.required_id(kLineId);
  const long long p = priority(a);
  require_live_line(ctx, line);
  if (db::exec(ctx.db, sql::competence_agent_active, agent.str()).text(0, 0) != "t")
    refuse(kAgentOff, "Агент «" + agent.str() + "» отключен (agent_partner_delete восстановит его)");
  return table_of(kCompetences,
                  db::exec(ctx.db, sql::competence_insert, Uid::random().str(), agent.str(), line.str(), p));
}

// The competence ends and leaves the reads: the empty table.
Result stop(Context& ctx, const Args& a) {
  db::exec(ctx.db, sql::competence_stop, a.required_id(kCompetenceId).str());
  return Table(kCompetences);
}

}  // namespace

std::vector<OperationSpec> competence_operations() {
  const Access W = Access::Write;
  return {
      // The signature names the agent agent_id, the parameter list
      // agent_partner_id: either carries it (the contract).
      read("competence_read", {kCompetenceId, id("agent_id", ObjectKind::PartnerAgent), alias("agent_partner_id",
                               id("agent_id", ObjectKind::PartnerAgent)), kLineId, kPriority},
           kCompetences, sql::competences),
      refusing(table_operation("competence_add", W, {required(kAgent), required(kLineId), kPriority}, kCompetences,
                               add, {&sql::competence_insert}),
               {&kPriorityOutOfRange, &kLineDeleted, &kAgentOff}),
      table_operation("competence_stop", W, {required(kCompetenceId)}, kCompetences, stop, {}),
  };
}

}  // namespace partnerapi::ops
