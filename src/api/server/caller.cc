#include "api/server/caller.h"

namespace credo::api {

std::string_view CallerKindName(CallerKind kind) {
  switch (kind) {
    case CallerKind::kAnonymous: return "anonymous";
    case CallerKind::kClient: return "client";
    case CallerKind::kOperator: return "operator";
    case CallerKind::kSubject: return "subject";
  }
  return "anonymous";
}

}  // namespace credo::api
