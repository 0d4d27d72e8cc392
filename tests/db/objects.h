#pragma once
// Objects of every kind for the contract tests: one the demo partner sees
// (from the demo data), and one made for the second demo partner, which the
// demo partner must not see. This is the one place that knows how to make an
// object of each kind for another partner; a new kind gets its line here.
#include <optional>
#include <string>

#include "partnerapi/db/transactions.h"

#include "partnerapi/object_kind.h"
#include "partnerapi/uid.h"

namespace objects {

using partnerapi::ObjectKind;

// The key of a demo object of `kind` that the demo partner sees (md5(key)::uuid),
// or, for a code kind, the code itself.
inline std::string own_key(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::Partner:
    case ObjectKind::AnyPartner: return "partner:demo";
    case ObjectKind::Region: return "region:Москва";
    case ObjectKind::ContactType: return "contact_type:client_address";
    case ObjectKind::Role: return "role:franchisee";
    case ObjectKind::Client:
    case ObjectKind::ServicedClient: return "client:romashka";
    case ObjectKind::ClientUser:
    case ObjectKind::ServicedClientUser: return "client_user:romashka-anna";
    case ObjectKind::PartnerUser: return "partner_user:ivanov";
    case ObjectKind::Agent:
    case ObjectKind::PartnerAgent: return "agent:ivanov";
    case ObjectKind::UserAgent:
    case ObjectKind::ServicedAgent: return "agent:romashka-anna";
    case ObjectKind::ServiceType: return "service_type:demo-buh";
    case ObjectKind::Service: return "service:romashka-anna-buh";
    case ObjectKind::Contract: return "contract:demo-service";
    case ObjectKind::Competence: return "competence:ivanov-buh";
    case ObjectKind::PayMethodType: break;
  }
  return "2";
}

// Whether an object of `kind` can belong to another partner at all (the
// dictionaries and "any partner" are everybody's).
inline bool has_foreign(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::AnyPartner:
    case ObjectKind::ContactType:
    case ObjectKind::Role:
    case ObjectKind::PayMethodType: return false;
    default: return true;
  }
}

namespace detail {

inline std::string insert(partnerapi::db::Transaction& tx, const std::string& sql) {
  const std::string id = partnerapi::Uid::random().str();
  tx.sql(sql, id);
  return id;
}
inline std::string number(const char* prefix) {
  return prefix + partnerapi::Uid::random().str().substr(0, 6);
}

constexpr const char* kDemo2 = "md5('partner:demo2')::uuid";

}  // namespace detail

// A new object of `kind` that belongs to the second demo partner; its UID.
inline std::string make_foreign(partnerapi::db::Transaction& tx, ObjectKind kind) {
  using detail::insert;
  const std::string demo2 = detail::kDemo2;
  switch (kind) {
    case ObjectKind::Partner: return std::string(tx.sql("SELECT " + demo2 + "::text").text(0, 0));
    case ObjectKind::Region: {
      const auto id = insert(tx, "INSERT INTO region (id, name) VALUES ($1, 'Регион второго партнера')");
      tx.sql("INSERT INTO partner_region (partner_id, region_id) VALUES (" + demo2 + ", $1::uuid)", id);
      return id;
    }
    case ObjectKind::ServicedClient: return make_foreign(tx, ObjectKind::Client);
    case ObjectKind::ServicedAgent: return make_foreign(tx, ObjectKind::UserAgent);
    case ObjectKind::ServicedClientUser: return make_foreign(tx, ObjectKind::ClientUser);
    case ObjectKind::Client:
      return insert(tx, "INSERT INTO client (id, partner_id, region_id, name, new_id) VALUES ($1, " + demo2 +
                            ", md5('region:Москва')::uuid, 'Клиент второго партнера', gen_random_uuid())");
    case ObjectKind::ClientUser: {
      const auto client = make_foreign(tx, ObjectKind::Client);
      return insert(tx, "INSERT INTO client_user (id, client_id, name) VALUES ($1, '" + client + "', 'Чужой')");
    }
    case ObjectKind::PartnerUser:
      return insert(tx, "INSERT INTO partner_user (id, partner_id, name) VALUES ($1, " + demo2 + ", 'Чужой')");
    case ObjectKind::Agent:
    case ObjectKind::PartnerAgent: {
      const auto user = make_foreign(tx, ObjectKind::PartnerUser);
      return insert(tx, "INSERT INTO agent (id, agent_type, number, password_plain, partner_id, partner_user_id) "
                        "VALUES ($1, 1, '" + detail::number("271828") + "', '1', " + demo2 + ", '" + user + "')");
    }
    case ObjectKind::UserAgent: {
      const auto user = make_foreign(tx, ObjectKind::ClientUser);
      return insert(tx, "INSERT INTO agent (id, agent_type, number, password_plain, client_id, client_user_id) "
                        "SELECT $1, 2, '" + detail::number("9") + "', '1', client_id, id FROM client_user "
                        "WHERE id = '" + user + "'");
    }
    case ObjectKind::ServiceType:
      return insert(tx, "INSERT INTO service_type (id, partner_id, name) VALUES ($1, " + demo2 + ", 'Чужая линия')");
    case ObjectKind::Service: {
      const auto agent = make_foreign(tx, ObjectKind::UserAgent);
      return insert(tx, "INSERT INTO service (id, sale_partner_id, service_partner_id, client_id, agent_id, "
                        "service_type_id, start_date) SELECT $1, " + demo2 + ", " + demo2 + ", client_id, id, "
                        "md5('service_type:common')::uuid, '2024-01-01' FROM agent WHERE id = '" + agent + "'");
    }
    case ObjectKind::Contract:
      return insert(tx, "INSERT INTO contract (id, partner_id, role_id, start_date) VALUES ($1, " + demo2 +
                            ", md5('role:service')::uuid, '2024-01-01')");
    case ObjectKind::Competence: {
      const auto agent = make_foreign(tx, ObjectKind::PartnerAgent);
      return insert(tx, "INSERT INTO competence (id, agent_id, service_type_id) VALUES ($1, '" + agent +
                            "', md5('service_type:common')::uuid)");
    }
    default: break;
  }
  throw std::logic_error("no object of another partner for kind " + std::string(partnerapi::kind_name(kind)));
}

}  // namespace objects
