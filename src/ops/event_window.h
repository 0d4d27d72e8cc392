#pragma once
// The statistics' window, in SQL: an event whose start (`column`) lies
// between two optional bounds (text parameters `from` and `to`, "$2"), both
// included. An omitted bound becomes -infinity / infinity inside the
// condition, so a prepared statement's generic plan keeps the index range.
#define PARTNERAPI_IN_WINDOW(column, from, to) \
  column " BETWEEN COALESCE(" from "::timestamptz, '-infinity') AND COALESCE(" to "::timestamptz, 'infinity')"
