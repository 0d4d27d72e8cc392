#pragma once
// Support lines (service types) as the catalogue's operations check them.
#include "partnerapi/ops/declaration.h"
#include "shapes.h"

namespace partnerapi::ops {

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
