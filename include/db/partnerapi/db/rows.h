#pragma once
// A query's result, from a transaction's connection (libpqxx) or from a
// shared one (SharedReads, libpq), read the same way; and its mapping into a
// Table: the query selects the shape's columns, named as the shape names them
// (matched by name, in any order), already in wire text (uuid::text,
// wire_date(), wire_datetime()); booleans come as t/f and are written
// true/false; NULL is nil.
#include <libpq-fe.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <pqxx/pqxx>

#include "partnerapi/table.h"

namespace partnerapi::db {

// A result from libpq itself (SharedReads).
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

class Rows {
 public:
  explicit Rows(pqxx::result r) : pqxx_(std::move(r)) {}
  explicit Rows(PgResult r) : pq_(std::move(r)) {}

  std::size_t size() const;
  bool empty() const { return size() == 0; }
  std::size_t columns() const;
  std::string_view column_name(std::size_t column) const;
  bool is_null(std::size_t row, std::size_t column) const;
  std::string_view text(std::size_t row, std::size_t column) const;
  int integer(std::size_t row, std::size_t column) const { return std::stoi(std::string(text(row, column))); }
  // Of an INSERT, UPDATE or DELETE.
  std::size_t affected() const;

 private:
  pqxx::result pqxx_;
  PgResult pq_{nullptr, &PQclear};
};

void append_rows(Table& table, const Rows& rows);

}  // namespace partnerapi::db
