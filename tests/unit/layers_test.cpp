// The operations see no libpq, libpqxx or libcurl type: every header they
// include is included here first, and the build stops if one brings one in.
#include "ops/contact_types.h"
#include "ops/families.h"
#include "ops/its_status.h"
#include "ops/operands.h"
#include "ops/shapes.h"
#include "partnerapi/db/errors.h"
#include "partnerapi/db/its_registry.h"
#include "partnerapi/db/transactions.h"
#include "partnerapi/db/visibility.h"
#include "partnerapi/ops/declaration.h"
#include "partnerapi/ops/operation.h"
#include "partnerapi/ops/resolver.h"
#include "partnerapi/ops/settings.h"
#include "partnerapi/mail/smtp.h"

#if defined(PQXX_H_COMPILER_PUBLIC) || defined(LIBPQ_FE_H)
#error "a header the operations include brings in libpq or libpqxx"
#endif
#if defined(CURLINC_CURL_H) || defined(__CURL_CURL_H)
#error "a header the operations include brings in libcurl"
#endif

#include <gtest/gtest.h>

TEST(Layers, TheOperationsHeadersBringInNoDatabaseLibrary) {
  // Checked when this file compiles; here, that the declarations are reachable.
  EXPECT_FALSE(partnerapi::ops::operations().empty());
}
