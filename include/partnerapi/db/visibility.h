#pragma once
// Whether an object of a kind exists and the partner may see it: the database
// half of the Resolver. One named query per kind.
#include <string>

#include "partnerapi/db/session.h"

namespace partnerapi::db {

enum class Visible {
  Partner, AnyPartner, Region, ContactType, Role, Client, ClientUser, PartnerUser, Agent,
  PartnerAgent, UserAgent, ServiceType, Service, Contract, Competence,
};

bool visible(Session& db, Visible kind, const std::string& id, const std::string& partner);

}  // namespace partnerapi::db
