#include "partnerapi/db/rows.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "partnerapi/cooperative.h"

namespace partnerapi::db {
namespace {

pqxx::row::size_type col(std::size_t c) { return static_cast<pqxx::row::size_type>(c); }
pqxx::result::size_type row_of(std::size_t r) { return static_cast<pqxx::result::size_type>(r); }

}  // namespace

std::size_t Rows::size() const {
  return pq_ ? static_cast<std::size_t>(PQntuples(pq_.get())) : static_cast<std::size_t>(pqxx_.size());
}

std::size_t Rows::columns() const {
  return pq_ ? static_cast<std::size_t>(PQnfields(pq_.get())) : static_cast<std::size_t>(pqxx_.columns());
}

std::string_view Rows::column_name(std::size_t column) const {
  return pq_ ? PQfname(pq_.get(), static_cast<int>(column)) : pqxx_.column_name(col(column));
}

bool Rows::is_null(std::size_t row, std::size_t column) const {
  if (pq_) return PQgetisnull(pq_.get(), static_cast<int>(row), static_cast<int>(column)) == 1;
  return pqxx_[row_of(row)][col(column)].is_null();
}

std::string_view Rows::text(std::size_t row, std::size_t column) const {
  if (pq_) {
    const int r = static_cast<int>(row), c = static_cast<int>(column);
    return {PQgetvalue(pq_.get(), r, c), static_cast<std::size_t>(PQgetlength(pq_.get(), r, c))};
  }
  const auto f = pqxx_[row_of(row)][col(column)];
  return {f.c_str(), f.size()};
}

std::size_t Rows::affected() const {
  return pq_ ? std::stoull(PQcmdTuples(pq_.get())) : static_cast<std::size_t>(pqxx_.affected_rows());
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

}  // namespace

void append_rows(Table& table, const Rows& rows) {
  const auto& columns = table.shape().columns();
  const auto at = columns_by_name(columns, rows);
  const std::size_t n = rows.size();
  std::size_t bytes = 0;  // one allocation for the whole text
  for (std::size_t r = 0; r < n; ++r)
    for (std::size_t c = 0; c < columns.size(); ++c) bytes += rows.text(r, c).size();
  table.reserve(n, bytes);
  for (std::size_t r = 0; r < n; ++r) {
    cooperative::yield_if_busy_at_row(r);  // a large result: others go on meanwhile
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::size_t from = at[c];
      if (rows.is_null(r, from)) {
        table.push_nil();
      } else if (columns[c].type == ColumnType::Boolean) {
        table.push(rows.text(r, from)[0] == 't' ? "true" : "false");
      } else {
        table.push(rows.text(r, from));
      }
    }
    table.end_row();
  }
}

}  // namespace partnerapi::db
