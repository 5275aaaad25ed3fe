#include "appspec/agent2/agent2_messages.h"

namespace cdrun::agent2::message {
namespace {

const std::string kFailed = "The deployment failed because ";

}  // namespace

const char* const empty_file =
    "The deployment failed because the application specification file was empty. Make sure your AppSpec file defines "
    "at minimum the 'version' and 'os' properties.";

std::string invalid_version(const std::string& shown) {
  return kFailed + "an invalid version value (" + shown +
         ") was entered in the application specification file. Make sure your AppSpec file specifies \"0.0\" as the "
         "version, and then try again.";
}

std::string unsupported_os(const std::string& os) {
  return kFailed + "the application specification file specifies an unsupported operating system (" + os +
         "). Specify either \"linux\" or \"windows\" in the os section of the AppSpec file, and then try again.";
}

std::string invalid_file_exists_behavior(const std::string& value) {
  return kFailed + "an invalid file_exists_behavior value (" + value +
         ") was entered in the application specification file. Make sure your AppSpec file specifies one of "
         "DISALLOW,OVERWRITE,RETAIN as the file_exists_behavior, and then try again.";
}

const char* const empty_script_location =
    "The deployment failed because the application specification file specifies a script with no location value. "
    "Specify the location in the hooks section of the AppSpec file, and then try again.";

const char* const invalid_timeout =
    "The deployment failed because an invalid timeout value was provided for a script in the application "
    "specification file. Make corrections in the hooks section of the AppSpec file, and then try again.";

const char* const missing_source =
    "The deployment failed because the application specification file specifies a destination file, but no source "
    "file. Update the files section of the AppSpec file, and then try again.";

std::string missing_destination(const std::string& source) {
  return kFailed + "the application specification file specifies only a source file (" + source +
         "). Add the name of the destination file to the files section of the AppSpec file, and then try again.";
}

const char* const permissions_on_windows =
    "The deployment failed because the application specification file specifies file permissions, but the deployment "
    "is targeting one or more Windows Server instances. Permissions are supported only for Amazon Linux, Ubuntu "
    "Server, and Red Hat Enterprise Linux (RHEL) instances. Update the permissions section of the AppSpec file, and "
    "then try again.";

const char* const missing_permission_object =
    "The deployment failed because a permission listed in the application specification file has no object value. "
    "Update the permissions section of the AppSpec file, and then try again.";

std::string invalid_object_type(const std::string& type) {
  return kFailed + "the application specification file specifies a permission for an object type not supported for "
                   "permissions (" + type + "). Update the permissions section of the AppSpec file, and then try again.";
}

std::string invalid_mode_length(const std::string& mode) {
  return kFailed + "the length of a permissions mode (" + mode +
         ") in the application specification file is invalid. Permissions modes must be between one and four "
         "characters long. Update the permissions section of the AppSpec file, and then try again.";
}

std::string invalid_mode_character(const std::string& mode, const std::string& character) {
  return kFailed + "the permissions mode (" + mode + ") in the application specification file contains an invalid "
                   "character (" + character + "). Update the permissions section of the AppSpec file, and then try again.";
}

std::string invalid_acl_entry(const std::string& entry) {
  return kFailed + "of a problem with the acls permission settings in the application specification file. Invalid "
                   "acl entry (" + entry + ").";
}

std::string base_acl_needs_name(const std::string& entry) {
  return kFailed + "of a problem with the acls permission settings in the application specification file. Use mode "
                   "to set the base acl entry (" + entry + "). Update the permissions section of the AppSpec file, and "
                   "then try again.";
}

std::string invalid_acl_character(const std::string& entry, const std::string& character) {
  return kFailed + "the access control list (ACL) named " + entry +
         " in the application specification file contains an invalid character (" + character +
         "). Correct the ACL in the hooks section of the AppSpec file, and then try again.";
}

std::string invalid_context_type(const std::string& detail) {
  return kFailed + "the application specification file specifies an invalid context type (" + detail +
         "). Update the permissions section of the AppSpec file, and then try again.";
}

std::string invalid_selinux_range(const std::string& range) {
  return kFailed + "of a problem with the SELinux range specified (" + range +
         ") for the context parameter in the permissions section of the application specification file. Make "
         "corrections in the permissions section of the AppSpec file, and then try again.";
}

std::string yaml_error(const std::string& serde_message) { return kFailed + "of a YAML parsing error: " + serde_message; }

std::string io_error(const std::string& detail) { return kFailed + "of an IO error: " + detail; }

}  // namespace cdrun::agent2::message
