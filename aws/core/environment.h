// Environment variables behind a function, so the credential chain and endpoint rules can be tested
// without touching the process environment.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace cdrun::aws {

// nullopt when unset; an empty variable counts as unset (as botocore treats AWS_PROFILE="" etc.).
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

EnvLookup process_environment();

// $HOME, else the home of the effective user (host/accounts: getent, else /etc/passwd), else "".
std::string home_directory(const EnvLookup& env);

}  // namespace cdrun::aws
