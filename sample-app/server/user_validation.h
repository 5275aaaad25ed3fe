// What a user's name and email must look like before they reach the database.
#pragma once

#include <string>
#include <vector>

#include "form_body.h"
#include "users_repository.h"

namespace cdrun::sample_app {

// Trimmed name and email from a submitted form.
UserFields user_fields_from(const FormFields& form);
// One message per problem; empty when the fields are acceptable.
std::vector<std::string> validate_user(const UserFields& fields);

}  // namespace cdrun::sample_app
