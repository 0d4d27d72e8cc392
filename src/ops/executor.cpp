#include <spdlog/spdlog.h>

#include "partnerapi/api_error.h"
#include "partnerapi/db/pool.h"
#include "partnerapi/ops/operation.h"

namespace partnerapi::ops {
namespace {

Result run_once(db::Pool& pool, const Operation& op, const Uid& partner, const Request& req) {
  const auto handle = [&](db::Session& session) {
    Context ctx{partner, session};
    return op.handler(ctx, req);
  };
  return op.access == Access::Write ? db::in_transaction(pool, handle) : db::without_transaction(pool, handle);
}

}  // namespace

Result execute(db::Pool& pool, const Uid& partner, const Request& req) {
  const Operation* op = find_operation(req.operation());
  if (!op) throw ApiError(code::kUnknownOperation, "Неизвестная операция " + std::string(req.operation()));
  if (!op->handler)
    throw ApiError(code::kNotImplemented, "Операция " + std::string(op->name) + " еще не реализована в этой версии сервиса");
  try {
    return run_once(pool, *op, partner, req);
  } catch (const pqxx::broken_connection& e) {
    // A write may or may not have committed: never repeat it. A read may be.
    if (op->access == Access::Write) throw;
    spdlog::warn("{}: connection lost ({}), retrying once", op->name, e.what());
    return run_once(pool, *op, partner, req);
  }
}

}  // namespace partnerapi::ops
