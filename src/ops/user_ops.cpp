// Partner users and client users (section 4): read (with or without the
// birthday), add, edit, delete and restore, set the birthday, and contact
// information. The two kinds of user follow the same rules; what differs is
// their table, their owner and the names of their operands and columns, held
// once for each kind in a UserKind.
#include "contact_types.h"
#include "families.h"

namespace partnerapi::ops {
namespace {

// The database's length of each name; the specification gives none, so a
// longer one is refused naming the operand, never cut.
constexpr std::size_t kNameMax = 100;

constexpr std::string_view kNoName = "Не указано имя сотрудника";

// The columns of section 4 for a user of table alias `u`: `who` is
// "partner_user" or "client_user", `owner` "partner" or "client".
#define USER_COLUMNS(who, owner)                                                                                \
  "u.id::text AS " who "_id, u." owner "_id::text AS " owner "_id, u.name AS " who "_name, "                   \
  "u.family_name AS " who "_family_name, u.father_name AS " who "_father_name, u.deleted AS " who "_del"
// The same with the birthday: a date, nil when never set.
#define USER_COLUMNS_WITH_BIRTHDAY(who, owner) \
  USER_COLUMNS(who, owner) ", to_char(u.birthday, 'YYYY-MM-DD') || 'T00:00:00' AS " who "_birthday"
#define CONTACT_COLUMNS(who) \
  "k." who "_id::text AS " who "_id, k.contact_type_id::text AS contact_type_id, k.view AS contact_view"
// Live users, or all of them when include_deleted is true.
#define LIVE_UNLESS(flag) "(COALESCE(" flag "::boolean, false) OR NOT u.deleted)"
#define PARTNER_USERS "FROM partner_user u WHERE u.partner_id = $1::uuid "
#define CLIENT_USERS "FROM client_user u JOIN client c ON c.id = u.client_id WHERE c.partner_id = $1::uuid "
#define BY_NAME " ORDER BY u.family_name, u.name, u.id"

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

constexpr db::Query kPartnerUserList{
    "partner_users", "SELECT " USER_COLUMNS("partner_user", "partner") " " PARTNER_USERS
                     "AND ($2::uuid IS NULL OR u.id = $2::uuid) AND " LIVE_UNLESS("$3") BY_NAME};
constexpr db::Query kPartnerUserListWithBirthday{
    "partner_users_with_birthday", "SELECT " USER_COLUMNS_WITH_BIRTHDAY("partner_user", "partner") " " PARTNER_USERS
                                   "AND ($2::uuid IS NULL OR u.id = $2::uuid) AND " LIVE_UNLESS("$3") BY_NAME};
constexpr db::Query kClientUserList{
    "client_users", "SELECT " USER_COLUMNS("client_user", "client") " " CLIENT_USERS
                    "AND ($2::uuid IS NULL OR u.id = $2::uuid) AND ($3::uuid IS NULL OR u.client_id = $3::uuid) "
                    "AND " LIVE_UNLESS("$4") BY_NAME};
constexpr db::Query kClientUserListWithBirthday{
    "client_users_with_birthday",
    "SELECT " USER_COLUMNS_WITH_BIRTHDAY("client_user", "client") " " CLIENT_USERS
    "AND ($2::uuid IS NULL OR u.id = $2::uuid) AND ($3::uuid IS NULL OR u.client_id = $3::uuid) "
    "AND " LIVE_UNLESS("$4") BY_NAME};

constexpr db::Query kPartnerUserInsert{
    "partner_user_insert",
    "INSERT INTO partner_user AS u (id, partner_id, name, family_name, father_name) "
    "VALUES ($1::uuid, $2::uuid, $3, COALESCE($4, ''), COALESCE($5, '')) RETURNING " USER_COLUMNS("partner_user",
                                                                                                   "partner")};
constexpr db::Query kClientUserInsert{
    "client_user_insert",
    "INSERT INTO client_user AS u (id, client_id, name, family_name, father_name) "
    "VALUES ($1::uuid, $2::uuid, $3, COALESCE($4, ''), COALESCE($5, '')) RETURNING " USER_COLUMNS("client_user",
                                                                                                   "client")};
constexpr db::Query kClientIsDeleted{"client_is_deleted", "SELECT 1 FROM client WHERE id = $1::uuid AND deleted"};

// Omitted or nil (NULL) leaves a name as it is; "" clears it.
#define SET_NAMES "SET name = COALESCE($3, u.name), family_name = COALESCE($4, u.family_name), " \
                  "father_name = COALESCE($5, u.father_name) "
// A user deleted makes its agents inactive; one restored gets them back only
// by agent_*_delete, as a restored client does (docs/spec-notes.md).
#define TOGGLE_DELETED(table, who, owner, scope)                                                                \
  "WITH u AS (UPDATE " table " u SET deleted = NOT u.deleted WHERE u.id = $2::uuid AND " scope " RETURNING u.*), " \
  "a AS (UPDATE agent SET active = false WHERE " who "_id IN (SELECT id FROM u WHERE deleted) AND active) "        \
  "SELECT " USER_COLUMNS(who, owner) " FROM u"
#define OF_PARTNER "u.partner_id = $1::uuid"
#define OF_PARTNERS_CLIENT "EXISTS (SELECT 1 FROM client c WHERE c.id = u.client_id AND c.partner_id = $1::uuid)"

const UserKind kPartnerUser{
    kPartnerUsers,
    kPartnerUserContacts,
    {"partner_user_update", "UPDATE partner_user u " SET_NAMES "WHERE u.id = $2::uuid AND " OF_PARTNER
                            " RETURNING " USER_COLUMNS("partner_user", "partner")},
    {"partner_user_toggle_deleted", TOGGLE_DELETED("partner_user", "partner_user", "partner", OF_PARTNER)},
    {"partner_user_set_birthday", "UPDATE partner_user u SET birthday = $3::date WHERE u.id = $2::uuid AND " OF_PARTNER},
    {"partner_user_contacts",
     "SELECT " CONTACT_COLUMNS("partner_user") " FROM partner_user_contact k JOIN partner_user u ON u.id = k.partner_user_id "
     "JOIN contact_type t ON t.id = k.contact_type_id WHERE " OF_PARTNER " AND ($2::uuid IS NULL OR u.id = $2::uuid) "
     "AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid) ORDER BY u.family_name, u.name, u.id, t.name"},
    {"partner_user_contact_upsert",
     "INSERT INTO partner_user_contact AS k (partner_user_id, contact_type_id, view) "
     "SELECT $2::uuid, $3::uuid, $4 FROM partner_user u WHERE u.id = $2::uuid AND " OF_PARTNER " "
     "ON CONFLICT (partner_user_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view "
     "RETURNING " CONTACT_COLUMNS("partner_user")},
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
    {"client_user_update", "UPDATE client_user u " SET_NAMES "WHERE u.id = $2::uuid AND " OF_PARTNERS_CLIENT
                           " RETURNING " USER_COLUMNS("client_user", "client")},
    {"client_user_toggle_deleted", TOGGLE_DELETED("client_user", "client_user", "client", OF_PARTNERS_CLIENT)},
    {"client_user_set_birthday",
     "UPDATE client_user u SET birthday = $3::date WHERE u.id = $2::uuid AND " OF_PARTNERS_CLIENT},
    {"client_user_contacts",
     "SELECT " CONTACT_COLUMNS("client_user") " FROM client_user_contact k JOIN client_user u ON u.id = k.client_user_id "
     "JOIN client c ON c.id = u.client_id JOIN contact_type t ON t.id = k.contact_type_id "
     "WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR u.id = $2::uuid) "
     "AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid) ORDER BY u.family_name, u.name, u.id, t.name"},
    {"client_user_contact_upsert",
     "INSERT INTO client_user_contact AS k (client_user_id, contact_type_id, view) "
     "SELECT $2::uuid, $3::uuid, $4 FROM client_user u WHERE u.id = $2::uuid AND " OF_PARTNERS_CLIENT " "
     "ON CONFLICT (client_user_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view "
     "RETURNING " CONTACT_COLUMNS("client_user")},
    id("client_user_id", ObjectKind::ClientUser),
    {name("client_user_name"), name("client_user_family_name"), name("client_user_father_name")},
    id("client_user_id", ObjectKind::ClientUser),
    {},
    "client_user_edit",
    "client_user_delete",
    "client_user_set_birthday",
    "client_user_contact_read",
    "client_user_contact_edit"};

#undef USER_COLUMNS
#undef USER_COLUMNS_WITH_BIRTHDAY
#undef CONTACT_COLUMNS
#undef LIVE_UNLESS
#undef PARTNER_USERS
#undef CLIENT_USERS
#undef BY_NAME
#undef SET_NAMES
#undef TOGGLE_DELETED
#undef OF_PARTNER
#undef OF_PARTNERS_CLIENT

constexpr OperandSpec kIncludeDeleted = boolean("include_deleted");
constexpr OperandSpec kClientId = id("client_id", ObjectKind::Client);
constexpr OperandSpec kBirthday = required(date("birthday"));

// Adding, the first name must be there and not blank.
std::vector<OperandSpec> new_names(const Names& n) {
  return {required(nonblank(n.first, kNoName)), n.family, n.father};
}

Result partner_user_add(Context& ctx, const Args& a) {
  const Names& n = kPartnerUser.names;
  return table_of(kPartnerUsers, db::exec(ctx.db, kPartnerUserInsert, Uid::random().str(), ctx.partner.str(),
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
  if (!db::exec(ctx.db, kClientIsDeleted, client.str()).empty())
    refuse(kClientGone, "Клиент «" + client.str() + "» удален: новых сотрудников ему не добавить, "
                                                     "пока он не восстановлен (client_delete)");
  return table_of(kClientUsers, db::exec(ctx.db, kClientUserInsert, Uid::random().str(), client.str(),
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
      read("partner_user_read", {partner_user, kIncludeDeleted}, kPartnerUsers, kPartnerUserList),
      read("partner_user_read_with_birthday", {partner_user, kIncludeDeleted}, kPartnerUsersWithBirthday,
           kPartnerUserListWithBirthday),
      table_operation("partner_user_add", W, new_names(kPartnerUser.names), kPartnerUsers, partner_user_add,
                      {&kPartnerUserInsert}),
      read("client_user_read", {client_user, kClientId, kIncludeDeleted}, kClientUsers, kClientUserList),
      read("client_user_read_with_birthday", {client_user, kClientId, kIncludeDeleted}, kClientUsersWithBirthday,
           kClientUserListWithBirthday),
      refusing(table_operation("client_user_add", W, client_add, kClientUsers, client_user_add, {&kClientUserInsert}),
               {&kClientGone}),
  };
  for (auto* family : {changes<kPartnerUser>, changes<kClientUser>})
    for (auto& spec : family()) out.push_back(std::move(spec));
  return out;
}

}  // namespace partnerapi::ops
