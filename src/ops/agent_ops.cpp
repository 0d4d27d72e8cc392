// Agents (section 4): the devices through which a partner's employees
// (agent_type 1) and its clients' users (agent_type 2) reach the platform.
// Read, add, edit, and delete (which restores an inactive agent, as the
// specification says for a restored client's devices). The two kinds follow
// the same rules; what differs is their owner, held once per kind in an
// AgentKind. Passwords are sealed before they reach the database and opened
// as rows become the table (settings().agent_keys).
#include <spdlog/spdlog.h>

#include "partnerapi/db/queries.h"
#include "families.h"
#include "partnerapi/ops/settings.h"
#include "partnerapi/text.h"
#include "shapes.h"

namespace partnerapi::ops {
namespace {

// A password's most characters: the specification gives none.
constexpr std::size_t kPasswordMax = 64;
constexpr int kNumberWidth = 20;

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
                              sql::partner_agents,
                              sql::partner_agent_insert,
                              sql::partner_agent_update,
                              sql::partner_agent_toggle,
                              sql::partner_user_state,
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
                           sql::user_agents,
                           sql::user_agent_insert,
                           sql::user_agent_update,
                           sql::user_agent_toggle,
                           sql::client_user_state,
                           &sql::agent_and_user_same_client,
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
  if (rows.empty()) refuse_user<K>(ctx, std::string(db::exec(ctx.db, sql::agent_user_of, agent.str()).text(0, 0)));
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
