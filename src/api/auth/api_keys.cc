// API clients: keys shown once, stored as SHA-256, looked up by the client id they carry.
#include <vector>

#include "api/auth/auth.h"
#include "api/auth/internal/records.h"
#include "api/auth/internal/secrets.h"

namespace credo::api {
namespace {

using namespace auth_internal;

constexpr std::string_view kKeyPrefix = "credo_";
constexpr size_t kClientIdHex = 16;
constexpr size_t kSecretHex = 64;
constexpr size_t kKeyLength = kKeyPrefix.size() + kClientIdHex + 1 + kSecretHex;

constexpr const char* kClientColumns =
    "client_id, institution, created_at, expires_at, revoked_at";

ApiClientInfo ToClient(const SqlRow& row) {
  ApiClientInfo info;
  info.client_id = AsText(row[0]);
  info.institution = AsText(row[1]);
  info.created_at = AsInt(row[2]);
  info.expires_at = AsInt(row[3]);
  info.revoked_at = AsInt(row[4]);
  return info;
}

Status CheckClientId(std::string_view client_id) {
  if (client_id.size() != kClientIdHex || !IsLowerHex(client_id)) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "client id \"" + Printable(client_id) +
                         "\" is not 16 lower-case hex digits; see credo clients list",
                     "client_id");
  }
  return Ok();
}

Error Unauthenticated(std::string message) {
  return MakeError(ErrorCode::kUnauthenticated, std::move(message), "api key");
}

}  // namespace

Result<CreatedApiClient> CreateApiClient(Transaction& tx, std::string_view institution,
                                         int64_t expires_at, int64_t now_unix) {
  CREDO_TRY(CheckInstitution(institution));
  if (expires_at <= now_unix) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the expiry " + IsoTime(expires_at) + " is not after now (" +
                         IsoTime(now_unix) + "); give a future date",
                     "expires");
  }
  std::string client_id;
  for (int attempt = 0; attempt < 8 && client_id.empty(); ++attempt) {
    CREDO_ASSIGN_OR_RETURN(std::string id_bytes, RandomBytes(kClientIdHex / 2));
    std::string candidate = Hex(id_bytes);
    std::vector<SqlValue> params = {Text(candidate)};
    CREDO_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT 1 FROM auth_api_clients WHERE client_id = ?", params));
    if (rows.empty()) client_id = candidate;
  }
  if (client_id.empty()) {
    return MakeError(ErrorCode::kInternal, "could not draw an unused client id");
  }
  CREDO_ASSIGN_OR_RETURN(std::string secret, RandomBytes(kSecretHex / 2));
  CreatedApiClient created;
  created.key = std::string(kKeyPrefix) + client_id + "_" + Hex(secret);
  created.client.client_id = client_id;
  created.client.institution = std::string(institution);
  created.client.created_at = now_unix;
  created.client.expires_at = expires_at;
  std::vector<SqlValue> params = {Text(client_id), Text(institution), Text(Sha256Hex(created.key)),
                                  Int(now_unix), Int(expires_at)};
  CREDO_ASSIGN_OR_RETURN(
      int64_t row_id,
      InsertReturningId(tx,
                        "INSERT INTO auth_api_clients (client_id, institution, key_hash, "
                        "created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                        params));
  CREDO_TRY(Audit(tx, "auth.client.create", "auth_api_clients", row_id, 0,
                  "client " + client_id + " for institution " + std::string(institution) +
                      ", expires " + IsoTime(expires_at)));
  return created;
}

Status RevokeApiClient(Transaction& tx, std::string_view client_id, int64_t now_unix) {
  CREDO_TRY(CheckClientId(client_id));
  std::vector<SqlValue> params = {Text(client_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT id, institution, revoked_at FROM auth_api_clients WHERE client_id = ?",
               params));
  if (rows.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     "no API client " + std::string(client_id) + "; see credo clients list",
                     "client_id");
  }
  int64_t row_id = AsInt(rows[0][0]);
  if (AsInt(rows[0][2]) != 0) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "API client " + std::string(client_id) + " was already revoked on " +
                         IsoTime(AsInt(rows[0][2])),
                     "client_id");
  }
  std::vector<SqlValue> update = {Int(now_unix), Int(row_id)};
  CREDO_TRY(tx.Execute("UPDATE auth_api_clients SET revoked_at = ? WHERE id = ?", update));
  return Audit(tx, "auth.client.revoke", "auth_api_clients", row_id, 0,
               "client " + std::string(client_id) + " of institution " + AsText(rows[0][1]) +
                   " revoked");
}

Result<std::vector<ApiClientInfo>> ListApiClients(Transaction& tx) {
  CREDO_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kClientColumns +
                                             " FROM auth_api_clients ORDER BY id"));
  std::vector<ApiClientInfo> clients;
  clients.reserve(rows.size());
  for (const SqlRow& row : rows) clients.push_back(ToClient(row));
  return clients;
}

Result<Principal> AuthenticateApiKey(Transaction& tx, std::string_view presented_key,
                                     int64_t now_unix) {
  bool well_formed = presented_key.size() == kKeyLength &&
                     presented_key.substr(0, kKeyPrefix.size()) == kKeyPrefix &&
                     presented_key[kKeyPrefix.size() + kClientIdHex] == '_' &&
                     IsLowerHex(presented_key.substr(kKeyPrefix.size(), kClientIdHex)) &&
                     IsLowerHex(presented_key.substr(kKeyPrefix.size() + kClientIdHex + 1));
  if (!well_formed) {
    // The presented text is not echoed: it may be a real key pasted with a typo.
    return MakeError(ErrorCode::kInvalidArgument,
                     "malformed API key: expected credo_<16 hex>_<64 hex> (" +
                         std::to_string(kKeyLength) + " characters), got " +
                         std::to_string(presented_key.size()) + " characters",
                     "api key");
  }
  std::string client_id(presented_key.substr(kKeyPrefix.size(), kClientIdHex));
  std::vector<SqlValue> params = {Text(client_id)};
  CREDO_ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kClientColumns +
                              ", key_hash FROM auth_api_clients WHERE client_id = ?",
                          params));
  std::string presented_hash = Sha256Hex(presented_key);
  if (rows.empty()) {
    (void)ConstantTimeEqual(presented_hash, presented_hash);
    return Unauthenticated("unknown API key");
  }
  if (!ConstantTimeEqual(presented_hash, AsText(rows[0][5]))) {
    return Unauthenticated("unknown API key");
  }
  ApiClientInfo client = ToClient(rows[0]);
  if (client.revoked_at != 0) {
    return Unauthenticated("the API key of client " + client.client_id + " was revoked on " +
                           IsoTime(client.revoked_at) + "; ask the bureau for a new key");
  }
  if (client.expires_at <= now_unix) {
    return Unauthenticated("the API key of client " + client.client_id + " expired on " +
                           IsoTime(client.expires_at) + "; ask the bureau for a new key");
  }
  Principal principal;
  principal.role = Role::kInstitution;
  principal.id = client.client_id;
  principal.institution = client.institution;
  principal.expires_at = client.expires_at;
  return principal;
}

}  // namespace credo::api
