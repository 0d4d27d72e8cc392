#pragma once
// Support lines (service types) as the catalogue's operations check them, and
// the SQL fragments that say when a subscription or a permission is in force.
#include "partnerapi/ops/declaration.h"
#include "shapes.h"

namespace partnerapi::ops {

// A subscription (table alias `s`) that is active: not stopped, and in force
// today or later (Moscow).
#define PARTNERAPI_SERVICE_ACTIVE(s) "NOT " s "stopped AND (" s "end_date IS NULL OR " s "end_date >= moscow_today())"
// A period [start, end] (end NULL: open-ended) that overlaps the filter
// [from, to] (query parameters; NULL or 1C's empty date 0001-01-01: no bound).
#define PARTNERAPI_OVERLAPS(start, end, from, to)                                              \
  "(NULLIF(" to "::date, '0001-01-01') IS NULL OR " start " <= " to "::date) AND (NULLIF(" from \
  "::date, '0001-01-01') IS NULL OR " end " IS NULL OR " end " >= " from "::date)"

constexpr OperandSpec kLineId = id("service_type_id", ObjectKind::ServiceType);

extern const Refusal kLineDeleted;
extern const Refusal kNotOwnExportedLine;

// SERVICE_TYPE_DELETED when the line (visible to the partner) is deleted:
// nothing new is sold, permitted or assigned on it.
void require_live_line(Context& ctx, const Uid& line);
// ACCESS_DENIED unless the line is the current partner's own exported line
// (the vendor operations).
void require_own_exported_line(Context& ctx, const Uid& line);

}  // namespace partnerapi::ops
