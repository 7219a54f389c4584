// How a scorecard default is chosen without looking at the test rows: for each real credit file
// (Give Me Some Credit, German credit, HELOC), the 70/30 split of the issue (scikit-learn's rows,
// seed 42), then 5-fold cross-validation of the whole scorecard flow on the 70% development part
// only, and the test AUC beside it for the record. Options on the command line change one
// default for all three files at once:
//   scorecard_defaults_bench [--max-bins N] [--min-bin-share S] [--prebins P] [--iv-min V]
//                            [--max-correlation R] [--stepwise 0|1] [--l2 L] [--trend auto|none|...]
//                            [--files gmsc,german,heloc] [--dump 1]
// Prints one line per file (with --dump, each characteristic and each dropped variable) and the
// mean development CV over the files. Not a timed benchmark: it takes about a minute.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "model/model.h"

namespace {

using namespace credo::model;

struct CreditFile {
  const char* key;
  const char* path;
  const char* target;
  std::vector<double> special_values;
};

}  // namespace

int main(int argc, char** argv) {
  TrainOptions options;
  std::string files = "gmsc,german,heloc";
  bool dump = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--max-bins") options.binning.max_bins = std::atoi(value);
    else if (flag == "--min-bin-share") options.binning.min_bin_share = std::atof(value);
    else if (flag == "--prebins") options.binning.prebins = std::atoi(value);
    else if (flag == "--iv-min") options.selection.min_iv = std::atof(value);
    else if (flag == "--l2") options.logistic.l2 = std::atof(value);
    else if (flag == "--trend") options.binning.trend = *ParseMonotonicTrend(value);
    else if (flag == "--files") files = value;
    else if (flag == "--stepwise") options.selection.stepwise = std::atoi(value) != 0;
    else if (flag == "--max-correlation") options.selection.max_correlation = std::atof(value);
    else if (flag == "--dump") dump = std::atoi(value) != 0;
    else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  const std::string shared = std::string(CREDO_SHARED_DIR) + "/data/credit/";
  const CreditFile all[] = {
      {"gmsc", "give_me_some_credit/cs-training.csv", "SeriousDlqin2yrs", {}},
      {"german", "german_credit/germancredit.csv", "creditability", {}},
      {"heloc", "heloc/heloc_dataset_v1.csv", "RiskPerformance", {-7, -8, -9}},
  };
  double cv_sum = 0;
  int counted = 0;
  for (const CreditFile& file : all) {
    if (files.find(file.key) == std::string::npos) continue;
    DatasetOptions read;
    read.target = file.target;
    read.training = true;
    auto data = LoadCsvDataset(shared + file.path, read);
    if (!data.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.key, data.error().ToString().c_str());
      return 1;
    }
    TrainOptions train = options;
    train.binning.special_values = file.special_values;
    auto artifact = TrainModel(*data, train);
    if (!artifact.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.key, artifact.error().ToString().c_str());
      return 1;
    }
    auto bad = ParseNumber(data->bad_value);
    auto good = ParseNumber(data->good_value);
    bool bad_first = bad && good ? *bad < *good : data->bad_value < data->good_value;
    SplitIndexes split = SklearnStratifiedSplit(data->target, 0.3, 42, bad_first);
    auto cv = CrossValidate(data->Subset(split.train), train, 5, 42);
    if (!cv.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.key, cv.error().ToString().c_str());
      return 1;
    }
    std::printf("%-7s dev CV %.4f (sd %.4f)  test %.4f  characteristics %zu\n", file.key,
                cv->mean_auc, cv->sd_auc, artifact->metrics["test"]["auc"].get<double>(),
                artifact->scorecard->characteristics.size());
    if (dump) {
      for (const Characteristic& c : artifact->scorecard->characteristics) {
        std::printf("    %-40s iv %.3f coef %+.3f bins %zu trend %s\n", c.binning.variable.c_str(),
                    c.binning.iv, c.coefficient, c.binning.RegularBins(),
                    std::string(MonotonicTrendName(c.binning.trend)).c_str());
      }
    }
    if (dump) {
      for (const SelectionDecision& d : artifact->selection) {
        if (d.decision != "selected") {
          std::printf("    dropped %-32s %s %s\n", d.variable.c_str(), d.decision.c_str(),
                      d.detail.c_str());
        }
      }
    }
    cv_sum += cv->mean_auc;
    ++counted;
  }
  if (counted) std::printf("mean dev CV %.4f\n", cv_sum / counted);
  return 0;
}
