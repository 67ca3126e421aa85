// Eurostat's asynchronous answers, read. Pure.
//
// Eurostat's API may answer a large or costly data request (its SDMX 2.1
// endpoints, which serve the bulk SDMX-TSV downloads, and the catalogue) not
// with data but with a key: an XML body, a SOAP envelope in practice, whose
// <status> is SUBMITTED or PROCESSING and whose <id> (or <key>) is the key.
// The client then polls {base}/1.0/async/status/{key}, whose <status> is
// SUBMITTED, PROCESSING, AVAILABLE, EXPIRED, UNKNOWN_REQUEST or ERROR, and
// once AVAILABLE fetches {base}/1.0/async/data/{key}. This shape is the one
// Eurostat's "API - Detailed guidelines - Asynchronous API" page and its
// OpenAPI description give; no real answer has been recorded (see
// docs/readers.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld {

enum class AsyncState { kWaiting, kAvailable, kFailed };

struct AsyncAnswer {
  std::string key;     // may be empty in a status answer (the caller knows it)
  std::string status;  // as Eurostat wrote it, upper-cased: "SUBMITTED", "AVAILABLE", ...
  AsyncState state = AsyncState::kWaiting;
};

// The asynchronous answer in `body`, or nullopt when the body is not one
// (data, JSON, an error body, HTML). Cheap on data: only a body that starts
// with '<' and is small is parsed.
std::optional<AsyncAnswer> parse_eurostat_async(std::string_view body);

// {base}/1.0/async/status/{key} and {base}/1.0/async/data/{key}; the key is
// percent-encoded.
std::string eurostat_async_status_url(const std::string& base, const std::string& key);
std::string eurostat_async_data_url(const std::string& base, const std::string& key);

}  // namespace omvarld
