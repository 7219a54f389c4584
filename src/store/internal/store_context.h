// credo store internal: what a Transaction works with — the connection, the keys, the clock,
// the actor, and the audit chain's head while a write transaction is open.
#pragma once

#include <memory>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "store/crypto/key_ring.h"
#include "store/internal/connection.h"
#include "store/internal/read_memo.h"

namespace credo::store_internal {

class StoreContext {
 public:
  StoreContext(std::unique_ptr<Connection> connection, KeyRing keys, const Clock* clock,
               std::string actor)
      : connection_(std::move(connection)), keys_(std::move(keys)), clock_(clock),
        actor_(std::move(actor)) {}

  Connection& connection() { return *connection_; }
  Dialect dialect() const { return connection_->dialect(); }
  KeyRing& keys() { return keys_; }
  const Clock& clock() const { return *clock_; }
  const std::string& actor() const { return actor_; }
  int64_t Now() const { return clock_->NowUnixSeconds(); }

  //! Prepares cached SQL (placeholders are `?`).
  Result<Statement*> Prepare(std::string_view sql) { return connection_->Prepare(sql); }

  //! Seals under the active key; appends to `out`.
  Status Seal(std::string_view column, std::string_view clear, std::string& out) {
    return keys_.SealInto(column, clear, out);
  }
  //! Opens a sealed value; re-reads the key file once when the value names a key this process
  //! does not know yet (another process rotated keys).
  Result<std::string> Open(std::string_view column, std::string_view sealed);
  Status ReloadKeys();

  // Transaction state.
  bool in_transaction = false;
  bool audit_head_loaded = false;
  bool audit_head_dirty = false;
  int64_t audit_last_sequence = 0;
  std::string audit_last_hash;
  //! Rows the open read-only transaction has read about one subject (read_memo.h).
  ReadMemo read_memo;

 private:
  std::unique_ptr<Connection> connection_;
  KeyRing keys_;
  const Clock* clock_;
  std::string actor_;
};

}  // namespace credo::store_internal
