// Normalisation before blind indexing: the same value written two ways must index the same.
#include <string>

#include "store/store.h"

namespace credo {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string NormalizeIdentifierForIndex(IdentifierKind kind, std::string_view value) {
  std::string out;
  out.reserve(value.size());
  switch (kind) {
    case IdentifierKind::kEmail:
      for (char c : value) {
        if (!IsSpace(c)) out += AsciiLower(c);
      }
      return out;
    case IdentifierKind::kCnResidentId:
    case IdentifierKind::kCnUnifiedSocialCredit:
    case IdentifierKind::kUsSsn:
    case IdentifierKind::kUsEin:
    case IdentifierKind::kPhone:
    case IdentifierKind::kAccountNumber:
      // Separators people type ("123-45-6789", "+1 415 555 2671") do not change the identity.
      for (char c : value) {
        if (!IsSpace(c) && c != '-' && c != '(' && c != ')' && c != '.') out += AsciiUpper(c);
      }
      return out;
    case IdentifierKind::kOther:
      break;
  }
  size_t begin = 0, end = value.size();
  while (begin < end && IsSpace(value[begin])) ++begin;
  while (end > begin && IsSpace(value[end - 1])) --end;
  for (size_t i = begin; i < end; ++i) out += AsciiUpper(value[i]);
  return out;
}

std::string NormalizeNameForIndex(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += AsciiLower(c);
  }
  return out;
}

}  // namespace credo
