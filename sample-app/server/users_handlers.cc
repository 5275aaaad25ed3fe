#include "users_handlers.h"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <optional>

#include "user_pages.h"
#include "user_validation.h"

namespace cdrun::sample_app {
namespace {

constexpr const char* kHtml = "text/html; charset=utf-8";

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// The route's (\d+) group; ids too large for int64 cannot exist, so they are "not found".
std::optional<std::int64_t> id_from(const httplib::Request& request) {
  if (request.matches.size() < 2) return std::nullopt;
  const std::string text = request.matches[1].str();
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || value <= 0) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

void answer(httplib::Response& response, int status, const std::string& html) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(html, kHtml);
}

void answer_message(AppContext& app, httplib::Response& response, int status, const std::string& title,
                    const std::string& message) {
  answer(response, status, message_page(app.options.instance, title, message));
}

void answer_database_error(AppContext& app, httplib::Response& response, const std::string& error) {
  app.log->write("error " + error);
  answer_message(app, response, 500, "500 Internal Server Error", "The database could not be used.");
}

void answer_not_found(AppContext& app, httplib::Response& response, std::int64_t id) {
  answer_message(app, response, 404, "404 Not Found", "There is no user " + std::to_string(id) + ".");
}

// The page's token; a page without one would be useless, so failure is a 500.
std::optional<PageContext> page_context(AppContext& app, httplib::Response& response) {
  auto token = app.tokens->issue(now());
  if (!token) {
    app.log->write("error " + token.error());
    answer_message(app, response, 500, "500 Internal Server Error", "No anti-forgery token could be made.");
    return std::nullopt;
  }
  return PageContext{app.options.instance, token.value()};
}

void render_users(AppContext& app, httplib::Response& response, int status, const UserFields& input,
                  const std::vector<std::string>& errors) {
  const auto users = app.users.list();
  if (!users) return answer_database_error(app, response, users.error());
  const auto page = page_context(app, response);
  if (page) answer(response, status, users_page(*page, users.value(), input, errors));
}

void render_edit(AppContext& app, httplib::Response& response, int status, std::int64_t id, const UserFields& input,
                 const std::vector<std::string>& errors) {
  const auto page = page_context(app, response);
  if (page) answer(response, status, edit_user_page(*page, id, input, errors));
}

}  // namespace

bool check_anti_forgery(AppContext& app, const httplib::Request& request, const FormFields& form,
                        httplib::Response& response) {
  const auto field = form.find("csrf_token");
  const auto valid = app.tokens->validate(field == form.end() ? "" : field->second, now());
  if (valid) return true;
  app.log->write("anti-forgery " + request.method + " " + request.path + " rejected: " + valid.error());
  answer_message(app, response, 400, "400 Bad Request",
                 "400 Bad Request: the anti-forgery token could not be validated. Reload the form and try again.");
  return false;
}

void show_users(AppContext& app, const httplib::Request&, httplib::Response& response) {
  render_users(app, response, 200, UserFields{}, {});
}

void create_user(AppContext& app, const FormFields& form, httplib::Response& response) {
  const UserFields fields = user_fields_from(form);
  auto problems = validate_user(fields);
  if (problems.empty()) {
    const auto saved = app.users.create(fields);
    if (!saved) return answer_database_error(app, response, saved.error());
    if (saved.value().status == SaveStatus::saved) return response.set_redirect("/users", 302);
    problems.push_back("Email is already in use.");
  }
  render_users(app, response, 400, fields, problems);
}

void show_edit_user(AppContext& app, const httplib::Request& request, httplib::Response& response) {
  const auto id = id_from(request);
  if (!id) return answer_not_found(app, response, 0);
  const auto user = app.users.find(*id);
  if (!user) return answer_database_error(app, response, user.error());
  if (!user.value()) return answer_not_found(app, response, *id);
  render_edit(app, response, 200, *id, UserFields{user.value()->name, user.value()->email}, {});
}

void update_user(AppContext& app, const httplib::Request& request, const FormFields& form,
                 httplib::Response& response) {
  const auto id = id_from(request);
  if (!id) return answer_not_found(app, response, 0);
  const UserFields fields = user_fields_from(form);
  auto problems = validate_user(fields);
  if (problems.empty()) {
    const auto saved = app.users.update(*id, fields);
    if (!saved) return answer_database_error(app, response, saved.error());
    if (saved.value().status == SaveStatus::not_found) return answer_not_found(app, response, *id);
    if (saved.value().status == SaveStatus::saved) return response.set_redirect("/users", 302);
    problems.push_back("Email is already in use.");
  } else {
    // Errors on a user that does not exist would be a misleading answer: say it does not exist.
    const auto user = app.users.find(*id);
    if (!user) return answer_database_error(app, response, user.error());
    if (!user.value()) return answer_not_found(app, response, *id);
  }
  render_edit(app, response, 400, *id, fields, problems);
}

void delete_user(AppContext& app, const httplib::Request& request, httplib::Response& response) {
  const auto id = id_from(request);
  if (!id) return answer_not_found(app, response, 0);
  const auto removed = app.users.remove(*id);
  if (!removed) return answer_database_error(app, response, removed.error());
  if (!removed.value()) return answer_not_found(app, response, *id);
  response.set_redirect("/users", 302);
}

}  // namespace cdrun::sample_app
