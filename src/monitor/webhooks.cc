#include "monitor/webhooks.h"

#include <cctype>

#include "core/error.h"
#include "monitor/internal/sql.h"

namespace credo::monitor {
namespace {

using internal::Int;
using internal::Text;
using internal::TextAt;

Error BadUrl(std::string_view url, const std::string& rule) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "webhook URL '" + std::string(url) + "' refused: " + rule +
                       "; give an http:// or https:// URL with a host, e.g. "
                       "https://bank.example/credo/alerts",
                   "--url");
}

bool IsHostCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

}  // namespace

Result<WebhookUrl> ParseWebhookUrl(std::string_view url) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return BadUrl(url, "it contains a space or control character");
    }
  }
  WebhookUrl parsed;
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return BadUrl(url, "it has no scheme (nothing like https:// at the start)");
  }
  std::string scheme(url.substr(0, scheme_end));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") {
    return BadUrl(url, "the scheme '" + scheme + "' is not http or https");
  }
  parsed.scheme = scheme;
  std::string_view rest = url.substr(scheme_end + 3);
  size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return BadUrl(url, "user information (user:password@) is not allowed; put the secret in "
                       "--secret-stdin");
  }
  if (tail.find('#') != std::string_view::npos) {
    return BadUrl(url, "a fragment (#...) is not sent to servers");
  }
  std::string_view host = authority;
  parsed.port = scheme == "https" ? 443 : 80;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) return BadUrl(url, "the IPv6 host has no closing ']'");
    std::string_view after = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!after.empty() && after.front() != ':') {
      return BadUrl(url, "unexpected text after the IPv6 host");
    }
    authority = after;  // empty or ":port", parsed below
    if (host.empty()) return BadUrl(url, "the host is empty");
    for (char c : host) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
        return BadUrl(url, "the IPv6 host has a character that is not hex, ':' or '.'");
      }
    }
    parsed.host = std::string(host);
  } else {
    size_t colon = authority.rfind(':');
    host = authority.substr(0, colon);
    authority = colon == std::string_view::npos ? std::string_view() : authority.substr(colon);
    if (host.empty()) return BadUrl(url, "the host is empty");
    for (char c : host) {
      if (!IsHostCharacter(c)) {
        return BadUrl(url, std::string("the host has the character '") + c +
                               "' (letters, digits, '-' and '.' only)");
      }
    }
    if (host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos) {
      return BadUrl(url, "the host has an empty label");
    }
    parsed.host = std::string(host);
  }
  if (!authority.empty()) {  // ":port"
    std::string_view digits = authority.substr(1);
    if (digits.empty() || digits.size() > 5) return BadUrl(url, "the port is not 1 to 65535");
    int port = 0;
    for (char c : digits) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return BadUrl(url, "the port '" + std::string(digits) + "' is not a number");
      }
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return BadUrl(url, "the port is not 1 to 65535");
    parsed.port = port;
  }
  parsed.path = tail.empty() ? "/" : std::string(tail);
  if (parsed.path.front() == '?') parsed.path = "/" + parsed.path;
  return parsed;
}

Status SetWebhook(Transaction& transaction, std::string_view institution, std::string_view url,
                  std::string_view secret, int64_t now_unix_seconds) {
  if (institution.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "the institution is empty", "--institution");
  }
  CREDO_TRY(ParseWebhookUrl(url));
  if (secret.size() < 16) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the webhook secret is " + std::to_string(secret.size()) +
                         " bytes; give at least 16 (e.g. openssl rand -hex 32)",
                     "--secret-stdin");
  }
  CREDO_ASSIGN_OR_RETURN(std::string sealed, transaction.Encrypt("monitor_webhooks.secret", secret));
  std::vector<SqlValue> params = {Text(institution), Text(url), SqlValue::Blob(sealed),
                                  Int(now_unix_seconds)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query("INSERT INTO monitor_webhooks (institution, url, secret, updated_at) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (institution) DO UPDATE SET url = "
                        "excluded.url, secret = excluded.secret, updated_at = excluded.updated_at "
                        "RETURNING id",
                        params));
  AuditEntry entry;
  entry.action = "monitor.webhook.set";
  entry.entity = "monitor_webhooks";
  entry.entity_id = rows.empty() ? 0 : internal::IntAt(rows[0], 0);
  entry.detail = "institution=" + std::string(institution) + " url=" + std::string(url);
  CREDO_TRY(transaction.AppendAudit(std::move(entry)));
  return Ok();
}

Result<Webhook> GetWebhook(Transaction& transaction, std::string_view institution) {
  std::vector<SqlValue> params = {Text(institution)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      transaction.Query("SELECT url, secret FROM monitor_webhooks WHERE institution = ?", params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "institution " + std::string(institution) + " has no webhook; set one with "
                     "credo monitor webhook set");
  }
  Webhook webhook;
  webhook.institution = std::string(institution);
  webhook.url = TextAt(rows[0], 0);
  CREDO_ASSIGN_OR_RETURN(webhook.secret,
                         transaction.Decrypt("monitor_webhooks.secret", TextAt(rows[0], 1)));
  return webhook;
}

}  // namespace credo::monitor
