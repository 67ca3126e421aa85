#include "eurostat/eurostat_errors.h"

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

std::string describe_html(std::string_view body) {
  std::string lower = to_lower(body.substr(0, 65536));
  size_t t = lower.find("<title");
  if (t != std::string::npos) {
    size_t start = lower.find('>', t);
    size_t end = lower.find("</title", t);
    if (start != std::string::npos && end != std::string::npos && end > start) {
      std::string title(trim(body.substr(start + 1, end - start - 1)));
      if (title.size() > 120) title = title.substr(0, 120) + "...";
      if (!title.empty()) return "title \"" + title + "\"";
    }
  }
  return "no title";
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

Error response_error(const HttpResponse& response, const std::string& source) {
  std::string_view body = trim(strip_bom(response.body));
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
        if (!b.status) b.status = response.status;
        Error err = error_body_to_error(b, source);
        if (err.http_status == 0) err.http_status = response.status;
        return err;
      }
    }
  }
  if (!body.empty() && body.front() == '<' && !looks_like_html(body)) {
    if (auto f = parse_soap_fault(body)) {
      Error err = fault_to_error(*f, source);
      if (err.http_status == 0) err.http_status = response.status;
      return err;
    }
  }
  std::string msg = source + ": HTTP " + std::to_string(response.status);
  if (looks_like_html(body)) msg += ", an HTML page (" + describe_html(body) + ")";
  ErrorKind kind = response.status == 404   ? ErrorKind::kNotFound
                   : response.status == 413 ? ErrorKind::kTooLarge
                                            : ErrorKind::kHttp;
  if (response.status >= 200 && response.status < 300) kind = ErrorKind::kParse;
  return make_error(kind, msg, response.status);
}

}  // namespace omvarld
