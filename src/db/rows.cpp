#include "partnerapi/db/rows.h"

#include "rows_from.h"

#include <libpq-fe.h>
#include <stdexcept>
#include <string>
#include <vector>

#include "partnerapi/cooperative.h"

namespace partnerapi::db {

struct Rows::Result {
  PgResult pq;
};

Rows rows_of(PgResult r) { return Rows(std::make_unique<Rows::Result>(Rows::Result{std::move(r)})); }

Rows::Rows(std::unique_ptr<Result> result) : result_(std::move(result)) {}
Rows::Rows(Rows&&) noexcept = default;
Rows& Rows::operator=(Rows&&) noexcept = default;
Rows::~Rows() = default;

std::size_t Rows::size() const { return static_cast<std::size_t>(PQntuples(result_->pq.get())); }
std::size_t Rows::columns() const { return static_cast<std::size_t>(PQnfields(result_->pq.get())); }

std::string_view Rows::column_name(std::size_t column) const {
  return PQfname(result_->pq.get(), static_cast<int>(column));
}

bool Rows::is_null(std::size_t row, std::size_t column) const {
  return PQgetisnull(result_->pq.get(), static_cast<int>(row), static_cast<int>(column)) == 1;
}

std::string_view Rows::text(std::size_t row, std::size_t column) const {
  const int r = static_cast<int>(row), c = static_cast<int>(column);
  return {PQgetvalue(result_->pq.get(), r, c), static_cast<std::size_t>(PQgetlength(result_->pq.get(), r, c))};
}

std::size_t Rows::affected() const {
  const char* n = PQcmdTuples(result_->pq.get());
  return *n ? std::stoull(n) : 0;
}

namespace {

// For each of the shape's columns, the result's column of that name.
std::vector<std::size_t> columns_by_name(const std::vector<Column>& columns, const Rows& rows) {
  if (rows.columns() != columns.size())
    throw std::logic_error("query returns " + std::to_string(rows.columns()) + " columns for a table of " +
                           std::to_string(columns.size()));
  std::vector<std::size_t> at(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::size_t r = 0;
    while (r < rows.columns() && rows.column_name(r) != columns[c].name) ++r;
    if (r == rows.columns()) throw std::logic_error("query returns no column " + columns[c].name);
    at[c] = r;
  }
  return at;
}

std::size_t index_of(const std::vector<Column>& columns, std::string_view name) {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c].name == name) return c;
  throw std::logic_error("the shape has no column " + std::string(name));
}

}  // namespace

ColumnMap::ColumnMap(const TableShape& shape, const Rows& rows, const StoredAs* stored_as)
    : columns_(&shape.columns()),
      at_(columns_by_name(shape.columns(), rows)),
      converted_(stored_as ? index_of(shape.columns(), stored_as->column) : shape.width()),
      stored_as_(stored_as) {}

void ColumnMap::append(Table& table, const Rows& rows, std::size_t r) const {
  const auto& columns = *columns_;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::size_t from = at_[c];
    if (rows.is_null(r, from)) {
      table.push_nil();
    } else if (c == converted_) {
      table.push(stored_as_->wire(rows.text(r, from)));
    } else if (columns[c].type == ColumnType::Boolean) {
      table.push(rows.text(r, from)[0] == 't' ? "true" : "false");
    } else {
      table.push(rows.text(r, from));
    }
  }
  table.end_row();
}

void append_rows(Table& table, const Rows& rows, const StoredAs* stored_as) {
  const ColumnMap map(table.shape(), rows, stored_as);
  const std::size_t n = rows.size();
  std::size_t bytes = 0;  // one allocation for the whole text
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t c = 0; c < rows.columns(); ++c) bytes += rows.text(r, c).size();
  table.reserve(n, bytes);
  for (std::size_t r = 0; r < n; ++r) {
    cooperative::yield_if_busy_at_row(r);  // a large result: others go on meanwhile
    map.append(table, rows, r);
  }
}

}  // namespace partnerapi::db
