// credo store: the PostgreSQL driver (libpq). Text-format parameters (byte strings in binary),
// text results with bytea decoded; statements prepared once per connection.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/internal/connection.h"

namespace credo::store_internal {

//! Connects to `url` (postgresql://...). kUnavailable, naming the host and port, when the server
//! does not answer or refuses the connection.
Result<std::unique_ptr<Connection>> OpenPostgresConnection(const std::string& url,
                                                           bool read_only);

//! The URL with any password replaced by "***".
std::string RedactPostgresUrl(const std::string& url);

//! The URL's connection keywords (host, port, dbname, user, options ...), as libpq parsed them.
Result<std::vector<std::pair<std::string, std::string>>> ParsePostgresUrl(const std::string& url);

}  // namespace credo::store_internal
