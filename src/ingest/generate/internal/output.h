// credo ingest/generate internal: buffered output files and the text encodings the feeds use
// (CSV fields quoted per RFC 4180, JSON strings escaped, amounts as decimal text).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace credo::ingest::generate {

//! One output file, written through a large buffer. Errors are sticky and reported by Close().
class OutputFile {
 public:
  OutputFile() = default;
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Open(const std::string& path);
  void Write(std::string_view text);
  Status Close();
  const std::string& path() const { return path_; }

 private:
  void Flush();
  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
  bool failed_ = false;
};

//! The files of one run, opened by relative path under out_dir and closed together.
class OutputSet {
 public:
  explicit OutputSet(std::string out_dir) : out_dir_(std::move(out_dir)) {}
  //! Creates parent directories; the returned file lives as long as the set.
  Result<OutputFile*> Open(const std::string& relative_path);
  Status CloseAll();
  //! Lists a file written by other means (the Metro 2 writer) among the run's files.
  void Record(const std::string& relative_path) { relative_paths_.push_back(relative_path); }
  const std::vector<std::string>& relative_paths() const { return relative_paths_; }
  const std::string& out_dir() const { return out_dir_; }

 private:
  std::string out_dir_;
  std::vector<std::unique_ptr<OutputFile>> files_;
  std::vector<std::string> relative_paths_;
};

//! Appends `field` to `line` as a CSV field (quoted when it holds a comma, quote or newline),
//! preceded by a comma unless `first`.
void AppendCsv(std::string& line, std::string_view field, bool first = false);
//! Appends `text` as a JSON string literal with its quotes.
void AppendJsonString(std::string& out, std::string_view text);
//! Minor units as decimal text with two decimals: 1234567 -> "12345.67".
std::string Decimal(int64_t minor_units);

}  // namespace credo::ingest::generate
