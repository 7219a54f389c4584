// credo ingest/generate internal: the US banks' monthly Metro 2 files, written through the Metro 2
// writer of ingest/metro2 (writer.h): one character-format (426) file per bank and month, header,
// base segments and a trailer whose totals the writer computes.
#pragma once

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/generate/corruption.h"
#include "ingest/generate/credit.h"
#include "ingest/generate/population.h"
#include "ingest/metro2/writer.h"

namespace credo::ingest::generate {

class Metro2Feed {
 public:
  explicit Metro2Feed(const WorldPlan& plan) : plan_(plan) {}
  //! Opens bank_a/metro2_YYYYMM.dat and bank_b/... under `out_dir`, writing their headers;
  //! `relative_paths` receives the paths written.
  Status Open(const std::string& out_dir, std::vector<std::string>* relative_paths);
  //! Writes one account-month; the view supplies the identity as the bank keeps it.
  Status Write(const TruePerson& person, const FurnisherView& view, const SimulatedAccount& account,
               const AccountMonth& month);
  //! Writes every trailer and closes the files.
  Status Finish();
  //! "bank_a/metro2_202601.dat".
  static std::string RelativePath(Furnisher bank, const std::string& month_tag);

 private:
  struct File {
    std::string path;
    std::unique_ptr<std::ofstream> stream;
    std::unique_ptr<metro2::Writer> writer;
  };
  File& FileFor(Furnisher bank, int month) {
    return files_[(bank == Furnisher::kBankA ? 0 : 1) * plan_.months + month];
  }

  const WorldPlan& plan_;
  std::vector<File> files_;
};

}  // namespace credo::ingest::generate
