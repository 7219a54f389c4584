// credo ingest/generate internal: the furnisher files and ground-truth files of one run.
//
// Feeds opens every output file up front (one per furnisher and month, plus the snapshots and
// truth files) and then takes one true entity at a time: WritePerson writes the person's records
// at each furnisher for each month and the person's truth rows; WriteCompany the same for a
// company. Nothing is kept between entities, so memory stays flat however many are generated.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/generate/credit.h"
#include "ingest/generate/generate.h"
#include "ingest/generate/internal/output.h"
#include "ingest/generate/population.h"

namespace credo::ingest::generate {

class Metro2Feed;

class Feeds {
 public:
  Feeds(const WorldPlan& plan, OutputSet& outputs, GenerateSummary& summary);
  ~Feeds();

  Status Open();
  Status WritePerson(const TruePerson& person, const PersonCredit& credit);
  Status WriteCompany(const TrueCompany& company);
  //! Writes the planted rings and circles and the trailers; then CloseAll on the OutputSet.
  Status Finish();

 private:
  Status OpenPersonFiles();
  Status OpenCompanyFiles();
  void WriteCardIssuerRow(const TruePerson& person, const SimulatedAccount& account,
                          const AccountMonth& month);
  void WriteLenderLine(const TruePerson& person, const SimulatedAccount& account,
                       const AccountMonth& month);
  void WritePersonCourtRecords(const TruePerson& person, const PersonCredit& credit);
  void WritePersonRecordTruth(std::string_view source, const std::string& file,
                              const std::string& record_id, const TruePerson& person,
                              const std::string& corruptions);
  void WriteCompanyRecordTruth(std::string_view source, const std::string& file,
                               const std::string& record_id, const TrueCompany& company,
                               const std::string& corruptions);
  void CountCorruptions(const std::vector<std::string>& tags);
  void WriteRelations(const TrueCompany& company);

  const WorldPlan& plan_;
  OutputSet& outputs_;
  GenerateSummary& summary_;
  std::string line_;  //!< reused for every row

  // Per month (index = month).
  std::vector<OutputFile*> card_issuer_;
  std::vector<OutputFile*> online_lender_;
  std::vector<OutputFile*> court_persons_;
  std::vector<OutputFile*> court_companies_;
  std::vector<OutputFile*> tax_arrears_;
  std::vector<OutputFile*> penalties_;
  std::vector<OutputFile*> company_loans_;
  // Snapshots.
  OutputFile* registry_ = nullptr;
  OutputFile* shareholders_ = nullptr;
  OutputFile* guarantees_ = nullptr;
  OutputFile* relations_ = nullptr;  //!< canonical relations file (credo graph load)
  OutputFile* financials_ = nullptr;
  OutputFile* financials_canonical_ = nullptr;  //!< flat canonical JSON lines (credo ingest)
  // Truth.
  OutputFile* truth_persons_ = nullptr;
  OutputFile* truth_person_records_ = nullptr;
  OutputFile* truth_companies_ = nullptr;
  OutputFile* truth_company_records_ = nullptr;
  std::unique_ptr<Metro2Feed> metro2_;  //!< the US banks' files
};

//! Relative paths of the monthly files ("card_issuer/cards_202601.csv").
std::string MonthlyPath(std::string_view folder, std::string_view stem, const std::string& tag,
                        std::string_view extension);

}  // namespace credo::ingest::generate
