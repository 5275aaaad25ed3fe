// The server-rendered users pages. Every form carries the hidden anti-forgery field csrf_token.
#pragma once

#include <string>
#include <vector>

#include "users_repository.h"

namespace cdrun::sample_app {

struct PageContext {
  std::string instance;
  std::string token;  // the anti-forgery token for this page's forms
};

// The list with edit/delete per user and the create form (refilled with `input` after errors).
std::string users_page(const PageContext& page, const std::vector<User>& users, const UserFields& input,
                       const std::vector<std::string>& errors);
std::string edit_user_page(const PageContext& page, std::int64_t id, const UserFields& input,
                           const std::vector<std::string>& errors);
// A short page for 400/404/500 answers.
std::string message_page(const std::string& instance, const std::string& title, const std::string& message);

}  // namespace cdrun::sample_app
