#pragma once
// The one ITS lookup: client_ITS_status_For_INN answers with it, and a new
// client's default payment method follows it.
#include <string_view>

#include "partnerapi/its.h"
#include "partnerapi/ops/operation.h"

namespace partnerapi::ops {

// The level of `reg_num` and `inn` in the 1C:ITS registry (blanks at the ends
// of the number ignored); the registry is read only for a valid number.
its::Status its_status(Context& ctx, std::string_view reg_num, std::string_view inn);

}  // namespace partnerapi::ops
