#include "user_validation.h"

namespace cdrun::sample_app {
namespace {

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string field(const FormFields& form, const std::string& name) {
  const auto found = form.find(name);
  return found == form.end() ? "" : trimmed(found->second);
}

bool has_control_characters(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Deliberately simple: one '@', something before it, a dot somewhere after it, no spaces.
bool plausible_email(const std::string& email) {
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
  const size_t dot = email.find('.', at + 2);
  return dot != std::string::npos && dot + 1 < email.size() && email.find(' ') == std::string::npos;
}

}  // namespace

UserFields user_fields_from(const FormFields& form) { return UserFields{field(form, "name"), field(form, "email")}; }

std::vector<std::string> validate_user(const UserFields& fields) {
  std::vector<std::string> problems;
  if (fields.name.empty()) problems.push_back("Name is required.");
  else if (fields.name.size() > 100) problems.push_back("Name must be at most 100 characters.");
  else if (has_control_characters(fields.name)) problems.push_back("Name must not contain control characters.");
  if (fields.email.empty()) problems.push_back("Email is required.");
  else if (fields.email.size() > 254) problems.push_back("Email must be at most 254 characters.");
  else if (!plausible_email(fields.email) || has_control_characters(fields.email)) {
    problems.push_back("Email must look like name@example.com.");
  }
  return problems;
}

}  // namespace cdrun::sample_app
