#include "partnerapi/db/visibility.h"

#include <stdexcept>

#include "partnerapi/db/queries.h"
#include "partnerapi/db/session.h"

namespace partnerapi::db {
namespace {

// The query that says whether an object of a kind is seen (sql/queries/visibility.sql).
struct Seen {
  ObjectKind kind;
  const Query* query;
};

constexpr Seen kSeen[] = {
    {ObjectKind::Partner, &sql::visible_partner},
    {ObjectKind::AnyPartner, &sql::visible_any_partner},
    {ObjectKind::Region, &sql::visible_region},
    {ObjectKind::ContactType, &sql::visible_contact_type},
    {ObjectKind::Role, &sql::visible_role},
    {ObjectKind::Client, &sql::visible_client},
    {ObjectKind::ClientUser, &sql::visible_client_user},
    {ObjectKind::PartnerUser, &sql::visible_partner_user},
    {ObjectKind::Agent, &sql::visible_agent},
    {ObjectKind::PartnerAgent, &sql::visible_partner_agent},
    {ObjectKind::UserAgent, &sql::visible_user_agent},
    {ObjectKind::ServiceType, &sql::visible_service_type},
    {ObjectKind::Service, &sql::visible_service},
    {ObjectKind::Contract, &sql::visible_contract},
    {ObjectKind::Competence, &sql::visible_competence},
    {ObjectKind::ServicedClient, &sql::visible_serviced_client},
    {ObjectKind::ServicedAgent, &sql::visible_serviced_agent},
    {ObjectKind::ServicedClientUser, &sql::visible_serviced_client_user},
    {ObjectKind::PayMethodType, &sql::visible_pay_method_type},
};

constexpr bool every_kind_once() {
  for (std::size_t k = 0; k < kObjectKindCount; ++k) {
    int found = 0;
    for (const Seen& s : kSeen) found += static_cast<std::size_t>(s.kind) == k ? 1 : 0;
    if (found != 1) return false;
  }
  return true;
}
static_assert(every_kind_once(), "every kind of object has one visibility query");

const Query& query_of(ObjectKind kind) {
  for (const Seen& s : kSeen)
    if (s.kind == kind) return *s.query;
  throw std::logic_error("no visibility query for kind " + std::string(kind_name(kind)));
}

}  // namespace

bool visible(Session& db, ObjectKind kind, const std::string& id, const std::string& partner) {
  return !exec(db, query_of(kind), id, partner).empty();
}

}  // namespace partnerapi::db
