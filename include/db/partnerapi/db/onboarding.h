#pragma once
// What the API has no operation for and ops need to onboard a vendor or a
// franchisee without SQL (the admin command): exporting a support line,
// importing one for a partner, adding a contract, setting a partner's roles
// and regions. Each throws std::runtime_error naming what is wrong; the
// caller commits.
#include <optional>
#include <string>
#include <vector>

#include "partnerapi/db/session.h"
#include "partnerapi/uid.h"

namespace partnerapi::db {

// Offers the partner's own line to other partners (or withdraws it: only
// when no partner imported it).
void export_line(Session& db, const Uid& line, bool exported);
// The partner may use the vendor's exported line (or no longer: `imported` false).
void import_line(Session& db, const Uid& line, const Uid& partner, bool imported);
// Dates as YYYY-MM-DD; no end: open-ended. The role by code (franchisee,
// vendor, service, sale). Returns the contract's UID.
Uid add_contract(Session& db, const Uid& partner, const std::string& role, const std::string& start,
                 const std::optional<std::string>& end, const std::string& number);
// The partner's roles become exactly these codes.
void set_roles(Session& db, const Uid& partner, const std::vector<std::string>& roles);
// The partner's regions become exactly these (each a UID or a region's name).
void set_regions(Session& db, const Uid& partner, const std::vector<std::string>& regions);

}  // namespace partnerapi::db
