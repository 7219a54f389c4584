// The "credo-mapped" VFS (mapped_reads.h): a shim over the default VFS whose files answer reads
// from a process-wide read-only map of the database file and of its write-ahead log.
#include "store/sqlite/mapped_reads.h"

#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <utility>

namespace credo::store_internal {
namespace {

constexpr const char* kVfsName = "credo-mapped";
// Address space reserved per file (nothing is allocated for it: the map is of the file, read
// only, MAP_NORESERVE). Reads past it go to the default VFS.
constexpr uint64_t kReservedBytes = uint64_t{64} << 30;

// Per thread: one counter shared by every reading thread would be a cache line bouncing
// between the cores on each page read.
thread_local uint64_t reads_mapped = 0;
thread_local uint64_t reads_passed_through = 0;

// One file's map, shared by every connection of the process that has the file open.
class FileMap {
 public:
  //! The map of the file open as `fd`, whose `fstat` is `status` (the one already made for its
  //! inode, else a new one); null when the file cannot be mapped (its reads then go to the
  //! default VFS). `fd` stays open: it is the default VFS's, which alone may close it.
  static std::shared_ptr<FileMap> For(int fd, const struct stat& status);

  ~FileMap() { ::munmap(const_cast<char*>(base_), kReservedBytes); }
  FileMap(const FileMap&) = delete;
  FileMap& operator=(const FileMap&) = delete;

  //! Copies [offset, offset + amount) when the file is known to hold it; false otherwise.
  bool Read(void* out, int amount, sqlite3_int64 offset) const {
    if (offset < 0 || amount < 0) return false;
    const uint64_t end = static_cast<uint64_t>(offset) + static_cast<uint64_t>(amount);
    if (end > known_size_.load(std::memory_order_acquire)) return false;
    std::memcpy(out, base_ + offset, static_cast<size_t>(amount));
    return true;
  }
  //! The file is at least `size` bytes long.
  void Grew(uint64_t size) {
    if (size > kReservedBytes) size = kReservedBytes;
    uint64_t known = known_size_.load(std::memory_order_relaxed);
    while (size > known &&
           !known_size_.compare_exchange_weak(known, size, std::memory_order_release)) {
    }
  }
  //! The file is `size` bytes long now.
  void Is(uint64_t size) {
    known_size_.store(size < kReservedBytes ? size : kReservedBytes, std::memory_order_release);
  }
  //! The file was cut to `size` bytes.
  void Shrank(uint64_t size) {
    uint64_t known = known_size_.load(std::memory_order_relaxed);
    while (size < known &&
           !known_size_.compare_exchange_weak(known, size, std::memory_order_release)) {
    }
  }

 private:
  FileMap(const char* base, uint64_t size) : base_(base), known_size_(size) {}

