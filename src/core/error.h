// credo core: the error vocabulary every module returns.
//
// An Error is a value: a code chosen by what the caller can do about it, a message that says
// what went wrong and how to fix it, and a location (file:line, record number, byte offset,
// field) when the error is about some input. Codes map to exit statuses in the CLI and to HTTP
// statuses in the API, each in one function there. See docs/errors.md for the code table.
#pragma once

#include <string>
#include <string_view>

namespace credo {

enum class ErrorCode {
  kOk = 0,              //!< not an error; never stored in an Error returned by a function
  kInvalidArgument,     //!< the input is malformed or breaks a rule; fix the input
  kNotFound,            //!< the thing named does not exist
  kAlreadyExists,       //!< refusing to overwrite something that exists
  kFailedPrecondition,  //!< the system is not in a state that allows this (e.g. no key file)
  kPermissionDenied,    //!< the caller is known but not allowed (purpose, consent, role)
  kUnauthenticated,     //!< the caller could not be identified
  kResourceExhausted,   //!< a quota or limit was hit (rate limit, free self-queries)
  kOutOfRange,          //!< a value outside the range allowed
  kDataLoss,            //!< stored data is corrupt or was tampered with
  kUnavailable,         //!< a server or file did not answer; retrying may help
  kVersionMismatch,     //!< a file or database from a newer, unknown version
  kUnimplemented,       //!< the operation is not supported by this backend
  kInternal,            //!< a bug or an unexpected failure of a dependency
};

//! A short stable name for the code ("invalid_argument"), used in JSON and logs.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;   //!< what went wrong and, where possible, how to fix it
  std::string location;  //!< where: "file.dat record 12 offset 5120 field ssn", or empty

  //! "location: message" (or just the message when there is no location).
  std::string ToString() const;
  //! Prefixes the location with more context as the error propagates up.
  Error& WithContext(std::string_view context);
};

inline Error MakeError(ErrorCode code, std::string message, std::string location = {}) {
  return Error{code, std::move(message), std::move(location)};
}

}  // namespace credo
