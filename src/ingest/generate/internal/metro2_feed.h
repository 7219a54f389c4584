// credo ingest/generate internal: the US banks' monthly Metro 2 files, written through the Metro 2
// writer of ingest/metro2 (writer.h): one character-format (426) file per bank and month, header,
// base segments and a trailer whose totals the writer computes. With a joint-account share
// (GeneratorOptions::joint_account_share), that share of the accounts also carry a J2 segment
// naming a co-borrower (ECOA 2): another US person of the population, as this bank keeps them.
#pragma once

#include <fstream>
#include <memory>
#include <optional>
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
  //! Writes one account-month; the view supplies the identity as the bank keeps it. `person` is
  //! the base consumer (never their own co-borrower).
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

  //! The J2 of a joint account, or nullopt for an individual one: a pure function of the seed
  //! and the account number (not of the order of writing), so the same every month.
  std::optional<metro2::J2Segment> CoBorrowerOf(const TruePerson& person, const FurnisherView& view,
                                                const SimulatedAccount& account) const;

  const WorldPlan& plan_;
  std::vector<File> files_;
  // The last account's J2 (an account's months are written one after another).
  std::string joint_account_number_;
  std::optional<metro2::J2Segment> joint_j2_;
};

}  // namespace credo::ingest::generate
