// Everything a request handler needs, built once in main and shared by the request threads.
#pragma once

#include <memory>

#include "app_log.h"
#include "key_store.h"
#include "options.h"
#include "token_protector.h"
#include "users_repository.h"

namespace cdrun::sample_app {

struct AppContext {
  Options options;
  std::shared_ptr<AppLog> log;
  UsersRepository users;
  std::unique_ptr<KeyStore> key_store;
  std::unique_ptr<TokenProtector> tokens;
};

}  // namespace cdrun::sample_app
