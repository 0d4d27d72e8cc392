#pragma once
// Whether an object of a kind exists and the partner may see it: the database
// half of the Resolver. One named query per kind (object_kind.h).
#include <string>

#include "partnerapi/db/session.h"
#include "partnerapi/object_kind.h"

namespace partnerapi::db {

// `id` is a UID's text, or an integer code's for a code kind.
bool visible(Session& db, ObjectKind kind, const std::string& id, const std::string& partner);

}  // namespace partnerapi::db