  const char* base_;
  std::atomic<uint64_t> known_size_;
};

std::mutex& RegistryMutex() {
  static std::mutex mutex;
  return mutex;
}

// By (device, inode): a file deleted and made again under the same name is another file.
std::map<std::pair<dev_t, ino_t>, std::weak_ptr<FileMap>>& Registry() {
  static auto* registry = new std::map<std::pair<dev_t, ino_t>, std::weak_ptr<FileMap>>();
  return *registry;
}

std::shared_ptr<FileMap> FileMap::For(int fd, const struct stat& status) {
  if (!S_ISREG(status.st_mode)) return nullptr;
  const std::pair<dev_t, ino_t> key{status.st_dev, status.st_ino};
  std::lock_guard<std::mutex> lock(RegistryMutex());
  auto& registry = Registry();
  if (auto found = registry.find(key); found != registry.end()) {
    if (std::shared_ptr<FileMap> map = found->second.lock()) {
      map->Grew(static_cast<uint64_t>(status.st_size));
      return map;
    }
  }
  // The map keeps the file itself: it outlives the descriptor, which is not ours to close.
  void* base = ::mmap(nullptr, kReservedBytes, PROT_READ, MAP_SHARED | MAP_NORESERVE, fd, 0);
  if (base == MAP_FAILED) return nullptr;
  std::shared_ptr<FileMap> map(
      new FileMap(static_cast<const char*>(base), static_cast<uint64_t>(status.st_size)));
  registry[key] = map;
  // Forget maps nobody holds any more.
  for (auto it = registry.begin(); it != registry.end();) {
    it = it->second.expired() ? registry.erase(it) : std::next(it);
  }
  return map;
}

// The descriptor of a file the default ("unix") VFS opened, with its `fstat` in `status`, or -1.
// SQLite has no call for it; a unixFile begins with three pointers and then its descriptor, and
// what is read there is used only when it names the very file (device and inode) at `path`.
//
// Never a descriptor of our own: POSIX record locks belong to the process, and closing any
// descriptor of a file drops every lock the process holds on it, SQLite's included (another
// program would then take the log for unused and delete it under our readers).
int DefaultVfsDescriptor(sqlite3_vfs* vfs, sqlite3_file* file, const char* path,
                         struct stat& status) {
  if (vfs == nullptr || vfs->zName == nullptr || std::strncmp(vfs->zName, "unix", 4) != 0) {
    return -1;
  }
  int fd = -1;
  std::memcpy(&fd, reinterpret_cast<const char*>(file) + 3 * sizeof(void*), sizeof fd);
  struct stat by_path {};
  if (fd < 0 || ::fstat(fd, &status) != 0 || ::stat(path, &by_path) != 0 ||
      status.st_dev != by_path.st_dev || status.st_ino != by_path.st_ino) {
    return -1;
  }
  return fd;
}

// Our file: its methods, the map (for database and log files) and, right behind it in the
// memory SQLite gives us, the default VFS's file.
struct MappedFile {
  sqlite3_file base{};
  sqlite3_file* real = nullptr;
  std::shared_ptr<FileMap> map;
};

constexpr size_t kRealFileOffset = (sizeof(MappedFile) + 15) & ~size_t{15};

sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs shim_vfs{};

MappedFile* Shim(sqlite3_file* file) { return reinterpret_cast<MappedFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Shim(file)->real; }
const sqlite3_io_methods* RealMethods(sqlite3_file* file) { return Real(file)->pMethods; }

int Close(sqlite3_file* file) {
  MappedFile* shim = Shim(file);
  int rc = shim->real->pMethods->xClose(shim->real);
  shim->~MappedFile();
  return rc;
}

int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  MappedFile* shim = Shim(file);
  if (shim->map != nullptr && shim->map->Read(out, amount, offset)) {
    ++reads_mapped;
    return SQLITE_OK;
  }
  ++reads_passed_through;
  int rc = RealMethods(file)->xRead(shim->real, out, amount, offset);
  if (rc == SQLITE_OK && shim->map != nullptr) {
    shim->map->Grew(static_cast<uint64_t>(offset) + static_cast<uint64_t>(amount));
  }
  return rc;
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  MappedFile* shim = Shim(file);
  int rc = RealMethods(file)->xWrite(shim->real, data, amount, offset);
  if (rc == SQLITE_OK && shim->map != nullptr) {
    shim->map->Grew(static_cast<uint64_t>(offset) + static_cast<uint64_t>(amount));
  }
  return rc;
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  MappedFile* shim = Shim(file);
  // Known smaller first: no read is served from the part being cut.
  if (shim->map != nullptr) shim->map->Shrank(size < 0 ? 0 : static_cast<uint64_t>(size));
  return RealMethods(file)->xTruncate(shim->real, size);
}

int Sync(sqlite3_file* file, int flags) { return RealMethods(file)->xSync(Real(file), flags); }

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  MappedFile* shim = Shim(file);
  int rc = RealMethods(file)->xFileSize(shim->real, size);
  if (rc == SQLITE_OK && shim->map != nullptr && *size >= 0) {
    // The file's size now: larger, it grew; smaller, another program cut it (a checkpoint with
    // TRUNCATE). A size already out of date only sends reads to the default VFS for a while.
    shim->map->Is(static_cast<uint64_t>(*size));
  }
  return rc;
}

int Lock(sqlite3_file* file, int level) { return RealMethods(file)->xLock(Real(file), level); }
int Unlock(sqlite3_file* file, int level) {
  return RealMethods(file)->xUnlock(Real(file), level);
}
int CheckReservedLock(sqlite3_file* file, int* out) {
  return RealMethods(file)->xCheckReservedLock(Real(file), out);
}
int FileControl(sqlite3_file* file, int op, void* argument) {
  return RealMethods(file)->xFileControl(Real(file), op, argument);
}
int SectorSize(sqlite3_file* file) { return RealMethods(file)->xSectorSize(Real(file)); }
int DeviceCharacteristics(sqlite3_file* file) {
  return RealMethods(file)->xDeviceCharacteristics(Real(file));
}
int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return RealMethods(file)->xShmMap(Real(file), region, size, extend, out);
}
int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
  return RealMethods(file)->xShmLock(Real(file), offset, n, flags);
}
void ShmBarrier(sqlite3_file* file) { RealMethods(file)->xShmBarrier(Real(file)); }
int ShmUnmap(sqlite3_file* file, int delete_flag) {
  return RealMethods(file)->xShmUnmap(Real(file), delete_flag);
}
int Fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  return RealMethods(file)->xFetch(Real(file), offset, amount, out);
}
int Unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return RealMethods(file)->xUnfetch(Real(file), offset, page);
}

