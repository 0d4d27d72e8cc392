#include <spdlog/spdlog.h>

#include <atomic>
#include <optional>

#include "operands.h"
#include "partnerapi/api_error.h"
#include "partnerapi/db/errors.h"
#include "partnerapi/db/transactions.h"
#include "partnerapi/ops/declaration.h"
#include "partnerapi/ops/refusals.h"
#include "partnerapi/ops/resolver.h"

namespace partnerapi::ops {
namespace {

std::atomic<std::size_t> g_undeclared{0};

// A Client fault that the operation's declaration does not list is a slip
// of ours (the refusal table would not show it): logged, and counted for the
// tests. The caller still gets the fault.
template <class Run>
auto declared_refusals_only(const OperationSpec& spec, Run&& run) {
  try {
    return run();
  } catch (const ApiError& e) {
    if (e.side() == FaultSide::Client && !may_refuse(spec, e.code())) {
      g_undeclared.fetch_add(1);
      spdlog::error("{}: refused with {}, which its declaration does not list", spec.name, e.code());
    }
    throw;
  }
}

const OperationSpec& operation_of(const Request& req) {
  const OperationSpec* spec = find_operation(req.operation());
  if (!spec) throw ApiError(code::kUnknownOperation, "Неизвестная операция " + std::string(req.operation()));
  if (!spec->built()) {
    req.validate();  // a malformed operand is still the caller's to hear about first
    throw ApiError(code::kNotImplemented,
                   "Операция " + std::string(spec->name) + " еще не реализована в этой версии сервиса");
  }
  return *spec;
}

Result plain_read(Context& ctx, const OperationSpec& spec, const Args& args) {
  std::vector<const char*> params;
  params.reserve(spec.query_params);
  if (spec.query_params > 0) params.push_back(ctx.partner.str().c_str());
  // A second spelling carries its operand's value: it takes no parameter.
  for (std::size_t i = 0; i < spec.operands.size() && params.size() < spec.query_params; ++i)
    if (spec.operands[i].alias_of.empty()) params.push_back(args.param(i));
  if (!spec.few_rows) return ctx.db.stream(*spec.shape, *spec.query, params, spec.stored_as);
  const auto rows = ctx.db.run(*spec.query, params);
  return spec.stored_as ? table_of(*spec.shape, rows, *spec.stored_as) : table_of(*spec.shape, rows);
}

Result run_parsed(db::Session& db, const Uid& partner, const OperationSpec& spec, const Args& args) {
  return declared_refusals_only(spec, [&] {
    Context ctx{partner, db};
    Resolver(ctx).resolve(args);
    return spec.query ? plain_read(ctx, spec, args) : spec.body(ctx, args);
  });
}

Result run_once(db::Pool& pool, const Uid& partner, const OperationSpec& spec, const Args& args) {
  std::optional<Result> result;
  const auto work = [&](db::Session& session) { result = run_parsed(session, partner, spec, args); };
  if (spec.access == Access::Write)
    db::run_in_transaction(pool, work);
  else
    db::run_without_transaction(pool, work);
  return std::move(*result);
}

[[noreturn]] void unavailable(const OperationSpec& spec, const std::exception& e) {
  spdlog::error("{}: database unavailable: {}", spec.name, e.what());
  throw ApiError(code::kUnavailable);
}

}  // namespace

std::size_t undeclared_refusals() { return g_undeclared.load(); }

Result run(db::Session& db, const Uid& partner, const Request& req) {
  const OperationSpec& spec = operation_of(req);
  Result result = run_parsed(db, partner, spec, declared_refusals_only(spec, [&] { return parse_operands(spec, req); }));
  if (auto* stream = std::get_if<TableStream>(&result)) return collect(*stream);
  return result;
}

Result execute(db::Pool& pool, const Uid& partner, const Request& req) {
  const OperationSpec& spec = operation_of(req);
  const Args args = declared_refusals_only(spec, [&] { return parse_operands(spec, req); });  // before any connection
  try {
    try {
      return run_once(pool, partner, spec, args);
    } catch (const db::ConnectionLost& e) {
      // Before a commit: nothing was written, so running it again is safe.
      spdlog::warn("{}: connection lost ({}), retrying once", spec.name, e.what());
    } catch (const db::Retryable& e) {
      spdlog::warn("{}: {}, retrying once", spec.name, e.what());
    }
    return run_once(pool, partner, spec, args);
  } catch (const db::ConnectionLost& e) {
    unavailable(spec, e);
  } catch (const db::CommitUnknown& e) {
    unavailable(spec, e);  // the commit's fate is unknown: never repeated
  } catch (const db::Retryable& e) {
    spdlog::error("{}: {} again", spec.name, e.what());
    throw ApiError(code::kUnavailable, kOverloaded);
  }
}

}  // namespace partnerapi::ops
