#pragma once
// Schema migrations (sql/migrations/V###__name.sql, embedded in the binary),
// applied in order, each in its own transaction, under an advisory lock so two
// servers starting together do not race. Applying twice changes nothing.
#include <string>

namespace partnerapi::db {

// Returns the number of migrations applied now (0 when up to date).
int migrate(const std::string& conninfo);
// The newest migration this build carries: a database below it is not ready for it.
int embedded_schema_version();
// Loads the demo data (idempotent) and creates the demo logins if missing.
void load_demo(const std::string& conninfo);

}  // namespace partnerapi::db
