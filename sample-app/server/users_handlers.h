// The users pages' request handlers. POST handlers run only after the anti-forgery check.
#pragma once

#include <httplib.h>

#include "app_context.h"
#include "form_body.h"

namespace cdrun::sample_app {

void show_users(AppContext& app, const httplib::Request& request, httplib::Response& response);
void create_user(AppContext& app, const FormFields& form, httplib::Response& response);
void show_edit_user(AppContext& app, const httplib::Request& request, httplib::Response& response);
void update_user(AppContext& app, const httplib::Request& request, const FormFields& form,
                 httplib::Response& response);
void delete_user(AppContext& app, const httplib::Request& request, httplib::Response& response);

// Answers 400 (and logs why) unless the form's csrf_token validates; true when it does.
bool check_anti_forgery(AppContext& app, const httplib::Request& request, const FormFields& form,
                        httplib::Response& response);

}  // namespace cdrun::sample_app
