// credo_ingest: see the public headers in each part's folder (metro2/, mapping/, standardize/).
namespace credo::ingest {
// Anchors the library target while its parts are added by their sources.cmake files.
const char* ModuleName() { return "ingest"; }
}  // namespace credo::ingest
