#include "parse/eurostat_errors.h"

#include <rapidjson/document.h>

#include <pugixml.hpp>

#include "core/text.h"

namespace omvarld {

std::optional<SoapFault> parse_soap_fault(std::string_view body) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size(), pugi::parse_default & ~pugi::parse_doctype))
    return std::nullopt;
  pugi::xml_node root = doc.document_element();
  std::string name = root.name();
  if (name.find("Fault") == std::string::npos) {
    // Maybe <Envelope><Body><Fault>.
    pugi::xpath_node n = doc.select_node("//*[local-name()='Fault']");
    if (!n) return std::nullopt;
    root = n.node();
  }
  SoapFault f;
  for (pugi::xml_node c : root.children()) {
    std::string cn = c.name();
    if (cn.find("faultcode") != std::string::npos) f.code = c.text().as_string();
    if (cn.find("faultstring") != std::string::npos) f.message = c.text().as_string();
  }
  return f;
}

static bool mentions_too_big(const std::string& s) {
  return s.find("EXTRACTION_TOO_BIG") != std::string::npos;
}

Error error_body_to_error(const JsonStatErrorBody& body, const std::string& source) {
  std::string msg = source + ": Eurostat error " + std::to_string(body.status);
  if (body.id && body.id != body.status) msg += " (id " + std::to_string(body.id) + ")";
  if (!body.label.empty()) msg += ": " + body.label;
  ErrorKind kind = ErrorKind::kSource;
  if (body.status == 413 || mentions_too_big(body.label))
    kind = ErrorKind::kTooLarge;
  else if (body.status == 404 || body.id == 100)
    kind = ErrorKind::kNotFound;
  return make_error(kind, msg, body.status);
}

Error fault_to_error(const SoapFault& fault, const std::string& source) {
  int code = static_cast<int>(parse_double(trim(fault.code)).value_or(0));
  std::string msg = source + ": Eurostat SDMX fault " + fault.code;
  if (!fault.message.empty()) msg += ": " + fault.message;
  ErrorKind kind = ErrorKind::kSource;
  if (code == 413 || mentions_too_big(fault.message))
    kind = ErrorKind::kTooLarge;
  else if (code == 100 || code == 404)
    kind = ErrorKind::kNotFound;
  return make_error(kind, msg, code);
}

bool is_extraction_too_big(const Error& e) {
  return e.kind == ErrorKind::kTooLarge && e.http_status == 413;
}

std::optional<Error> eurostat_error_body(int status, std::string_view raw,
                                         const std::string& source) {
  std::string_view body = trim(strip_bom(raw));
  if (!body.empty() && body.front() == '{') {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("error")) {
      const rapidjson::Value* e = &doc["error"];
      if (e->IsArray() && !e->Empty()) e = &(*e)[0];
      if (e->IsObject()) {
        JsonStatErrorBody b;
        if (e->HasMember("status") && (*e)["status"].IsNumber()) b.status = (*e)["status"].GetInt();
        if (e->HasMember("id") && (*e)["id"].IsNumber()) b.id = (*e)["id"].GetInt();
        if (e->HasMember("label") && (*e)["label"].IsString()) b.label = (*e)["label"].GetString();
        if (!b.status) b.status = status;
        Error err = error_body_to_error(b, source);
        if (err.http_status == 0) err.http_status = status;
        return err;
      }
    }
  }
  if (!body.empty() && body.front() == '<' && !looks_like_html(body)) {
    if (auto f = parse_soap_fault(body)) {
      Error err = fault_to_error(*f, source);
      if (err.http_status == 0) err.http_status = status;
      return err;
    }
  }
  return std::nullopt;
}

}  // namespace omvarld
