#include "request_gate.h"

#include <algorithm>

#include "datahub/text.h"

namespace datahub::backend {
namespace {

// httplib decodes %00 and friends into the path; a NUL would cut a file name short (the
// static files would serve "/datahub-web.js%00.html" as that JS file, typed text/html).
bool has_control_character(const std::string& path) {
  return std::any_of(path.begin(), path.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// Request bodies are JSON of at most 1 MiB; httplib would inflate a compressed one without a
// bound before the route sees it. "identity" is no encoding at all.
bool has_content_coding(const httplib::Request& req) {
  if (!req.has_header("Content-Encoding")) return false;
  return to_lower_ascii(trim_ascii(req.get_header_value("Content-Encoding"))) != "identity";
}

// Whether the request announces a body (a length above 0, or a transfer coding).
bool announces_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  return req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0";
}

// How the body is framed, checked before anything else: two lengths, a length beside a transfer
// coding, or a coding httplib does not frame by are how one request smuggles another past a
// proxy that reads the framing differently (RFC 9112 6.3).
std::optional<Problem> framing_problem(const httplib::Request& req) {
  const auto lengths = req.headers.count("Content-Length");
  const bool chunked = req.has_header("Transfer-Encoding");
  if (lengths > 1 || req.headers.count("Transfer-Encoding") > 1 || (lengths == 1 && chunked))
    return make_problem(ProblemType::BadRequest,
                        "The body's length is given more than once, or both as a length and "
                        "a transfer coding.");
  if (chunked && to_lower_ascii(trim_ascii(req.get_header_value("Transfer-Encoding"))) != "chunked")
    return make_problem(ProblemType::BadRequest, "Only the chunked transfer coding is accepted.");
  if (lengths == 1) {
    const std::string value = req.get_header_value("Content-Length");
    if (value.empty() || value.size() > 18 ||
        value.find_first_not_of("0123456789") != std::string::npos)
      return make_problem(ProblemType::BadRequest, "Content-Length is not a number.");
  }
  return std::nullopt;
}

}  // namespace

void close_if_framing_lost(httplib::Response& res) {
  const int s = res.status;
  if (s != 400 && s != 413 && s != 414 && s != 431) return;
  res.set_header("Connection", "close");
  res.headers.erase("Keep-Alive");
}

bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/");
}

httplib::Server::HandlerWithResponse before_body(AnswerBeforeBody answer) {
  return [answer = std::move(answer)](const httplib::Request& req, httplib::Response& res) {
    if (answer(req, res)) {
      if (announces_body(req)) res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    // The request object is httplib's own non-const one; the header makes it read nothing.
    if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
      const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
    return httplib::Server::HandlerResponse::Unhandled;
  };
}

std::optional<Problem> RequestGate::check(const httplib::Request& req) const {
  if (auto problem = framing_problem(req)) return problem;
  if (has_control_character(req.path))
    return make_problem(ProblemType::BadRequest, "The path contains a control character.");
  if (is_api_path(req.path)) {
    if (auto refused = admit(req)) return refused;
  } else if (req.method != "GET" && req.method != "HEAD") {
    // Outside /api/ there are only the web build's files.
    return make_problem(ProblemType::NotFound, "No such resource: " + req.path);
  }
  if (has_content_coding(req))
    return make_problem(ProblemType::UnsupportedMediaType,
                        "Request bodies are not accepted with a Content-Encoding: send them "
                        "uncompressed.");
  return std::nullopt;
}

}  // namespace datahub::backend
