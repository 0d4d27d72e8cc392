// Partner users and client users (section 4): read (with or without the
// birthday), add, edit, delete and restore, set the birthday, and contact
// information. The two kinds of user follow the same rules; what differs is
// their table, their owner and the names of their operands and columns, held
// once for each kind in a UserKind.
#include "partnerapi/db/queries.h"
#include "contact_types.h"
#include "families.h"

namespace partnerapi::ops {
namespace {

// The database's length of each name; the specification gives none, so a
// longer one is refused naming the operand, never cut.
constexpr std::size_t kNameMax = 100;

constexpr std::string_view kNoName = "Не указано имя сотрудника";

// The three names of a kind of user, as its operands are named.
struct Names {
  OperandSpec first, family, father;
};

constexpr OperandSpec name(std::string_view operand) { return text(operand, kNameMax, Overflow::Fault); }

// One kind of user: its shapes, its queries ($1 the current partner, $2 the
// user, then the values), its operands, and the names of the operations
// that change it.
struct UserKind {
  const TableShape& users;
  const TableShape& contacts;
  db::Query update, toggle_deleted, set_birthday, contact_list, contact_upsert;
  OperandSpec id;
  Names names;
  OperandSpec birthday_user;     // the user operand of *_set_birthday
  std::string_view birthday_alias;  // its second spelling, if the contract names one
  std::string_view edit_op, delete_op, birthday_op, contact_read_op, contact_edit_op;
};

TableShape user_shape(const std::string& who, const std::string& owner, bool with_birthday) {
  std::vector<Column> columns = {{who + "_id", ColumnType::String, kUid},
                                 {owner + "_id", ColumnType::String, kUid},
                                 {who + "_name", ColumnType::String, static_cast<int>(kNameMax)},
                                 {who + "_family_name", ColumnType::String, static_cast<int>(kNameMax)},
                                 {who + "_father_name", ColumnType::String, static_cast<int>(kNameMax)}};
  if (with_birthday) columns.push_back({who + "_birthday", ColumnType::Date});
  columns.push_back({who + "_del", ColumnType::Boolean});
  return TableShape(std::move(columns), {who + "_id"});
}

TableShape contact_shape(const std::string& who) {
  return TableShape({{who + "_id", ColumnType::String, kUid},
                     {"contact_type_id", ColumnType::String, kUid},
                     {"contact_view", ColumnType::String, kContactViewMax}},
                    {who + "_id", "contact_type_id"});
}

const TableShape kPartnerUsers = user_shape("partner_user", "partner", false);
const TableShape kPartnerUsersWithBirthday = user_shape("partner_user", "partner", true);
const TableShape kPartnerUserContacts = contact_shape("partner_user");
const TableShape kClientUsers = user_shape("client_user", "client", false);
const TableShape kClientUsersWithBirthday = user_shape("client_user", "client", true);
const TableShape kClientUserContacts = contact_shape("client_user");

const UserKind kPartnerUser{
    kPartnerUsers,
    kPartnerUserContacts,
    sql::partner_user_update,
    sql::partner_user_toggle_deleted,
    sql::partner_user_set_birthday,
    sql::partner_user_contacts,
    sql::partner_user_contact_upsert,
    id("partner_user_id", ObjectKind::PartnerUser),
    {name("partner_user_name"), name("partner_user_family_name"), name("partner_user_father_name")},
    // The signature says client_id, the parameter list partner_user_id:
    // either names the partner user (the contract).
    id("client_id", ObjectKind::PartnerUser),
    "partner_user_id",
    "partner_user_edit",
    "partner_user_delete",
    "partner_user_set_birthday",
    "partner_user_contact_read",
    "partner_user_contact_edit"};

const UserKind kClientUser{
    kClientUsers,
    kClientUserContacts,
    sql::client_user_update,
    sql::client_user_toggle_deleted,
    sql::client_user_set_birthday,
    sql::client_user_contacts,
    sql::client_user_contact_upsert,
    id("client_user_id", ObjectKind::ClientUser),
    {name("client_user_name"), name("client_user_family_name"), name("client_user_father_name")},
    id("client_user_id", ObjectKind::ClientUser),
    {},
    "client_user_edit",
    "client_user_delete",
    "client_user_set_birthday",
    "client_user_contact_read",
    "client_user_contact_edit"};

constexpr OperandSpec kIncludeDeleted = boolean("include_deleted");
constexpr OperandSpec kClientId = id("client_id", ObjectKind::Client);
constexpr OperandSpec kBirthday = required(date("birthday"));

// Adding, the first name must be there and not blank.
std::vector<OperandSpec> new_names(const Names& n) {
  return {required(nonblank(n.first, kNoName)), n.family, n.father};
}

Result partner_user_add(Context& ctx, const Args& a) {
  const Names& n = kPartnerUser.names;
  return table_of(kPartnerUsers, db::exec(ctx.db, sql::partner_user_insert, Uid::random().str(), ctx.partner.str(),
                                          a.param(n.first), a.param(n.family), a.param(n.father)));
}

constexpr Refusal kClientGone{
    &code::kClientDeleted, "the client is deleted", Ground::Specification,
    "client_delete: «всем пользователям этого клиента присвоится метка client_user_del»: a deleted client has no "
    "live users until it is restored."};

// A deleted client takes no new users: it is restored first (docs/spec-notes.md).
Result client_user_add(Context& ctx, const Args& a) {
  const Names& n = kClientUser.names;
  const Uid client = a.required_id(kClientId);
  if (!db::exec(ctx.db, sql::client_is_deleted, client.str()).empty())
    refuse(kClientGone, "Клиент «" + client.str() + "» удален: новых сотрудников ему не добавить, "
                                                     "пока он не восстановлен (client_delete)");
  return table_of(kClientUsers, db::exec(ctx.db, sql::client_user_insert, Uid::random().str(), client.str(),
                                         a.param(n.first), a.param(n.family), a.param(n.father)));
}

template <const UserKind& K>
Result edit(Context& ctx, const Args& a) {
  const Names& n = K.names;
  return table_of(K.users, db::exec(ctx.db, K.update, ctx.partner.str(), a.param(K.id), a.param(n.first),
                                    a.param(n.family), a.param(n.father)));
}

template <const UserKind& K>
Result toggle_deleted(Context& ctx, const Args& a) {
  return table_of(K.users, db::exec(ctx.db, K.toggle_deleted, ctx.partner.str(), a.param(K.id)));
}

template <const UserKind& K>
Result set_birthday(Context& ctx, const Args& a) {
  return db::exec(ctx.db, K.set_birthday, ctx.partner.str(), a.param(K.birthday_user), a.param(kBirthday))
             .affected() == 1;
}

template <const UserKind& K>
Result contact_read(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::User);
  return answer_rows(ctx, K.contacts, K.contact_list, ctx.partner.str(), a.param(K.id), a.param(kContactTypeId));
}

template <const UserKind& K>
Result contact_edit(Context& ctx, const Args& a) {
  require_contact_type(ctx, a.id(kContactTypeId), ContactOwner::User);
  return table_of(K.contacts, db::exec(ctx.db, K.contact_upsert, ctx.partner.str(), a.param(K.id),
                                       a.param(kContactTypeId), a.param(kContactView)));
}

// The declarations that change one kind of user (its reads and adds differ).
template <const UserKind& K>
std::vector<OperationSpec> changes() {
  const Access R = Access::Read, W = Access::Write;
  const OperandSpec user = required(K.id);
  std::vector<OperandSpec> birthday = {required(K.birthday_user)};
  if (!K.birthday_alias.empty()) birthday.push_back(alias(K.birthday_alias, K.birthday_user));
  birthday.push_back(kBirthday);
  return {
      table_operation(K.edit_op, W, {user, K.names.first, K.names.family, K.names.father}, K.users, edit<K>,
                      {&K.update}),
      table_operation(K.delete_op, W, {user}, K.users, toggle_deleted<K>, {&K.toggle_deleted}),
      boolean_operation(K.birthday_op, W, std::move(birthday), set_birthday<K>),
      refusing(table_operation(K.contact_read_op, R, {K.id, kContactTypeId}, K.contacts, contact_read<K>,
                               {&K.contact_list}),
               {&kContactTypeOfOthers}),
      refusing(table_operation(K.contact_edit_op, W, {user, required(kContactTypeId), kContactView}, K.contacts,
                               contact_edit<K>, {&K.contact_upsert}),
               {&kContactTypeOfOthers}),
  };
}

}  // namespace

