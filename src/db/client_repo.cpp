#include "partnerapi/db/client_repo.h"

#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {

// The client shape of section 4, in its column order.
#define CLIENT_COLUMNS(c)                                                                               \
  c "id::text, " c "region_id::text, " c "name, " c "full_name, " c "deleted, " c "inn, " c "kpp, " c \
    "reg_num, " c "pay_method_type_id::text, " c "addit_attribute, " c "new_id::text"

// A subscription in force: not stopped, not ended before today.
#define SERVICE_IN_FORCE(s) "NOT " s "stopped AND (" s "end_date IS NULL OR " s "end_date >= moscow_today())"

// Two statements, not one with "$2 IS NULL OR id = $2": a prepared statement's
// generic plan would scan all of a partner's clients to find one.
constexpr Query kClients{
    "clients",
    "SELECT " CLIENT_COLUMNS("") " FROM client WHERE partner_id = $1::uuid "
    "AND ($2::uuid IS NULL OR region_id = $2::uuid) AND ($3::boolean OR NOT deleted) "
    "AND ($4::text IS NULL OR addit_attribute = $4::text) ORDER BY name, id"};
constexpr Query kClient{
    "client",
    "SELECT " CLIENT_COLUMNS("") " FROM client WHERE id = $2::uuid AND partner_id = $1::uuid "
    "AND ($3::uuid IS NULL OR region_id = $3::uuid) AND ($4::text IS NULL OR addit_attribute = $4::text)"};
constexpr Query kClientInsert{
    "client_insert",
    "INSERT INTO client (id, partner_id, new_id, name, region_id, full_name, inn, kpp, reg_num, "
    "pay_method_type_id, addit_attribute) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::uuid, "
    "COALESCE($6, ''), COALESCE($7, ''), COALESCE($8, ''), COALESCE($9, ''), $10::smallint, COALESCE($11, '')) "
    "RETURNING " CLIENT_COLUMNS("")};
constexpr Query kClientUpdate{
    "client_update",
    "UPDATE client SET name = COALESCE($3, name), region_id = COALESCE($4::uuid, region_id), "
    "full_name = COALESCE($5, full_name), inn = COALESCE($6, inn), kpp = COALESCE($7, kpp), "
    "reg_num = COALESCE($8, reg_num), pay_method_type_id = COALESCE($9::smallint, pay_method_type_id), "
    "addit_attribute = COALESCE($10, addit_attribute) "
    "WHERE id = $2::uuid AND partner_id = $1::uuid RETURNING " CLIENT_COLUMNS("")};
constexpr Query kClientToggleDeleted{
    "client_toggle_deleted",
    "WITH c AS (UPDATE client SET deleted = NOT deleted WHERE id = $2::uuid AND partner_id = $1::uuid "
    "  RETURNING *), "
    "s AS (UPDATE service SET stopped = true WHERE client_id IN (SELECT id FROM c WHERE deleted) AND NOT stopped), "
    "a AS (UPDATE agent SET active = false WHERE client_id IN (SELECT id FROM c WHERE deleted) AND active), "
    "u AS (UPDATE client_user SET deleted = true WHERE client_id IN (SELECT id FROM c WHERE deleted) "
    "  AND NOT deleted) "
    "SELECT " CLIENT_COLUMNS("") " FROM c"};
constexpr Query kPayMethodExists{"pay_method_exists", "SELECT 1 FROM pay_method_type WHERE id = $1::bigint"};
constexpr Query kClientContacts{
    "client_contacts",
    "SELECT k.client_id::text, k.contact_type_id::text, k.view FROM client_contact k "
    "JOIN client c ON c.id = k.client_id JOIN contact_type t ON t.id = k.contact_type_id "
    "WHERE c.partner_id = $1::uuid AND ($2::uuid IS NULL OR k.client_id = $2::uuid) "
    "AND ($3::uuid IS NULL OR k.contact_type_id = $3::uuid) ORDER BY c.name, c.id, t.name"};
constexpr Query kClientContactUpsert{
    "client_contact_upsert",
    "INSERT INTO client_contact (client_id, contact_type_id, view) VALUES ($1::uuid, $2::uuid, $3) "
    "ON CONFLICT (client_id, contact_type_id) DO UPDATE SET view = EXCLUDED.view "
    "RETURNING client_id::text, contact_type_id::text, view"};
constexpr Query kOwnExportedLine{
    "own_exported_line",
    "SELECT 1 FROM service_type WHERE id = $1::uuid AND partner_id = $2::uuid AND exported"};
constexpr Query kLineClients{
    "line_clients",
    "SELECT " CLIENT_COLUMNS("c.") " FROM client c WHERE ($2::uuid IS NULL OR c.partner_id = $2::uuid) "
    "AND EXISTS (SELECT 1 FROM service s WHERE s.client_id = c.id AND s.service_type_id = $1::uuid "
    "AND " SERVICE_IN_FORCE("s.") ") ORDER BY c.name, c.id"};

#undef CLIENT_COLUMNS
#undef SERVICE_IN_FORCE

}  // namespace

void read_clients(Session& db, const ClientFilter& f, Table& out) {
  if (f.client)
    append_rows(out, exec(db, kClient, f.partner, *f.client, nullable(f.region), nullable(f.addit_attribute)));
  else
    append_rows(out, exec(db, kClients, f.partner, nullable(f.region), f.include_deleted, nullable(f.addit_attribute)));
}

void add_client(Session& db, const NewClient& c, Table& out) {
  const auto& f = c.fields;
  append_rows(out, exec(db, kClientInsert, c.id, c.partner, c.new_id, c.name, c.region, nullable(f.full_name),
                        nullable(f.inn), nullable(f.kpp), nullable(f.reg_num), c.pay_method,
                        nullable(f.addit_attribute)));
}

void edit_client(Session& db, const std::string& partner, const std::string& client,
                 const ClientFields& f, Table& out) {
  const std::optional<std::string> pay = f.pay_method ? std::optional(std::to_string(*f.pay_method)) : std::nullopt;
  append_rows(out, exec(db, kClientUpdate, partner, client, nullable(f.name), nullable(f.region),
                        nullable(f.full_name), nullable(f.inn), nullable(f.kpp), nullable(f.reg_num), nullable(pay),
                        nullable(f.addit_attribute)));
}

void toggle_client_deleted(Session& db, const std::string& partner, const std::string& client,
                           Table& out) {
  append_rows(out, exec(db, kClientToggleDeleted, partner, client));
}

bool pay_method_exists(Session& db, long long id) { return !exec(db, kPayMethodExists, id).empty(); }

void read_client_contacts(Session& db, const ClientContactFilter& f, Table& out) {
  append_rows(out, exec(db, kClientContacts, f.partner, nullable(f.client), nullable(f.contact_type)));
}

void write_client_contact(Session& db, const std::string& client, const std::string& contact_type,
                          const std::string& view, Table& out) {
  append_rows(out, exec(db, kClientContactUpsert, client, contact_type, view));
}

bool own_exported_line(Session& db, const std::string& service_type, const std::string& partner) {
  return !exec(db, kOwnExportedLine, service_type, partner).empty();
}

void read_line_clients(Session& db, const std::string& service_type,
                       const std::optional<std::string>& client_partner, Table& out) {
  append_rows(out, exec(db, kLineClients, service_type, nullable(client_partner)));
}

}  // namespace partnerapi::db
