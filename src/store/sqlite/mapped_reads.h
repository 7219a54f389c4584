// credo store: SQLite reads served from one shared memory map per file.
//
// In WAL mode a connection empties its page cache whenever another connection committed, so a
// server whose writer commits hundreds of times a second reads nearly every page of every
// request again, one pread(2) per page. The "credo-mapped" VFS wraps the default one and answers
// reads of a database file and its write-ahead log from a read-only MAP_SHARED mapping of the
// file that every connection of the process shares: a copy from memory instead of a system call.
// Everything else (writes, locks, the shared-memory index, sync) is the default VFS's.
//
// SQLite's own memory-mapped I/O (PRAGMA mmap_size) is not used: each connection maps the file
// itself and unmaps it whenever its page cache is reset, which is the case above.
//
// A mapped read is served only within the size the file is known to have (its size when first
// mapped, grown by this process's writes and by reads that the default VFS answered in full, set
// by every size SQLite asks for and lowered before a truncation through this VFS); anything else
// goes to the default VFS. credo never truncates a file under a reader.
#pragma once

#include <cstdint>

#include "core/result.h"

namespace credo::store_internal {

//! The VFS's name for sqlite3_open_v2; registers it on first use (thread-safe).
Result<const char*> MappedReadVfsName();

//! How many reads the calling thread served from maps and how many went to the default VFS
//! (tests, diagnostics).
struct MappedReadCounts {
  uint64_t mapped = 0;
  uint64_t passed_through = 0;
};
MappedReadCounts MappedReadCountsNow();

}  // namespace credo::store_internal
