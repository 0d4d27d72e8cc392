#pragma once
// A table answer read while it is written: its rows come from the database
// batch by batch, each batch written to the client before the next is read,
// so that the memory of a request does not grow with its row count.
#include <cstddef>
#include <memory>

#include "partnerapi/table.h"

namespace partnerapi {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Appends the next rows, at most `kBatchRows`, to `batch`; false once no
  // rows remain (the rows appended by that call are the last). Throws when
  // the rows cannot be read: the answer they were for must not end as if whole.
  virtual bool next(Table& batch) = 0;

  static constexpr std::size_t kBatchRows = 256;
};

struct TableStream {
  const TableShape* shape = nullptr;
  std::unique_ptr<RowSource> rows;
};

// A stream over a table already whole: a transaction's answer, a test's.
TableStream stream_of(Table table);
// Every row of `stream` in one table.
Table collect(TableStream& stream);

}  // namespace partnerapi
