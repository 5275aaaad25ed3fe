// ParseError's Display texts (src/application_specification/error.rs), argument by argument.
#pragma once

#include <string>

namespace cdrun::agent2::message {

extern const char* const empty_file;
std::string invalid_version(const std::string& shown);
std::string unsupported_os(const std::string& os);
std::string invalid_file_exists_behavior(const std::string& value);
extern const char* const empty_script_location;
extern const char* const invalid_timeout;
extern const char* const missing_source;
std::string missing_destination(const std::string& source);
extern const char* const permissions_on_windows;
extern const char* const missing_permission_object;
std::string invalid_object_type(const std::string& type);
std::string invalid_mode_length(const std::string& mode);
std::string invalid_mode_character(const std::string& mode, const std::string& character);
std::string invalid_acl_entry(const std::string& entry);
std::string base_acl_needs_name(const std::string& entry);
std::string invalid_acl_character(const std::string& entry, const std::string& character);
std::string invalid_context_type(const std::string& detail);
std::string invalid_selinux_range(const std::string& range);
std::string yaml_error(const std::string& serde_message);
std::string io_error(const std::string& detail);

}  // namespace cdrun::agent2::message
