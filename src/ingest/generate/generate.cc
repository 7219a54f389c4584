#include "ingest/generate/generate.h"

#include "ingest/generate/credit.h"
#include "ingest/generate/internal/feeds.h"
#include "ingest/generate/internal/output.h"
#include "ingest/generate/mapping_files.h"
#include "ingest/generate/population.h"

namespace credo::ingest::generate {

Status ValidateOptions(const GeneratorOptions& options) {
  auto invalid = [](std::string message) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(message));
  };
  if (options.persons < 0 || options.persons > 100000000) {
    return invalid("--persons must be between 0 and 100,000,000, got " +
                   std::to_string(options.persons));
  }
  if (options.companies < 0 || options.companies > 10000000) {
    return invalid("--companies must be between 0 and 10,000,000, got " +
                   std::to_string(options.companies));
  }
  if (options.months < 1 || options.months > 36) {
    return invalid("--months must be between 1 and 36, got " + std::to_string(options.months));
  }
  if (options.cn_share < 0 || options.cn_share > 1) {
    return invalid("the CN share of persons must be between 0 and 1");
  }
  if (!(options.joint_account_share >= 0 && options.joint_account_share <= 1)) {
    return invalid("--joint-accounts must be a share between 0 and 1, got " +
                   std::to_string(options.joint_account_share));
  }
  if (options.out_dir.empty()) return invalid("--out is required: the directory to write into");
  return Ok();
}

Result<GenerateSummary> Generate(const GeneratorOptions& options) {
  CREDO_TRY(ValidateOptions(options));
  WorldPlan plan = MakeWorldPlan(options);
  GenerateSummary summary;
  OutputSet outputs(options.out_dir);
  Feeds feeds(plan, outputs, summary);
  CREDO_TRY(feeds.Open());
  CREDO_TRY(WriteMappingFiles(outputs));
  for (int64_t index = 0; index < options.persons; ++index) {
    TruePerson person = MakePerson(plan, index);
    PersonCredit credit = SimulateCredit(plan, person);
    CREDO_TRY(feeds.WritePerson(person, credit));
  }
  for (int64_t index = 0; index < options.companies; ++index) {
    CREDO_TRY(feeds.WriteCompany(MakeCompany(plan, index)));
  }
  CREDO_TRY(feeds.Finish());
  CREDO_TRY(outputs.CloseAll());
  summary.files = outputs.relative_paths();
  return summary;
}

}  // namespace credo::ingest::generate
