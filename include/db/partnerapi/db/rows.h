#pragma once
// A query's result, from a transaction's connection (libpqxx) or from a
// shared one (SharedReads, libpq), read the same way; and its mapping into a
// Table: the query selects the shape's columns, named as the shape names them
// (matched by name, in any order), already in wire text (uuid::text,
// wire_date(), wire_datetime()); booleans come as t/f and are written
// true/false; NULL is nil.
// What the result holds (a libpqxx or a libpq result) stays inside the
// database layer: the operations see no libpq or libpqxx type.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "partnerapi/table.h"

namespace partnerapi::db {

class Rows {
 public:
  struct Result;  // the library's result: db/rows.cpp
  explicit Rows(std::unique_ptr<Result> result);
  Rows(Rows&&) noexcept;
  Rows& operator=(Rows&&) noexcept;
  ~Rows();

  std::size_t size() const;
  bool empty() const { return size() == 0; }
  std::size_t columns() const;
  std::string_view column_name(std::size_t column) const;
  bool is_null(std::size_t row, std::size_t column) const;
  std::string_view text(std::size_t row, std::size_t column) const;
  int integer(std::size_t row, std::size_t column) const { return std::stoi(std::string(text(row, column))); }
  // Of an INSERT, UPDATE or DELETE.
  std::size_t affected() const;
  const Result& result() const { return *result_; }

 private:
  std::unique_ptr<Result> result_;
};

// A column whose stored text is not its wire text (an agent's sealed
// password): `wire` turns the one into the other, cell by cell.
struct StoredAs {
  std::string_view column;
  std::string (*wire)(std::string_view stored);
};

void append_rows(Table& table, const Rows& rows, const StoredAs* stored_as = nullptr);

// The shape's columns found among a result's by name, once for a stream of
// results of one query: then a row is appended cell by cell.
class ColumnMap {
 public:
  ColumnMap(const TableShape& shape, const Rows& rows, const StoredAs* stored_as);
  void append(Table& table, const Rows& rows, std::size_t row) const;

 private:
  const std::vector<Column>* columns_;
  std::vector<std::size_t> at_;
  std::size_t converted_;
  const StoredAs* stored_as_;
};

}  // namespace partnerapi::db