// One table per version of the default VFS's methods: ours never claims more than it has.
const sqlite3_io_methods* MethodsFor(int version) {
  static const sqlite3_io_methods tables[3] = {
      {1, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock,
       FileControl, SectorSize, DeviceCharacteristics, nullptr, nullptr, nullptr, nullptr, nullptr,
       nullptr},
      {2, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock,
       FileControl, SectorSize, DeviceCharacteristics, ShmMap, ShmLock, ShmBarrier, ShmUnmap,
       nullptr, nullptr},
      {3, Close, Read, Write, Truncate, Sync, FileSize, Lock, Unlock, CheckReservedLock,
       FileControl, SectorSize, DeviceCharacteristics, ShmMap, ShmLock, ShmBarrier, ShmUnmap,
       Fetch, Unfetch},
  };
  if (version < 1) version = 1;
  if (version > 3) version = 3;
  return &tables[version - 1];
}

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* shim = new (file) MappedFile();
  shim->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kRealFileOffset);
  shim->real->pMethods = nullptr;
  int rc = real_vfs->xOpen(real_vfs, name, shim->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (shim->real->pMethods != nullptr) shim->real->pMethods->xClose(shim->real);
    shim->~MappedFile();
    file->pMethods = nullptr;
    return rc;
  }
  if (name != nullptr && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0) {
    struct stat status {};
    const int fd = DefaultVfsDescriptor(real_vfs, shim->real, name, status);
    if (fd >= 0) shim->map = FileMap::For(fd, status);
  }
  file->pMethods = MethodsFor(shim->real->pMethods->iVersion);
  return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int sync_directory) {
  return real_vfs->xDelete(real_vfs, name, sync_directory);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return real_vfs->xAccess(real_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return real_vfs->xFullPathname(real_vfs, name, size, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return real_vfs->xDlOpen(real_vfs, name); }
void DlError(sqlite3_vfs*, int size, char* out) { real_vfs->xDlError(real_vfs, size, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return real_vfs->xDlSym(real_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { real_vfs->xDlClose(real_vfs, handle); }
int Randomness(sqlite3_vfs*, int size, char* out) {
  return real_vfs->xRandomness(real_vfs, size, out);
}
int Sleep(sqlite3_vfs*, int microseconds) { return real_vfs->xSleep(real_vfs, microseconds); }
int CurrentTime(sqlite3_vfs*, double* out) { return real_vfs->xCurrentTime(real_vfs, out); }
int GetLastError(sqlite3_vfs*, int size, char* out) {
  return real_vfs->xGetLastError(real_vfs, size, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return real_vfs->xCurrentTimeInt64(real_vfs, out);
}
int SetSystemCall(sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
  return real_vfs->xSetSystemCall(real_vfs, name, call);
}
sqlite3_syscall_ptr GetSystemCall(sqlite3_vfs*, const char* name) {
  return real_vfs->xGetSystemCall(real_vfs, name);
}
const char* NextSystemCall(sqlite3_vfs*, const char* name) {
  return real_vfs->xNextSystemCall(real_vfs, name);
}

}  // namespace

Result<const char*> MappedReadVfsName() {
  static std::once_flag registered;
  static int result = SQLITE_OK;
  std::call_once(registered, [] {
    real_vfs = sqlite3_vfs_find(nullptr);
    if (real_vfs == nullptr) {
      result = SQLITE_ERROR;
      return;
    }
    shim_vfs.iVersion = real_vfs->iVersion < 3 ? real_vfs->iVersion : 3;
    shim_vfs.szOsFile = static_cast<int>(kRealFileOffset) + real_vfs->szOsFile;
    shim_vfs.mxPathname = real_vfs->mxPathname;
    shim_vfs.zName = kVfsName;
    shim_vfs.xOpen = Open;
    shim_vfs.xDelete = Delete;
    shim_vfs.xAccess = Access;
    shim_vfs.xFullPathname = FullPathname;
    shim_vfs.xDlOpen = real_vfs->xDlOpen != nullptr ? DlOpen : nullptr;
    shim_vfs.xDlError = real_vfs->xDlError != nullptr ? DlError : nullptr;
    shim_vfs.xDlSym = real_vfs->xDlSym != nullptr ? DlSym : nullptr;
    shim_vfs.xDlClose = real_vfs->xDlClose != nullptr ? DlClose : nullptr;
    shim_vfs.xRandomness = Randomness;
    shim_vfs.xSleep = Sleep;
    shim_vfs.xCurrentTime = CurrentTime;
    shim_vfs.xGetLastError = GetLastError;
    if (shim_vfs.iVersion >= 2) {
      shim_vfs.xCurrentTimeInt64 = real_vfs->xCurrentTimeInt64 != nullptr ? CurrentTimeInt64 : nullptr;
    }
    if (shim_vfs.iVersion >= 3) {
      shim_vfs.xSetSystemCall = real_vfs->xSetSystemCall != nullptr ? SetSystemCall : nullptr;
      shim_vfs.xGetSystemCall = real_vfs->xGetSystemCall != nullptr ? GetSystemCall : nullptr;
      shim_vfs.xNextSystemCall = real_vfs->xNextSystemCall != nullptr ? NextSystemCall : nullptr;
    }
    result = sqlite3_vfs_register(&shim_vfs, 0);
  });
  if (result != SQLITE_OK) {
    return MakeError(ErrorCode::kInternal, std::string("cannot register the SQLite VFS ") +
                                               kVfsName + ": " + sqlite3_errstr(result));
  }
  return kVfsName;
}

MappedReadCounts MappedReadCountsNow() {
  return {reads_mapped, reads_passed_through};
}

}  // namespace credo::store_internal
