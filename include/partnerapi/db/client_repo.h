#pragma once
// Clients of the current partner, their contact information, and the clients
// served on a vendor's exported support line. Every function appends rows in
// the client shape of section 4 (or the contact shape) to `out`.
#include <optional>
#include <string>

#include "partnerapi/db/session.h"

#include "partnerapi/table.h"

namespace partnerapi::db {

struct ClientFilter {
  std::string partner;
  std::optional<std::string> client;  // given: returned whatever its deletion mark
  std::optional<std::string> region;
  bool include_deleted = false;
  std::optional<std::string> addit_attribute;
};
void read_clients(Session& db, const ClientFilter& f, Table& out);

// A client's stored fields; nullopt means "default" on add, "unchanged" on edit.
struct ClientFields {
  std::optional<std::string> name, region, full_name, inn, kpp, reg_num, addit_attribute;
  std::optional<int> pay_method;
};
struct NewClient {
  std::string partner, id, new_id, name, region;
  ClientFields fields;
  int pay_method = 0;
};
void add_client(Session& db, const NewClient& c, Table& out);
void edit_client(Session& db, const std::string& partner, const std::string& client,
                 const ClientFields& f, Table& out);
// Marks a live client deleted with its users, their agents and support-line
// subscriptions; restores a deleted one alone. One statement, so a concurrent
// second call sees the first one's result.
void toggle_client_deleted(Session& db, const std::string& partner, const std::string& client,
                           Table& out);

bool pay_method_exists(Session& db, long long id);

struct ClientContactFilter {
  std::string partner;
  std::optional<std::string> client;
  std::optional<std::string> contact_type;
};
void read_client_contacts(Session& db, const ClientContactFilter& f, Table& out);
void write_client_contact(Session& db, const std::string& client, const std::string& contact_type,
                          const std::string& view, Table& out);

// Whether `service_type` is an exported support line owned by `partner`.
bool own_exported_line(Session& db, const std::string& service_type, const std::string& partner);
// Clients (of `client_partner`, or of any partner) with a subscription in
// force on the support line.
void read_line_clients(Session& db, const std::string& service_type,
                       const std::optional<std::string>& client_partner, Table& out);

}  // namespace partnerapi::db
