#include "lines.h"

#include "partnerapi/api_error.h"

namespace partnerapi::ops {
namespace {

constexpr db::Query kLineDeleted{"line_deleted", "SELECT 1 FROM service_type WHERE id = $1::uuid AND deleted"};
constexpr db::Query kOwnExportedLine{
    "own_exported_line", "SELECT 1 FROM service_type WHERE id = $1::uuid AND partner_id = $2::uuid AND exported"};

}  // namespace

void require_live_line(Context& ctx, const Uid& line) {
  if (!db::exec(ctx.db, kLineDeleted, line.str()).empty())
    throw ApiError(code::kServiceTypeDeleted, "Линия поддержки «" + line.str() + "» удалена");
}

void require_own_exported_line(Context& ctx, const Uid& line) {
  if (db::exec(ctx.db, kOwnExportedLine, line.str(), ctx.partner.str()).empty())
    throw ApiError(code::kAccessDenied,
                   "Линия поддержки «" + line.str() + "» не является экспортируемой линией текущего партнера");
}

}  // namespace partnerapi::ops
