// The agent 1.8.1's appspec messages, byte for byte (typos included: "specifiles", "filespecifies",
// and the ACL message that points at the hooks section).
#include "appspec/agent/agent_parser.h"

namespace cdrun::agent_message {

const char* const empty_appspec =
    "The deployment failed because the application specification file was empty. Make sure your AppSpec file "
    "defines at minimum the 'version' and 'os' properties.";

std::string invalid_version(const std::string& shown) {
  return "The deployment failed because an invalid version value (" + shown +
         ") was entered in the application specification file. Make sure your AppSpec file specifies \"0.0\" as "
         "the version, and then try again.";
}

std::string unsupported_os(const std::string& shown) {
  return "The deployment failed because the application specification file specifies an unsupported operating "
         "system (" + shown + "). Specify either \"linux\" or \"windows\" in the os section of the AppSpec file, "
         "and then try again.";
}

const char* const script_without_location =
    "The deployment failed because the application specification file specifies a script with no location value. "
    "Specify the location in the hooks section of the AppSpec file, and then try again.";

const char* const invalid_timeout =
    "The deployment failed because an invalid timeout value was provided for a script in the application "
    "specification file. Make corrections in the hooks section of the AppSpec file, and then try again.";

const char* const file_without_source =
    "The deployment failed because the application specification file specifies a destination file, but no "
    "source file. Update the files section of the AppSpec file, and then try again.";

std::string file_without_destination(const std::string& source) {
  return "The deployment failed because the application specification file specifies only a source file (" + source +
         "). Add the name of the destination file to the files section of the AppSpec file, and then try again.";
}

const char* const permission_without_object =
    "The deployment failed because a permission listed in the application specification file has no object "
    "value. Update the permissions section of the AppSpec file, and then try again.";

const char* const permissions_on_windows =
    "The deployment failed because the application specification file specifiles file permissions, but the "
    "deployment is targeting one or more Windows Server instances. Permissions are supported only for Amazon "
    "Linux, Ubuntu Server, and Red Hat Enterprise Linux (RHEL) instances. Update the permissions section of the "
    "AppSpec file, and then try again.";

std::string unsupported_object_type(const std::string& type) {
  return "The deployment failed because the application specification filespecifies a permission for an object "
         "type not supported for permissions (" + type + "). Update the permissions section of the AppSpec file, "
         "and then try again.";
}

std::string mode_length(const std::string& mode) {
  return "The deployment failed because the length of a permissions mode (" + mode +
         ") in the application specification file is invalid. Permissions modes must be between one and four "
         "characters long. Update the permissions section of the AppSpec file, and then try again.";
}

std::string mode_character(const std::string& mode, const std::string& character) {
  return "The deployment failed because the permissions mode (" + mode +
         ") in the application specification file contains an invalid character (" + character +
         "). Update the permissions section of the AppSpec file, and then try again.";
}

std::string invalid_acl_entry(const std::string& ace) {
  return "The deployment failed because of a problem with the acls permission settings in the application "
         "specification file. Invalid acl entry (" + ace + ").";
}

std::string acl_base_entry(const std::string& ace) {
  return "The deployment failed because of a problem with the acls permission settings in the application "
         "specification file. Use mode to set the base acl entry (" + ace +
         "). Update the permissions section of the AppSpec file, and then try again.";
}

std::string acl_character(const std::string& ace, const std::string& character) {
  return "The deployment failed because the access control list (ACL) named " + ace +
         " in the application specification file contains an invalid character (" + character +
         "). Correct the ACL in the hooks section of the AppSpec file, and then try again.";
}

std::string invalid_context(const std::string& inspected) {
  return "The deployment failed because the application specification file specifies an invalid context type (" +
         inspected + "). Update the permissions section of the AppSpec file, and then try again.";
}

std::string selinux_range(const std::string& range) {
  return "The deployment failed because of a problem with the SELinux range specified (" + range +
         ") for the context parameter in the permissions section of the application specification file. Make "
         "corrections in the permissions section of the AppSpec file, and then try again.";
}

std::string invalid_file_exists_behavior(const std::string& shown) {
  return "The deployment failed because an invalid file_exists_behavior value (" + shown +
         ") was entered in the application specification file. Make sure your AppSpec file specifies one of "
         "DISALLOW,OVERWRITE,RETAIN as the file_exists_behavior, and then try again.";
}

}  // namespace cdrun::agent_message