std::vector<OperationSpec> user_operations() {
  const Access W = Access::Write;
  const OperandSpec partner_user = kPartnerUser.id, client_user = kClientUser.id;
  std::vector<OperandSpec> client_add = {required(kClientId)};
  for (auto& o : new_names(kClientUser.names)) client_add.push_back(o);
  std::vector<OperationSpec> out = {
      read("partner_user_read", {partner_user, kIncludeDeleted}, kPartnerUsers, sql::partner_users),
      read("partner_user_read_with_birthday", {partner_user, kIncludeDeleted}, kPartnerUsersWithBirthday,
           sql::partner_users_with_birthday),
      table_operation("partner_user_add", W, new_names(kPartnerUser.names), kPartnerUsers, partner_user_add,
                      {&sql::partner_user_insert}),
      read("client_user_read", {client_user, kClientId, kIncludeDeleted}, kClientUsers, sql::client_users),
      read("client_user_read_with_birthday", {client_user, kClientId, kIncludeDeleted}, kClientUsersWithBirthday,
           sql::client_users_with_birthday),
      refusing(table_operation("client_user_add", W, client_add, kClientUsers, client_user_add, {&sql::client_user_insert}),
               {&kClientGone}),
  };
  for (auto* family : {changes<kPartnerUser>, changes<kClientUser>})
    for (auto& spec : family()) out.push_back(std::move(spec));
  return out;
}

}  // namespace partnerapi::ops
