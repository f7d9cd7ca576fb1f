// Export and import of connector definitions (transfer/connector_transfer.h).
#include <chrono>

#include "datahub/time_format.h"
#include "http_app.h"
#include "http_io.h"
#include "transfer/connector_transfer.h"

namespace datahub::backend {

std::optional<Problem> HttpApp::limit_to_caller(ExportRequest& request) {
  const Caller& who = caller();
  if (!who.connector_ids) return std::nullopt;
  if (!request.ids) {
    // Everything, for a token limited to some connectors: those of them that exist.
    request.ids.emplace();
    for (const auto& id : *who.connector_ids)
      if (m_service.get(id)) request.ids->push_back(id);
    return std::nullopt;
  }
  for (std::size_t i = 0; i < request.ids->size(); ++i)
    if (!who.sees_connector((*request.ids)[i]))
      return make_problem(ProblemType::Validation,
                          "The export names a connector that is not there.",
                          {{"ids[" + std::to_string(i) + "]", "names no connector"}});
  return std::nullopt;
}

void HttpApp::register_transfer_routes() {
  route("POST", "/api/connectors/export",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto body = read_json_body(req, /*optional_body=*/true);
          if (!body) return write_problem(res, body.problem());
          auto request =
              export_request_from_json(body->is_null() ? nlohmann::json::object() : body.value());
          if (!request) return write_problem(res, request.problem());
          if (auto refused = limit_to_caller(*request)) return write_problem(res, *refused);
          // Secrets leave the server for admins only; an editor exports without them.
          if (request->passphrase && !role_allows(caller().role, Role::Admin))
            return write_problem(res, make_problem(ProblemType::Forbidden,
                                                   "Exporting with secrets needs the admin role."));
          auto document = export_connectors(m_service, *request,
                                            format_rfc3339_utc(std::chrono::system_clock::now()));
          if (!document) return write_problem(res, document.problem());
          write_json(res, 200, *document);
        });

  route("POST", "/api/connectors/import",
        [this](const httplib::Request& req, httplib::Response& res) {
          auto body = read_json_body(req);
          if (!body) return write_problem(res, body.problem());
          auto request = import_request_from_json(std::move(body).value());
          if (!request) return write_problem(res, request.problem());
          auto report = import_connectors(m_service, *request, actor());
          if (!report) return write_problem(res, report.problem());
          write_json(res, 200, to_json(report.value()));
        });
}

}  // namespace datahub::backend
