#pragma once
// A libcurl transfer run through its multi interface, each wait a wait of the
// running fiber for the sockets and the timer libcurl names (on a plain
// thread, a blocking poll of them): a slow peer holds its own request only.
// For the mail layer and its tests; the operations see smtp.h only.
#include <curl/curl.h>

#include <chrono>

namespace partnerapi::mail {

// Runs `easy` to its end; `limit` bounds a wait for which libcurl names no timer.
CURLcode perform(CURL* easy, std::chrono::seconds limit);

}  // namespace partnerapi::mail
