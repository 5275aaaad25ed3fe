// HTML output: every value from a user or the database goes through escape().
#pragma once

#include <string>

namespace cdrun::sample_app {

std::string escape(const std::string& text);
// A whole document around `body` (already HTML), titled with the escaped `title`.
std::string html_page(const std::string& title, const std::string& instance, const std::string& body);

}  // namespace cdrun::sample_app
