// Agents (section 4): the devices through which a partner's employees
// (agent_type 1) and its clients' users (agent_type 2) reach the platform.
// Read, add, edit, and delete (which restores an inactive agent, as the
// specification says for a restored client's devices). The two kinds follow
// the same rules; what differs is their owner, held once per kind in an
// AgentKind. Passwords are sealed before they reach the database and opened
// as rows become the table (settings().agent_keys).
#include <spdlog/spdlog.h>

#include "families.h"
#include "partnerapi/ops/settings.h"
#include "partnerapi/text.h"
#include "shapes.h"

namespace partnerapi::ops {
namespace {

// A password's most characters: the specification gives none.
constexpr std::size_t kPasswordMax = 64;
constexpr int kNumberWidth = 20;

// The columns of section 4 for an agent of table alias `a`: `who` is
// "agent_partner" or "agent_user"; `owner` is the owning company's column
// (partner_id, client_id) and `user` its user's (partner_user_id, client_user_id).
#define AGENT_COLUMNS(who, owner, user)                                                                   \
  "a.id::text AS " who "_id, a.number AS " who "_number, a.agent_type AS agent_type, a.password_sealed AS " \
  who "_password, a." owner "::text AS " owner ", a.active AS " who "_activity, a." user "::text AS " user
#define PARTNER_AGENT_COLUMNS AGENT_COLUMNS("agent_partner", "partner_id", "partner_user_id")
#define USER_AGENT_COLUMNS AGENT_COLUMNS("agent_user", "client_id", "client_user_id")
// An activity filter: true lists the active agents, false the inactive ones.
#define ACTIVITY_IS(param) "(" param "::boolean IS NULL OR a.active = " param "::boolean)"
#define OF_PARTNER "a.agent_type = 1 AND a.partner_id = $1::uuid"
#define OF_PARTNERS_CLIENT \
  "a.agent_type = 2 AND EXISTS (SELECT 1 FROM client c WHERE c.id = a.client_id AND c.partner_id = $1::uuid)"

TableShape agent_shape(const std::string& who, const std::string& owner, const std::string& user) {
  return TableShape({{who + "_id", ColumnType::String, kUid},
                     {who + "_number", ColumnType::String, kNumberWidth},
                     {"agent_type", ColumnType::Decimal},
                     {who + "_password", ColumnType::String, static_cast<int>(kPasswordMax)},
                     {owner, ColumnType::String, kUid},
                     {who + "_activity", ColumnType::Boolean},
                     {user, ColumnType::String, kUid}},
                    {who + "_id"});
}

const TableShape kPartnerAgents = agent_shape("agent_partner", "partner_id", "partner_user_id");
const TableShape kUserAgents = agent_shape("agent_user", "client_id", "client_user_id");

std::string opened(std::string_view sealed) { return settings().agent_keys->open(sealed); }
constexpr db::StoredAs kPartnerPassword{"agent_partner_password", opened};
constexpr db::StoredAs kUserPassword{"agent_user_password", opened};

// Reads: $1 the partner, then the filters in the order of the operands.
constexpr db::Query kPartnerAgentList{
    "partner_agents", "SELECT " PARTNER_AGENT_COLUMNS " FROM agent a WHERE " OF_PARTNER
                      " AND ($2::uuid IS NULL OR a.id = $2::uuid) AND " ACTIVITY_IS("$3")
                      " AND ($4::uuid IS NULL OR a.partner_user_id = $4::uuid) ORDER BY a.number"};
constexpr db::Query kUserAgentList{
    "user_agents",
    "SELECT " USER_AGENT_COLUMNS " FROM agent a JOIN client c ON c.id = a.client_id "
    "WHERE a.agent_type = 2 AND c.partner_id = $1::uuid AND ($2::uuid IS NULL OR a.id = $2::uuid) "
    "AND ($3::uuid IS NULL OR a.client_id = $3::uuid) AND " ACTIVITY_IS("$4")
    " AND ($5::uuid IS NULL OR a.client_user_id = $5::uuid) ORDER BY a.number"};

// Adds: $1 the partner, $2 the new agent's UID, $3 its sealed password, $4
// its user. The number comes from the kind's sequence; no row when the user
// (or, for a client's, the client) is deleted.
constexpr db::Query kPartnerAgentInsert{
    "partner_agent_insert",
    "INSERT INTO agent AS a (id, agent_type, number, password_sealed, partner_id, partner_user_id) "
    "SELECT $2::uuid, 1, nextval('agent_partner_number')::text, $3, u.partner_id, u.id FROM partner_user u "
    "WHERE u.id = $4::uuid AND u.partner_id = $1::uuid AND NOT u.deleted RETURNING " PARTNER_AGENT_COLUMNS};
constexpr db::Query kUserAgentInsert{
    "user_agent_insert",
    "INSERT INTO agent AS a (id, agent_type, number, password_sealed, client_id, client_user_id) "
    "SELECT $2::uuid, 2, nextval('agent_user_number')::text, $3, u.client_id, u.id FROM client_user u "
    "JOIN client c ON c.id = u.client_id WHERE u.id = $4::uuid AND c.partner_id = $1::uuid "
    "AND NOT u.deleted AND NOT c.deleted RETURNING " USER_AGENT_COLUMNS};

// Edits: $1 the partner, $2 the agent, $3 the new sealed password, $4 the new
// user; NULL keeps. The user was checked first (live, the same company).
#define SET_PASSWORD_AND_USER(user)                                                                         \
  "SET password_sealed = COALESCE($3, a.password_sealed), "                                                \
  "password_plain = CASE WHEN $3::text IS NULL THEN a.password_plain END, " user " = COALESCE($4::uuid, a." user ") "
constexpr db::Query kPartnerAgentUpdate{
    "partner_agent_update", "UPDATE agent a " SET_PASSWORD_AND_USER("partner_user_id") "WHERE a.id = $2::uuid AND " OF_PARTNER
                            " RETURNING " PARTNER_AGENT_COLUMNS};
constexpr db::Query kUserAgentUpdate{
    "user_agent_update", "UPDATE agent a " SET_PASSWORD_AND_USER("client_user_id") "WHERE a.id = $2::uuid AND " OF_PARTNERS_CLIENT
                         " RETURNING " USER_AGENT_COLUMNS};

// Delete and restore: $1 the partner, $2 the agent. A restore needs a live
// user (and a live client): its row is not changed otherwise.
constexpr db::Query kPartnerAgentToggle{
    "partner_agent_toggle",
    "UPDATE agent a SET active = NOT a.active WHERE a.id = $2::uuid AND " OF_PARTNER " AND (a.active OR EXISTS "
    "(SELECT 1 FROM partner_user u WHERE u.id = a.partner_user_id AND NOT u.deleted)) RETURNING " PARTNER_AGENT_COLUMNS};
constexpr db::Query kUserAgentToggle{
    "user_agent_toggle",
    "UPDATE agent a SET active = NOT a.active WHERE a.id = $2::uuid AND " OF_PARTNERS_CLIENT " AND (a.active OR EXISTS "
    "(SELECT 1 FROM client_user u JOIN client c ON c.id = u.client_id WHERE u.id = a.client_user_id "
    "AND NOT u.deleted AND NOT c.deleted)) RETURNING " USER_AGENT_COLUMNS};

// Why a user cannot hold an agent: $1 the user (seen by the partner).
constexpr db::Query kPartnerUserState{"partner_user_state",
                                      "SELECT false AS client_deleted, u.deleted FROM partner_user u WHERE u.id = $1::uuid"};
constexpr db::Query kClientUserState{
    "client_user_state",
    "SELECT c.deleted AS client_deleted, u.deleted FROM client_user u JOIN client c ON c.id = u.client_id "
    "WHERE u.id = $1::uuid"};
// Whether $1, a user agent, and $2, a client user, are of the same client.
constexpr db::Query kSameClient{"agent_and_user_same_client",
                                "SELECT 1 FROM agent a JOIN client_user u ON u.client_id = a.client_id "
                                "WHERE a.id = $1::uuid AND u.id = $2::uuid"};
constexpr db::Query kAgentUser{"agent_user_of",
                               "SELECT COALESCE(partner_user_id, client_user_id)::text FROM agent WHERE id = $1::uuid"};

#undef AGENT_COLUMNS
#undef PARTNER_AGENT_COLUMNS
#undef USER_AGENT_COLUMNS
#undef ACTIVITY_IS
#undef OF_PARTNER
#undef OF_PARTNERS_CLIENT
#undef SET_PASSWORD_AND_USER

constexpr Refusal kUntypable{
    &code::kBadValue, "a control character (tab, line break), or only blanks", Ground::Specification,
    "The signature types the password int: something typed at the agent's login. Any printable text is taken, "
    "not what cannot be typed."};
constexpr Refusal kClientGone{
    &code::kClientDeleted, "the user's client is deleted", Ground::Specification,
    "client_delete: «пользователи клиента и их устройства не восстанавливаются. Восстановление … вручную через "
    "операции client_user_delete и agent_user_delete»: an active agent belongs to a user of a live client."};
constexpr Refusal kUserGone{
    &code::kUserDeleted, "the agent's user (new, or on restore its own) is deleted", Ground::Specification,
    "«Для удаления связки пользователь+устройство используйте функции client_user_delete и agent_user_delete»: an "
    "active agent belongs to a live user."};
constexpr Refusal kTransfer{
    &code::kTransferDenied, "`client_user_id` is a user of another client than the agent's", Ground::Specification,
    "agent_user_edit: «Пользователь должен быть сотрудником компании в которой находится агент, то есть данная "
    "операция не осуществляет передачу агентов.»"};

// A given password is kept exactly as given (leading zeros, letters, any
// script), 1 to 64 characters, no control characters, not only blanks.
// "" is "none given": add generates one, edit keeps the old.
std::string password_format(std::string s) {
  if (s.empty()) return s;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f)
      refuse(kUntypable, "Пароль агента содержит управляющий символ (табуляцию, перевод строки)");
  if (text::blank(s)) refuse(kUntypable, "Пароль агента не может состоять из одних пробелов");
  return s;
}

constexpr OperandSpec password(std::string_view name) {
  return formatted(text(name, kPasswordMax, Overflow::Fault), password_format, kUntypable);
}

// One kind of agent: its shape and queries, its operands, its operations' names.
struct AgentKind {
  const TableShape& agents;
  const db::StoredAs& password_column;
  db::Query list, insert, update, toggle, user_state;
  const db::Query* same_company;  // whether an agent and a user are of one company; none when the Resolver knows
  OperandSpec id, password, activity, user;
  OperandSpec owner_filter;  // agent_user_read's client_id; none for partner agents
  std::string_view read_op, add_op, edit_op, delete_op;
  std::string_view user_kind;  // "сотрудник партнера" / "пользователь клиента", in faults
  std::vector<const Refusal*> user_refusals;  // why a user cannot hold an agent
};

const AgentKind kPartnerAgent{kPartnerAgents,
                              kPartnerPassword,
                              kPartnerAgentList,
                              kPartnerAgentInsert,
                              kPartnerAgentUpdate,
                              kPartnerAgentToggle,
                              kPartnerUserState,
                              nullptr,  // a partner user the Resolver passed is the partner's
                              id("agent_partner_id", ObjectKind::PartnerAgent),
                              password("agent_partner_password"),
                              boolean("agent_partner_activity"),
                              id("partner_user_id", ObjectKind::PartnerUser),
                              {},
                              "agent_partner_read",
                              "agent_partner_add",
                              "agent_partner_edit",
                              "agent_partner_delete",
                              "Сотрудник партнера",
                              {&kUserGone}};

const AgentKind kUserAgent{kUserAgents,
                           kUserPassword,
                           kUserAgentList,
                           kUserAgentInsert,
                           kUserAgentUpdate,
                           kUserAgentToggle,
                           kClientUserState,
                           &kSameClient,
                           id("agent_user_id", ObjectKind::UserAgent),
                           password("agent_user_password"),
                           boolean("agent_user_activity"),
                           id("client_user_id", ObjectKind::ClientUser),
                           id("client_id", ObjectKind::Client),
                           "agent_user_read",
                           "agent_user_add",
                           "agent_user_edit",
                           "agent_user_delete",
                           "Пользователь клиента",
                           {&kClientGone, &kUserGone}};

// A user visible to the partner that cannot hold an agent: it (or its client) is deleted.
template <const AgentKind& K>
[[noreturn]] void refuse_user(Context& ctx, const std::string& user) {
  const auto state = db::exec(ctx.db, K.user_state, user);
  if (!state.empty() && state.text(0, 0) == "t")
    refuse(kClientGone, "Клиент пользователя «" + user + "» удален: его агенты не действуют, "
                                                         "пока клиент не восстановлен (client_delete)");
  refuse(kUserGone, std::string(K.user_kind) + " «" + user + "» удален: агент принадлежит только действующему сотруднику");
}

template <const AgentKind& K>
Table agents(const db::Rows& rows) {
  return table_of(K.agents, rows, K.password_column);
}

template <const AgentKind& K>
Result add(Context& ctx, const Args& a) {
  const auto given = a.text(K.password);
  const std::string plain = given && !given->empty() ? *given : sealed::random_password();
  const std::string user = a.required_id(K.user).str();
  const auto rows = db::exec(ctx.db, K.insert, ctx.partner.str(), Uid::random().str(),
                             settings().agent_keys->seal(plain), user);
  if (rows.empty()) refuse_user<K>(ctx, user);
  return agents<K>(rows);
}

// The new user of an agent: live, and for a client's agent a user of the
// same client (the operation moves an agent within its company only).
template <const AgentKind& K>
void check_new_user(Context& ctx, const Uid& agent, const std::string& user) {
  if (K.same_company && db::exec(ctx.db, *K.same_company, agent.str(), user).empty())
    refuse(kTransfer, "Пользователь «" + user + "» не сотрудник клиента, у которого агент «" + agent.str() +
                          "»: агента можно передать только внутри его компании");
  const auto state = db::exec(ctx.db, K.user_state, user);
  if (state.empty() || state.text(0, 0) == "t" || state.text(0, 1) == "t") refuse_user<K>(ctx, user);
}

template <const AgentKind& K>
Result edit(Context& ctx, const Args& a) {
  const Uid agent = a.required_id(K.id);
  const auto user = a.id(K.user);
  if (user) check_new_user<K>(ctx, agent, user->str());
  // The activity is the specification's dummy operand: accepted, never applied.
  const auto given = a.text(K.password);
  std::optional<std::string> sealed_password;
  if (given && !given->empty()) sealed_password = settings().agent_keys->seal(*given);
  return agents<K>(db::exec(ctx.db, K.update, ctx.partner.str(), agent.str(), db::nullable(sealed_password),
                            user ? user->str().c_str() : nullptr));
}

// An active agent becomes inactive: the specification's "empty result". An
// inactive one is restored, its row returned, if its user is live.
template <const AgentKind& K>
Result toggle(Context& ctx, const Args& a) {
  const Uid agent = a.required_id(K.id);
  const auto rows = db::exec(ctx.db, K.toggle, ctx.partner.str(), agent.str());
  if (rows.empty()) refuse_user<K>(ctx, std::string(db::exec(ctx.db, kAgentUser, agent.str()).text(0, 0)));
  Table t = agents<K>(rows);
  return t.view(0, 5) == "false" ? Table(K.agents) : t;
}

template <const AgentKind& K>
std::vector<OperationSpec> family() {
  const Access W = Access::Write;
  std::vector<OperandSpec> filters = {K.id};
  if (!K.owner_filter.name.empty()) filters.push_back(K.owner_filter);
  filters.push_back(K.activity);
  filters.push_back(K.user);
  std::vector<const Refusal*> on_edit = K.user_refusals;
  if (K.same_company) on_edit.insert(on_edit.begin(), &kTransfer);
  return {
      read(K.read_op, filters, K.agents, K.list, K.password_column),
      refusing(table_operation(K.add_op, W, {K.password, required(K.user)}, K.agents, add<K>, {&K.insert}),
               K.user_refusals),
      refusing(table_operation(K.edit_op, W, {required(K.id), K.password, K.activity, K.user}, K.agents, edit<K>,
                               {&K.update}),
               on_edit),
      refusing(table_operation(K.delete_op, W, {required(K.id)}, K.agents, toggle<K>, {&K.toggle}), K.user_refusals),
  };
}

}  // namespace

std::vector<OperationSpec> agent_operations() {
  std::vector<OperationSpec> out = family<kPartnerAgent>();
  for (auto& spec : family<kUserAgent>()) out.push_back(std::move(spec));
  return out;
}

}  // namespace partnerapi::ops
