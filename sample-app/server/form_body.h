// application/x-www-form-urlencoded bodies, decoded by hand so the app does not depend on
// which cpp-httplib versions fill Request::params from a POST body.
#pragma once

#include <map>
#include <string>

namespace cdrun::sample_app {

using FormFields = std::map<std::string, std::string>;

// Later duplicates of a name are ignored; undecodable escapes are kept literally.
FormFields parse_form_body(const std::string& body);
std::string url_decode(const std::string& text);

}  // namespace cdrun::sample_app
