// zstd framing of kept report documents (see document_codec.h).
#include "report/internal/document_codec.h"

#include <cstdint>
#include <memory>

#include <zstd.h>

namespace credo::report::internal {
namespace {

constexpr int kLevel = 1;
// Far above any report (the largest company report is well under 1 MiB of JSON); a bigger
// claim in a frame header means the bytes are not a document we kept.
constexpr unsigned long long kMaxDocumentBytes = 64ull << 20;

// A frame starts with ZSTD_MAGICNUMBER, little-endian; a JSON document starts with '{'.
bool IsZstdFrame(std::string_view bytes) {
  if (bytes.size() < 4) return false;
  uint32_t magic = 0;
  for (int i = 3; i >= 0; --i) magic = (magic << 8) | static_cast<unsigned char>(bytes[i]);
  return magic == ZSTD_MAGICNUMBER;
}

// One context per thread: creating one costs more than compressing a report. Frames carry a
// checksum of the content (4 bytes), so damage is found here and not by the JSON parser.
ZSTD_CCtx* CompressionContext() {
  thread_local std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context = [] {
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> made(ZSTD_createCCtx(), &ZSTD_freeCCtx);
    if (made != nullptr) {
      ZSTD_CCtx_setParameter(made.get(), ZSTD_c_compressionLevel, kLevel);
      ZSTD_CCtx_setParameter(made.get(), ZSTD_c_checksumFlag, 1);
    }
    return made;
  }();
  return context.get();
}

ZSTD_DCtx* DecompressionContext() {
  thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(),
                                                                            &ZSTD_freeDCtx);
  return context.get();
}

}  // namespace

std::string CompressDocument(std::string_view json) {
  ZSTD_CCtx* context = CompressionContext();
  // Compressing into a buffer of ZSTD_compressBound bytes fails only when memory runs out, and
  // then the document is kept as it is (ExpandDocument reads plain JSON too).
  if (context == nullptr) return std::string(json);
  std::string out(ZSTD_compressBound(json.size()), '\0');
  const size_t written = ZSTD_compress2(context, out.data(), out.size(), json.data(), json.size());
  if (ZSTD_isError(written)) return std::string(json);
  out.resize(written);
  return out;
}

Result<std::string> ExpandDocument(std::string_view kept, std::string_view what) {
  if (!IsZstdFrame(kept)) return std::string(kept);
  const unsigned long long size = ZSTD_getFrameContentSize(kept.data(), kept.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxDocumentBytes) {
    return MakeError(ErrorCode::kDataLoss,
                     std::string(what) + " is not a readable compressed document (frame header)",
                     "report.document");
  }
  ZSTD_DCtx* context = DecompressionContext();
  if (context == nullptr) {
    return MakeError(ErrorCode::kResourceExhausted, "no memory to decompress " + std::string(what),
                     "report.document");
  }
  std::string out(static_cast<size_t>(size), '\0');
  const size_t read = ZSTD_decompressDCtx(context, out.data(), out.size(), kept.data(), kept.size());
  if (ZSTD_isError(read) || read != out.size()) {
    return MakeError(ErrorCode::kDataLoss,
                     std::string(what) + " does not decompress: " +
                         (ZSTD_isError(read) ? ZSTD_getErrorName(read) : "short frame"),
                     "report.document");
  }
  return out;
}

}  // namespace credo::report::internal
