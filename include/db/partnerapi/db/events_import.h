#pragma once
// Events from the platform's telephony, remote-access and chat systems, loaded
// into the statistics tables: CSV with a header line, or NDJSON (one JSON
// object a line), the fields named as in README. Streamed with COPY; by event
// ID: a re-sent record changes nothing, a corrected one replaces the old;
// validated first: a bad record names its line and nothing is stored.
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace partnerapi::db {

enum class EventKind { Calls, Remote, Sip, Chat };
// "calls", "remote", "sip", "chat".
std::optional<EventKind> event_kind(std::string_view name);

struct EventsImport {
  std::function<void(std::uint64_t bytes_read)> progress;  // optional
};

struct EventsImported {
  std::uint64_t records = 0;    // in the file
  std::uint64_t inserted = 0;   // new events
  std::uint64_t updated = 0;    // corrected ones
  std::uint64_t unchanged = 0;  // re-sent as they were (and repeats within the file)
};

// In one transaction on `conninfo`. Throws std::runtime_error ("line N: ...")
// for a bad record, rolled back.
EventsImported import_events(const std::string& conninfo, EventKind kind, std::istream& in,
                             const EventsImport& options = {});

}  // namespace partnerapi::db
