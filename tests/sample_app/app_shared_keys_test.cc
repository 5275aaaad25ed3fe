// Two instances behind a real nginx: a form served by one instance must be accepted by the other.
// With the key ring in a shared Redis it is; with a ring per instance (the local store, like ASP.NET
// Data Protection's default per-machine keys) the other instance rejects it as forged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/e2e/run_cdrun.h"
#include "tests/sample_app/http_client.h"
#include "tests/sample_app/nginx_proxy.h"
#include "tests/sample_app/redis_server.h"
#include "tests/sample_app/sample_app_process.h"

namespace cdrun::sample_app_test {
namespace {

using ::testing::HasSubstr;

std::string key_id_of(const std::string& token) { return token.substr(0, token.find('.')); }

class TwoInstances : public ::testing::Test {
 protected:
  void start(const std::string& key_store) {
    if (key_store == "redis") {
      redis_ = std::make_unique<RedisServer>(dir_.path() + "/redis");
      ASSERT_TRUE(redis_->ready()) << redis_->output();
    }
    for (const char* name : {"app-a", "app-b"}) {
      AppSettings settings;
      settings.instance = name;
      settings.key_store = key_store;
      settings.redis_port = redis_ ? redis_->port() : 0;
      apps_.push_back(std::make_unique<SampleApp>(dir_.path(), settings));
      ASSERT_TRUE(apps_.back()->ready()) << apps_.back()->output();
    }
    nginx_ = std::make_unique<NginxProxy>(dir_.path() + "/nginx", std::vector<int>{a().port(), b().port()});
    ASSERT_TRUE(nginx_->config_test_passed()) << nginx_->config_test_output();
    ASSERT_TRUE(nginx_->ready()) << nginx_->error_log();
  }

  SampleApp& a() { return *apps_[0]; }
  SampleApp& b() { return *apps_[1]; }

  // Loads the create form from one port and posts a new user with its token to another.
  HttpResponse form_from_posted_to(int form_port, int post_port, const std::string& email,
                                   std::string* form_instance = nullptr) {
    const HttpResponse form = http_get(form_port, "/users");
    EXPECT_EQ(form.status, 200) << form.error;
    if (form_instance) *form_instance = form.header("x-instance");
    return http_post_form(post_port, "/users",
                          {{"csrf_token", csrf_token_in(form.body)}, {"name", "Cross"}, {"email", email}});
  }

  // Declared first so it is removed last, after every process in it has stopped.
  e2e::TempDir dir_;
  std::unique_ptr<RedisServer> redis_;
  std::vector<std::unique_ptr<SampleApp>> apps_;
  std::unique_ptr<NginxProxy> nginx_;
};

TEST_F(TwoInstances, SharedRedisKeyRingLetsEitherInstanceAcceptTheOthersForm) {
  start("redis");
  const HttpResponse a_to_b = form_from_posted_to(a().port(), b().port(), "ab@example.com");
  EXPECT_EQ(a_to_b.status, 302) << a_to_b.body << b().log();
  EXPECT_EQ(a_to_b.header("x-instance"), "app-b");
  const HttpResponse b_to_a = form_from_posted_to(b().port(), a().port(), "ba@example.com");
  EXPECT_EQ(b_to_a.status, 302) << b_to_a.body << a().log();
  EXPECT_EQ(b_to_a.header("x-instance"), "app-a");

  // Both started together yet agree on one ring: the one stored in Redis.
  const std::string token_a = csrf_token_in(http_get(a().port(), "/users").body);
  const std::string token_b = csrf_token_in(http_get(b().port(), "/users").body);
  EXPECT_EQ(key_id_of(token_a), key_id_of(token_b));
  EXPECT_THAT(redis_->command("GET cdrun-sample-app:keyring"), HasSubstr("\n" + key_id_of(token_a) + " "));
}

TEST_F(TwoInstances, LocalKeyRingsRejectTheOtherInstancesForm) {
  start("local");
  const HttpResponse a_to_b = form_from_posted_to(a().port(), b().port(), "ab@example.com");
  EXPECT_EQ(a_to_b.status, 400);
  EXPECT_THAT(a_to_b.body, HasSubstr("anti-forgery token"));
  EXPECT_THAT(b().log(), HasSubstr("is not in this instance's key ring"));
  // Each still accepts its own forms: only the pairing across instances fails.
  EXPECT_EQ(form_from_posted_to(a().port(), a().port(), "aa@example.com").status, 302);
  EXPECT_EQ(form_from_posted_to(b().port(), b().port(), "bb@example.com").status, 302);
}

// Through the load balancer, consecutive requests alternate between the instances (round robin),
// so a form is usually posted to the instance that did not serve it.
struct ThroughNginx {
  int posts = 0;
  int successes = 0;
  int forgery_rejections = 0;
  int crossed = 0;  // posts answered by another instance than the one that served the form
  std::set<std::string> instances;
};

ThroughNginx post_forms_through(int nginx_port, int rounds) {
  ThroughNginx seen;
  for (int i = 0; i < rounds; ++i) {
    const HttpResponse form = http_get(nginx_port, "/users");
    const HttpResponse post = http_post_form(
        nginx_port, "/users",
        {{"csrf_token", csrf_token_in(form.body)}, {"name", "LB"}, {"email", "lb" + std::to_string(i) + "@example.com"}});
    ++seen.posts;
    if (post.status == 302) ++seen.successes;
    if (post.status == 400 && post.body.find("anti-forgery token") != std::string::npos) ++seen.forgery_rejections;
    if (post.header("x-instance") != form.header("x-instance")) ++seen.crossed;
    seen.instances.insert(form.header("x-instance"));
    seen.instances.insert(post.header("x-instance"));
  }
  return seen;
}

TEST_F(TwoInstances, PostsThroughNginxSucceedWithTheSharedRing) {
  start("redis");
  const ThroughNginx seen = post_forms_through(nginx_->port(), 6);
  EXPECT_EQ(seen.instances, (std::set<std::string>{"app-a", "app-b"})) << "nginx should use both instances";
  EXPECT_GT(seen.crossed, 0) << "no form was posted across instances, so the test proves nothing";
  EXPECT_EQ(seen.successes, seen.posts);
  const auto health = nlohmann::json::parse(http_get(nginx_->port(), "/health").body);
  EXPECT_EQ(health.at("key_store"), "redis");
}

TEST_F(TwoInstances, PostsThroughNginxFailAcrossInstancesWithLocalRings) {
  start("local");
  const ThroughNginx seen = post_forms_through(nginx_->port(), 6);
  ASSERT_GT(seen.crossed, 0) << "no form was posted across instances, so the test proves nothing";
  EXPECT_EQ(seen.forgery_rejections, seen.crossed);
  EXPECT_EQ(seen.successes, seen.posts - seen.crossed);
}

TEST_F(TwoInstances, HealthIs503WhenRedisStops) {
  start("redis");
  ASSERT_EQ(http_get(a().port(), "/health").status, 200);
  ASSERT_TRUE(redis_->stop());
  const HttpResponse health = http_get(a().port(), "/health");
  EXPECT_EQ(health.status, 503) << health.body;
  const auto json = nlohmann::json::parse(health.body);
  EXPECT_EQ(json.at("status"), "unhealthy");
  EXPECT_EQ(json.at("database"), "ok");
  EXPECT_EQ(json.at("redis"), "error");
  EXPECT_THAT(json.at("reason").get<std::string>(), HasSubstr("redis 127.0.0.1:"));
}

}  // namespace
}  // namespace cdrun::sample_app_test
