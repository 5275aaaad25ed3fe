#include "http_routes.h"

#include <chrono>

#include "health.h"
#include "user_pages.h"
#include "users_handlers.h"

namespace cdrun::sample_app {
namespace {

using Clock = std::chrono::steady_clock;

// cpp-httplib serves one connection's requests on one pool thread, from the pre-routing hook
// to the logger, so the start time can wait in a thread_local between the two.
thread_local Clock::time_point request_started{};

double elapsed_milliseconds() {
  if (request_started == Clock::time_point{}) return 0.0;
  const auto elapsed = Clock::now() - request_started;
  request_started = Clock::time_point{};
  return std::chrono::duration<double, std::milli>(elapsed).count();
}

using FormHandler = void (*)(AppContext&, const httplib::Request&, const FormFields&, httplib::Response&);

// Every POST goes through here: no valid anti-forgery token, no handler.
httplib::Server::Handler protected_post(AppContext& app, FormHandler handler) {
  return [&app, handler](const httplib::Request& request, httplib::Response& response) {
    const FormFields form = parse_form_body(request.body);
    if (check_anti_forgery(app, request, form, response)) handler(app, request, form, response);
  };
}

}  // namespace

void install_routes(httplib::Server& server, AppContext& app) {
  // Lets a test (or a person) behind the load balancer see which instance answered.
  server.set_default_headers({{"X-Instance", app.options.instance}});
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_logger([&app](const httplib::Request& request, const httplib::Response& response) {
    app.log->request(request.method, request.path, response.status, elapsed_milliseconds());
  });
  const httplib::Server::HandlerWithResponse error_page = [&app](const httplib::Request&,
                                                                  httplib::Response& response) {
    if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string title = std::to_string(response.status) + (response.status == 404 ? " Not Found" : " Error");
    response.set_content(message_page(app.options.instance, title, "There is no such page."),
                         "text/html; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  };
  server.set_error_handler(error_page);

  server.Get("/health", [&app](const httplib::Request&, httplib::Response& response) {
    const HealthReport report = check_health(app);
    response.status = report.status;
    response.set_header("Cache-Control", "no-store");
    response.set_content(report.json, "application/json");
  });
  server.Get("/", [](const httplib::Request&, httplib::Response& response) { response.set_redirect("/users", 302); });
  server.Get("/users", [&app](const httplib::Request& request, httplib::Response& response) {
    show_users(app, request, response);
  });
  server.Get(R"(/users/(\d+)/edit)", [&app](const httplib::Request& request, httplib::Response& response) {
    show_edit_user(app, request, response);
  });
  server.Post("/users", protected_post(app, [](AppContext& a, const httplib::Request&, const FormFields& form,
                                               httplib::Response& response) { create_user(a, form, response); }));
  server.Post(R"(/users/(\d+))", protected_post(app, update_user));
  server.Post(R"(/users/(\d+)/delete)",
              protected_post(app, [](AppContext& a, const httplib::Request& request, const FormFields&,
                                     httplib::Response& response) { delete_user(a, request, response); }));
}

}  // namespace cdrun::sample_app
