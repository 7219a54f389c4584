#include "monitor/webhooks.h"

#include <gtest/gtest.h>

#include "monitor_test_support.h"

namespace credo::monitor {
namespace {

TEST(WebhookUrlTest, AcceptsHttpAndHttpsWithAHost) {
  auto https = ParseWebhookUrl("https://bank.example/credo/alerts?v=1");
  ASSERT_TRUE(https.ok()) << https.error().ToString();
  EXPECT_EQ(https->scheme, "https");
  EXPECT_EQ(https->host, "bank.example");
  EXPECT_EQ(https->port, 443);
  EXPECT_EQ(https->path, "/credo/alerts?v=1");
  auto http = ParseWebhookUrl("HTTP://127.0.0.1:8080");
  ASSERT_TRUE(http.ok());
  EXPECT_EQ(http->scheme, "http");
  EXPECT_EQ(http->port, 8080);
  EXPECT_EQ(http->path, "/");
  auto v6 = ParseWebhookUrl("http://[::1]:9000/hook");
  ASSERT_TRUE(v6.ok()) << v6.error().ToString();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9000);
}

TEST(WebhookUrlTest, RefusesAnythingElseWithTheRule) {
  struct Case {
    const char* url;
    const char* rule;
  };
  const Case cases[] = {
      {"ftp://bank.example/alerts", "scheme 'ftp' is not http or https"},
      {"file:///etc/passwd", "scheme 'file' is not http or https"},
      {"javascript:alert(1)", "no scheme"},
      {"bank.example/alerts", "no scheme"},
      {"https:///alerts", "host is empty"},
      {"https://", "host is empty"},
      {"https://bank.example:0/", "port is not 1 to 65535"},
      {"https://bank.example:70000/", "port is not 1 to 65535"},
      {"https://bank.example:80a/", "is not a number"},
      {"https://user:pw@bank.example/", "user information"},
      {"https://bank example/", "space"},
      {"https://bank.example/#frag", "fragment"},
      {"https://bank..example/", "empty label"},
      {"https://bank$.example/", "the host has the character '$'"},
      {"", "no scheme"},
  };
  for (const Case& c : cases) {
    auto parsed = ParseWebhookUrl(c.url);
    ASSERT_FALSE(parsed.ok()) << c.url;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message.find(c.rule), std::string::npos)
        << c.url << ": " << parsed.error().message;
    EXPECT_NE(parsed.error().message.find("http:// or https://"), std::string::npos);
  }
}

TEST(WebhookTest, SecretIsEncryptedAtRestAndReplacedOnSet) {
  testing::TempBureau bureau;
  const std::string secret = "s3cret-value-0123456789";
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", "https://bank.example/hook", secret, 100);
  });
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query("SELECT secret FROM monitor_webhooks"));
    EXPECT_EQ(rows.at(0).at(0).bytes.find(secret), std::string::npos);
    CREDO_ASSIGN_OR_RETURN(Webhook webhook, GetWebhook(transaction, "BANK1"));
    EXPECT_EQ(webhook.secret, secret);
    EXPECT_EQ(webhook.url, "https://bank.example/hook");
    CREDO_ASSIGN_OR_RETURN(auto audit, transaction.ListAudit(0, 1000));
    bool audited = false;
    for (const auto& entry : audit) {
      if (entry.action == "monitor.webhook.set") {
        audited = true;
        EXPECT_EQ(entry.detail.find(secret), std::string::npos);
      }
    }
    EXPECT_TRUE(audited);
    auto missing = GetWebhook(transaction, "BANK2");
    EXPECT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    return Ok();
  }).ok());
  testing::Write(bureau.store(), [&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", "http://10.0.0.5:8443/new", "another-secret-0123", 200);
  });
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(Webhook webhook, GetWebhook(transaction, "BANK1"));
    EXPECT_EQ(webhook.url, "http://10.0.0.5:8443/new");
    EXPECT_EQ(webhook.secret, "another-secret-0123");
    return Ok();
  }).ok());
}

TEST(WebhookTest, BadUrlOrShortSecretWritesNothing) {
  testing::TempBureau bureau;
  Status bad_url = bureau.store().WithTransaction([&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", "gopher://bank.example/", "0123456789abcdef", 1);
  });
  ASSERT_FALSE(bad_url.ok());
  EXPECT_NE(bad_url.error().message.find("gopher"), std::string::npos);
  Status short_secret = bureau.store().WithTransaction([&](Transaction& transaction) {
    return SetWebhook(transaction, "BANK1", "https://bank.example/", "short", 1);
  });
  ASSERT_FALSE(short_secret.ok());
  EXPECT_NE(short_secret.error().message.find("at least 16"), std::string::npos);
  ASSERT_TRUE(bureau.store().WithReadTransaction([&](Transaction& transaction) -> Status {
    CREDO_ASSIGN_OR_RETURN(auto rows, transaction.Query("SELECT COUNT(*) FROM monitor_webhooks"));
    EXPECT_EQ(rows.at(0).at(0).int_value, 0);
    return Ok();
  }).ok());
}

}  // namespace
}  // namespace credo::monitor
