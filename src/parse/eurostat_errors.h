// Eurostat's ways of saying no, turned into Errors that name the source.
//
// API Statistics answers errors with {"error":[{"status":413,"id":413,
// "label":"EXTRACTION_TOO_BIG: ..."}]}; the SDMX 2.1 endpoints with a SOAP
// <S:Fault>; proxies and maintenance pages with HTML, sometimes with status
// 200. Pure functions over the status and the body; the collector turns a
// response into one of these (harvest/eurostat_collector.h), and anything
// that is not one of Eurostat's own error bodies into net's generic
// http_status_error.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld {

struct JsonStatErrorBody {
  int status = 0;  // HTTP-like status Eurostat puts in the body
  int id = 0;      // Eurostat's error id (100 not found, 150 invalid dimension, 413 too big)
  std::string label;
};

struct SoapFault {
  std::string code;
  std::string message;
};

// Parses a SOAP fault body; nullopt if the body is not one.
std::optional<SoapFault> parse_soap_fault(std::string_view body);

// Errors with kind kTooLarge for EXTRACTION_TOO_BIG / 413, kNotFound for 404
// and id 100, kSource otherwise.
Error error_body_to_error(const JsonStatErrorBody& body, const std::string& source);
Error fault_to_error(const SoapFault& fault, const std::string& source);

// True when the error means "this query is too large; split it or use bulk".
bool is_extraction_too_big(const Error& e);

// The Error that Eurostat's own error body says (a JSON-stat "error" member or
// a SOAP fault), with `status` (the HTTP status) where the body gives none;
// nullopt when the body is neither. `source` names dataset and query.
std::optional<Error> eurostat_error_body(int status, std::string_view body,
                                         const std::string& source);

}  // namespace omvarld
