// credo ingest/generate: a synthetic credit bureau's monthly intake, with ground truth.
//
// Generate writes, for N persons and M companies over K months, what a bureau receives from its
// furnishers: a CN card issuer's CSV and an internet lender's JSON lines (each with the mapping
// file that onboards it), Metro 2 files from two US banks, a company registry with shareholders,
// bank guarantees, financial statements, and public records (court judgments, enforcement and
// dishonest-debtor entries, tax arrears, administrative penalties). The same person appears at
// several furnishers with realistic corruption; truth/ says which record is whom, the planted
// fraud rings and guarantee circles, and each subject's latent risk and outcome.
//
// Deterministic for a seed (byte-identical output), streaming (memory does not grow with the
// number of persons), single-threaded. Errors: kInvalidArgument for bad options, kUnavailable when
// a file cannot be written. Layout of the output: docs/readme/generate.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace credo::ingest::generate {

struct GeneratorOptions {
  int64_t persons = 1000;
  int64_t companies = 100;
  uint64_t seed = 1;
  int months = 1;       //!< monthly files per furnisher, 1..36
  std::string out_dir;  //!< created when missing; existing generated files are replaced
  Date first_month = Date::FromYmd(2026, 1, 1).value();  //!< first reported month (any day)
  double cn_share = 0.6;  //!< share of persons who are CN residents (others: US)
  //! Share (0..1) of the Metro 2 bank accounts reported as joint: a J1 segment names a co-borrower
  //! (ECOA 2), another US person of the population. Which accounts, and who, are decided by a
  //! hash of the seed and the account number, so 0 (the default) leaves every file as before and
  //! any share leaves every file other than the Metro 2 files byte-identical.
  double joint_account_share = 0;
};

struct GenerateSummary {
  int64_t persons = 0;
  int64_t companies = 0;
  int64_t person_records = 0;     //!< furnisher records about persons (all months)
  int64_t company_records = 0;    //!< registry, financial, public-record and loan records
  int64_t tradeline_months = 0;   //!< account-months reported
  int64_t defaulted_persons = 0;  //!< reached 90+ days past due in the window
  int64_t fraud_ring_members = 0;
  int64_t guarantee_circle_members = 0;
  std::vector<std::string> files;              //!< paths relative to out_dir, in writing order
  std::map<std::string, int64_t> corruptions;  //!< corruption tag -> records carrying it
};

Status ValidateOptions(const GeneratorOptions& options);
Result<GenerateSummary> Generate(const GeneratorOptions& options);

}  // namespace credo::ingest::generate
