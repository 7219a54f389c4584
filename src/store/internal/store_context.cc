#include "store/internal/store_context.h"

namespace credo::store_internal {

Status StoreContext::ReloadKeys() {
  CREDO_ASSIGN_OR_RETURN(KeyRing fresh, KeyRing::Load(keys_.path()));
  if (fresh.BlindIndexFingerprint() != keys_.BlindIndexFingerprint()) {
    return MakeError(ErrorCode::kFailedPrecondition,
                     "the key file's blind-index key changed while the store was open",
                     keys_.path());
  }
  keys_ = std::move(fresh);
  return Ok();
}

Result<std::string> StoreContext::Open(std::string_view column, std::string_view sealed) {
  auto clear = keys_.Open(column, sealed);
  if (clear.ok() || clear.error().code != ErrorCode::kNotFound) return clear;
  CREDO_TRY(ReloadKeys());
  auto retried = keys_.Open(column, sealed);
  if (!retried.ok() && retried.error().code == ErrorCode::kNotFound) {
    Error error = retried.error();
    error.code = ErrorCode::kDataLoss;
    return error;
  }
  return retried;
}

}  // namespace credo::store_internal
