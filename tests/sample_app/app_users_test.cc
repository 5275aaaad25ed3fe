// The users pages of one instance: create/list/edit/update/delete with a token read from the
// form, validation, escaping, 404s, and the anti-forgery check on every POST.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "tests/e2e/run_cdrun.h"
#include "tests/sample_app/http_client.h"
#include "tests/sample_app/sample_app_process.h"

namespace cdrun::sample_app_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SampleAppUsers : public ::testing::Test {
 protected:
  void SetUp() override { start(); }

  void start() {
    app_ = std::make_unique<SampleApp>(dir_.path(), AppSettings{});
    ASSERT_TRUE(app_->ready()) << app_->output();
  }
  int port() const { return app_->port(); }

  // A fresh token, read from the page a browser would have loaded.
  std::string token_from(const std::string& page) {
    const HttpResponse form = http_get(port(), page);
    EXPECT_EQ(form.status, 200) << form.error;
    const std::string token = csrf_token_in(form.body);
    EXPECT_FALSE(token.empty()) << form.body;
    return token;
  }

  HttpResponse create(const std::string& name, const std::string& email) {
    return http_post_form(port(), "/users", {{"csrf_token", token_from("/users")}, {"name", name}, {"email", email}});
  }

  e2e::TempDir dir_;
  std::unique_ptr<SampleApp> app_;
};

std::string anti_forgery_message() { return "400 Bad Request: the anti-forgery token could not be validated"; }

TEST_F(SampleAppUsers, RootRedirectsToTheUsersPage) {
  const HttpResponse root = http_get(port(), "/");
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(root.header("location"), "/users");
}

TEST_F(SampleAppUsers, EveryFormCarriesAnAntiForgeryField) {
  ASSERT_EQ(create("Ada", "ada@example.com").status, 302);
  const std::string list = http_get(port(), "/users").body;
  // The create form and the one delete form each carry the hidden field.
  size_t forms = 0, fields = 0;
  for (size_t at = list.find("<form"); at != std::string::npos; at = list.find("<form", at + 1)) ++forms;
  for (size_t at = list.find("name=\"csrf_token\""); at != std::string::npos;
       at = list.find("name=\"csrf_token\"", at + 1)) {
    ++fields;
  }
  EXPECT_EQ(forms, 2u);
  EXPECT_EQ(fields, 2u);
  EXPECT_THAT(http_get(port(), "/users/1/edit").body, HasSubstr("type=\"hidden\" name=\"csrf_token\""));
}

TEST_F(SampleAppUsers, CreateListEditUpdateDeleteRoundTrip) {
  const HttpResponse created = create("Grace Hopper", "grace@example.com");
  ASSERT_EQ(created.status, 302) << created.body;
  EXPECT_EQ(created.header("location"), "/users");

  const std::string list = http_get(port(), "/users").body;
  EXPECT_THAT(list, HasSubstr("<td>Grace Hopper</td><td>grace@example.com</td>"));
  EXPECT_THAT(list, HasSubstr("href=\"/users/1/edit\""));

  const HttpResponse edit = http_get(port(), "/users/1/edit");
  ASSERT_EQ(edit.status, 200);
  EXPECT_THAT(edit.body, HasSubstr("value=\"Grace Hopper\""));
  EXPECT_THAT(edit.body, HasSubstr("action=\"/users/1\""));

  const HttpResponse updated = http_post_form(
      port(), "/users/1", {{"csrf_token", csrf_token_in(edit.body)}, {"name", "Grace B. Hopper"}, {"email", "gbh@example.com"}});
  ASSERT_EQ(updated.status, 302) << updated.body;
  const std::string after_update = http_get(port(), "/users").body;
  EXPECT_THAT(after_update, HasSubstr("<td>Grace B. Hopper</td><td>gbh@example.com</td>"));
  EXPECT_THAT(after_update, Not(HasSubstr("grace@example.com")));

  const HttpResponse deleted = http_post_form(port(), "/users/1/delete", {{"csrf_token", token_from("/users")}});
  ASSERT_EQ(deleted.status, 302) << deleted.body;
  const std::string after_delete = http_get(port(), "/users").body;
  EXPECT_THAT(after_delete, Not(HasSubstr("Hopper")));
  EXPECT_THAT(after_delete, HasSubstr("No users yet."));
  EXPECT_EQ(http_get(port(), "/users/1/edit").status, 404);
}

TEST_F(SampleAppUsers, UsersSurviveARestart) {
  ASSERT_EQ(create("Kept", "kept@example.com").status, 302);
  const std::string token = token_from("/users");
  app_.reset();
  start();
  EXPECT_THAT(http_get(port(), "/users").body, HasSubstr("<td>Kept</td>"));
  // The local key ring is on disk, so a form loaded before the restart still posts.
  EXPECT_EQ(http_post_form(port(), "/users", {{"csrf_token", token}, {"name", "After"}, {"email", "a@example.com"}}).status,
            302);
}

