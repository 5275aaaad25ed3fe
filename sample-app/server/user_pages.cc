#include "user_pages.h"

#include "html.h"

namespace cdrun::sample_app {
namespace {

std::string token_field(const PageContext& page) {
  return "<input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(page.token) + "\">";
}

std::string error_list(const std::vector<std::string>& errors) {
  if (errors.empty()) return "";
  std::string html = "<ul class=\"errors\">\n";
  for (const auto& error : errors) html += "<li>" + escape(error) + "</li>\n";
  return html + "</ul>\n";
}

std::string user_fields(const UserFields& input) {
  return "<label>Name <input type=\"text\" name=\"name\" value=\"" + escape(input.name) +
         "\" maxlength=\"100\" required></label>\n"
         "<label>Email <input type=\"email\" name=\"email\" value=\"" + escape(input.email) +
         "\" maxlength=\"254\" required></label>\n";
}

std::string user_row(const PageContext& page, const User& user) {
  const std::string id = std::to_string(user.id);
  return "<tr><td>" + id + "</td><td>" + escape(user.name) + "</td><td>" + escape(user.email) + "</td><td>" +
         escape(user.created_at) + "</td><td><a href=\"/users/" + id + "/edit\">Edit</a> " +
         "<form method=\"post\" action=\"/users/" + id + "/delete\" class=\"inline\">" + token_field(page) +
         "<button type=\"submit\">Delete</button></form></td></tr>\n";
}

}  // namespace

std::string users_page(const PageContext& page, const std::vector<User>& users, const UserFields& input,
                       const std::vector<std::string>& errors) {
  std::string body = "<table>\n<tr><th>Id</th><th>Name</th><th>Email</th><th>Created</th><th></th></tr>\n";
  for (const auto& user : users) body += user_row(page, user);
  body += "</table>\n";
  if (users.empty()) body += "<p>No users yet.</p>\n";
  body += "<h2>New user</h2>\n" + error_list(errors) + "<form method=\"post\" action=\"/users\">\n" +
          token_field(page) + "\n" + user_fields(input) + "<button type=\"submit\">Create</button>\n</form>\n";
  return html_page("Users", page.instance, body);
}

std::string edit_user_page(const PageContext& page, std::int64_t id, const UserFields& input,
                           const std::vector<std::string>& errors) {
  const std::string body = error_list(errors) + "<form method=\"post\" action=\"/users/" + std::to_string(id) +
                           "\">\n" + token_field(page) + "\n" + user_fields(input) +
                           "<button type=\"submit\">Save</button>\n</form>\n<p><a href=\"/users\">Back</a></p>\n";
  return html_page("Edit user " + std::to_string(id), page.instance, body);
}

std::string message_page(const std::string& instance, const std::string& title, const std::string& message) {
  return html_page(title, instance, "<p>" + escape(message) + "</p>\n<p><a href=\"/users\">Users</a></p>\n");
}

}  // namespace cdrun::sample_app
