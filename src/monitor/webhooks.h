// credo monitor: an institution's webhook (URL and signing secret).
//
// The URL must be http:// or https:// with a host (an optional port 1-65535 and path; no user
// information, no fragment); anything else is refused with a message saying which rule failed.
// The secret (at least 16 bytes) is encrypted at rest with the store's field encryption.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "store/store.h"

namespace credo::monitor {

struct WebhookUrl {
  std::string scheme;  //!< "http" or "https"
  std::string host;
  int port = 0;        //!< explicit or the scheme's default
  std::string path;    //!< starts with '/'; "/" when absent (query kept)
};
//! Parses and checks a webhook URL.
Result<WebhookUrl> ParseWebhookUrl(std::string_view url);

struct Webhook {
  std::string institution;
  std::string url;
  std::string secret;  //!< clear, in memory only
};

//! Registers or replaces the institution's webhook. Audited ("monitor.webhook.set"), the secret
//! never in the audit detail.
Status SetWebhook(Transaction& transaction, std::string_view institution, std::string_view url,
                  std::string_view secret, int64_t now_unix_seconds);
Result<Webhook> GetWebhook(Transaction& transaction, std::string_view institution);

}  // namespace credo::monitor