TEST_F(SampleAppUsers, InvalidInputIs400WithMessagesAndEscapedValues) {
  const HttpResponse bad = create("<script>alert(1)</script>", "not-an-email");
  EXPECT_EQ(bad.status, 400);
  EXPECT_THAT(bad.body, HasSubstr("Email must look like name@example.com."));
  EXPECT_THAT(bad.body, HasSubstr("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
  EXPECT_THAT(bad.body, Not(HasSubstr("<script>")));
  EXPECT_FALSE(csrf_token_in(bad.body).empty()) << "the form shown again must be postable";

  const HttpResponse blank = create("   ", "");
  EXPECT_EQ(blank.status, 400);
  EXPECT_THAT(blank.body, HasSubstr("Name is required."));
  EXPECT_THAT(blank.body, HasSubstr("Email is required."));
  EXPECT_THAT(http_get(port(), "/users").body, HasSubstr("No users yet."));
}

TEST_F(SampleAppUsers, DuplicateEmailIs400) {
  ASSERT_EQ(create("One", "same@example.com").status, 302);
  const HttpResponse again = create("Two", "same@example.com");
  EXPECT_EQ(again.status, 400);
  EXPECT_THAT(again.body, HasSubstr("Email is already in use."));
}

TEST_F(SampleAppUsers, StoredValuesAreEscapedInTheList) {
  ASSERT_EQ(create("O'Brien & <Sons>", "ob@example.com").status, 302);
  const std::string list = http_get(port(), "/users").body;
  EXPECT_THAT(list, HasSubstr("<td>O&#39;Brien &amp; &lt;Sons&gt;</td>"));
  EXPECT_THAT(list, Not(HasSubstr("<Sons>")));
}

TEST_F(SampleAppUsers, UnknownIdsAre404) {
  const std::string token = token_from("/users");
  EXPECT_EQ(http_get(port(), "/users/99/edit").status, 404);
  EXPECT_EQ(http_post_form(port(), "/users/99", {{"csrf_token", token}, {"name", "N"}, {"email", "n@example.com"}}).status,
            404);
  EXPECT_EQ(http_post_form(port(), "/users/99/delete", {{"csrf_token", token}}).status, 404);
  EXPECT_EQ(http_get(port(), "/users/abc/edit").status, 404);
  EXPECT_EQ(http_get(port(), "/users/99999999999999999999/edit").status, 404);
}

TEST_F(SampleAppUsers, PostsWithoutATokenAre400AndChangeNothing) {
  ASSERT_EQ(create("Stays", "stays@example.com").status, 302);
  const HttpResponse create_without = http_post_form(port(), "/users", {{"name", "N"}, {"email", "n@example.com"}});
  const HttpResponse update_without = http_post_form(port(), "/users/1", {{"name", "N"}, {"email", "n@example.com"}});
  const HttpResponse delete_without = http_post_form(port(), "/users/1/delete", {});
  for (const HttpResponse* response : {&create_without, &update_without, &delete_without}) {
    EXPECT_EQ(response->status, 400);
    EXPECT_THAT(response->body, HasSubstr(anti_forgery_message()));
  }
  const std::string list = http_get(port(), "/users").body;
  EXPECT_THAT(list, HasSubstr("<td>Stays</td><td>stays@example.com</td>"));
  EXPECT_THAT(list, Not(HasSubstr("n@example.com")));
}

TEST_F(SampleAppUsers, TamperedTokensAre400) {
  const std::string token = token_from("/users");
  ASSERT_EQ(std::count(token.begin(), token.end(), '.'), 3) << token;
  const size_t last_dot = token.rfind('.');
  const size_t expiry_dot = token.rfind('.', last_dot - 1);

  std::string flipped_mac = token;
  flipped_mac.back() = flipped_mac.back() == '0' ? '1' : '0';
  std::string later_expiry = token;
  later_expiry.insert(expiry_dot + 1, "9");  // extends the lifetime; the MAC must notice
  std::string other_key = token;
  other_key[0] = other_key[0] == 'a' ? 'b' : 'a';
  for (const std::string& bad : {flipped_mac, later_expiry, other_key, token.substr(0, last_dot), std::string("junk")}) {
    const HttpResponse response =
        http_post_form(port(), "/users", {{"csrf_token", bad}, {"name", "Mallory"}, {"email", "m@example.com"}});
    EXPECT_EQ(response.status, 400) << bad;
    EXPECT_THAT(response.body, HasSubstr(anti_forgery_message()));
  }
  EXPECT_THAT(http_get(port(), "/users").body, Not(HasSubstr("Mallory")));
  // The untouched token still works: the failures above were about the tampering.
  EXPECT_EQ(http_post_form(port(), "/users", {{"csrf_token", token}, {"name", "Alice"}, {"email", "a@example.com"}}).status,
            302);
}

}  // namespace
}  // namespace cdrun::sample_app_test
