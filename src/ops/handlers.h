#pragma once
// Handlers of the operations built so far, one file per object family.
#include "partnerapi/ops/operation.h"

namespace partnerapi::ops {

// reference_ops.cpp: dictionaries
Result contact_type_read(Context&, const Request&);
Result role_read(Context&, const Request&);
Result call_status_type_read(Context&, const Request&);
Result remote_status_type_read(Context&, const Request&);
Result remote_access_type_read(Context&, const Request&);
Result pay_method_type_read(Context&, const Request&);
Result region_read(Context&, const Request&);

// partner_ops.cpp: the current partner
Result partner_read(Context&, const Request&);
Result partner_role_read(Context&, const Request&);
Result partner_region_read(Context&, const Request&);
Result partner_contact_read(Context&, const Request&);
Result partner_contact_edit(Context&, const Request&);

}  // namespace partnerapi::ops
