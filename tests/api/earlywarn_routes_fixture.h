// Shared by the early-warning route tests (alerts and subscriptions, graph, fraud): a real
// bureau (server_test_bureau.h) served by a real Server on a free port, sessions for the staff
// roles, the API keys of two institutions, and a small client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "api/server/server.h"
#include "server_test_bureau.h"

namespace credo::api::testing {

struct Answer {
  int status = 0;
  nlohmann::json body;
  std::string text;
};

class EarlyWarnServer {
 public:
  EarlyWarnServer() {
    ServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.store = bureau_.Options();
    options.profile = LoadBuiltinProfile("cn").value();
    options.rate_limit = {0, 1};
    options.logger = std::make_shared<spdlog::logger>(
        "earlywarn", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    server_ = std::make_unique<Server>(std::move(options));
    Status started = server_->Start();
    EXPECT_TRUE(started.ok()) << started.error().ToString();
    bearer_["bank-a"] = bureau_.key("bank-a");
    bearer_["bank-b"] = bureau_.key("bank-b");
    const int64_t now = SystemClock().NowUnixSeconds();
    for (const char* user : {"analyst", "auditor", "data-ops", "admin"}) {
      nlohmann::json login = {{"user", user},
                              {"password", bureau_.user(user).password},
                              {"totp", bureau_.Totp(user, now)}};
      auto result = Client().Post("/v1/sessions", login.dump(), "application/json");
      EXPECT_TRUE(result && result->status == 201) << user;
      if (result && result->status == 201) {
        bearer_[user] = nlohmann::json::parse(result->body)["token"];
      }
    }
  }
  ~EarlyWarnServer() { server_.reset(); }

  TestBureau& bureau() { return bureau_; }
  Store& store() { return bureau_.store(); }
  std::string Log() const { return log_.str(); }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(30, 0);
    return client;
  }

  //! `who`: "bank-a", "bank-b", "analyst", "auditor", "data-ops", "admin" or "" (anonymous).
  Answer Call(const std::string& who, const std::string& method, const std::string& path,
              const std::string& body = "") const {
    httplib::Headers headers;
    if (!who.empty()) headers.emplace("Authorization", "Bearer " + bearer_.at(who));
    auto client = Client();
    httplib::Result result = method == "GET"      ? client.Get(path, headers)
                             : method == "DELETE" ? client.Delete(path, headers)
                                                  : client.Post(path, headers, body,
                                                                "application/json");
    Answer answer;
    if (!result) {
      ADD_FAILURE() << method << " " << path << ": no answer";
      return answer;
    }
    answer.status = result->status;
    answer.text = result->body;
    answer.body = nlohmann::json::parse(result->body, nullptr, false);
    return answer;
  }
  Answer Get(const std::string& who, const std::string& path) const {
    return Call(who, "GET", path);
  }
  Answer Post(const std::string& who, const std::string& path, const nlohmann::json& body) const {
    return Call(who, "POST", path, body.dump());
  }

  //! The error message of an error answer ("" when it is not one).
  static std::string Message(const Answer& answer) {
    if (!answer.body.is_object() || !answer.body.contains("error")) return "";
    return answer.body["error"].value("message", "");
  }

 private:
  TestBureau bureau_;
  std::ostringstream log_;
  std::unique_ptr<Server> server_;
  std::map<std::string, std::string> bearer_;
};

}  // namespace credo::api::testing
