// End-to-end ingest benchmark: generate N furnisher records (canonical JSON lines or a CSV with
// its mapping), load them with IngestFile into a fresh SQLite bureau (AES-256-GCM identity
// fields, blind indexes, hash-chained audit, raw records, data-quality report), and print
// records/s and peak resident memory. The load runs in a child process per size so that peak
// memory is measured per run; the target is >= 100,000 records/s and a peak under 300 MB that
// does not grow with the file.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/check_characters.h"
#include "ingest/batch/pipeline.h"
#include "ingest/batch/state.h"
#include "store/keys.h"

namespace fs = std::filesystem;
using namespace credo;
using namespace credo::ingest;

namespace {

std::string ResidentId(int64_t i) {
  Date birth = Date::FromYmd(1950, 1, 1).value().AddDays(static_cast<int32_t>(i % 20000));
  char body[24];
  std::snprintf(body, sizeof(body), "110105%04d%02d%02d%03d", birth.year(), birth.month(),
                birth.day(), static_cast<int>((i / 20000) % 1000));
  std::string id(body, 17);
  return id + Gb11643CheckCharacter(id);
}

void WriteInput(const std::string& path, const std::string& format, int64_t records) {
  std::ofstream out(path);
  if (format == "csv") out << "acct_no,cust_name,id_no,status,open_dt,as_of,bal\n";
  for (int64_t i = 0; i < records; ++i) {
    // About one in three accounts belongs to a person seen before (same resident ID).
    int64_t person = i - i % 3 == i ? i : i - 1;
    bool late = i % 11 == 0;
    if (format == "csv") {
      out << "C" << i << ",张伟" << person << "," << ResidentId(person) << ","
          << (late ? "D1" : "N") << ",15/01/2024,31/05/2026," << (i % 5000) << ".50\n";
    } else {
      out << R"({"account_number":"K)" << i << R"(","identifier":")" << ResidentId(person)
          << R"(","identifier_kind":"cn_resident_id","full_name":"张伟)" << person
          << R"(","phone":"138)" << (10000000 + i % 89999999) << R"(","account_type":"18",)"
          << R"("date_opened":"2024-01-15","credit_limit":"5000.00","current_balance":")"
          << (i % 5000) << R"(.50","amount_past_due":")" << (late ? "120.00" : "0")
          << R"(","account_status":")" << (late ? "71" : "11") << R"(","payment_history":")"
          << (late ? "1000" : "0000") << R"(","date_of_account_information":"2026-05-31"})"
          << "\n";
    }
  }
}

struct Run {
  double seconds = 0;
  double cpu_seconds = 0;  //!< user + system time of the load (the machine may be shared)
  int64_t records = 0;
  long peak_kb = 0;
  bool ok = false;
};

Run LoadInChild(const fs::path& dir, const std::string& file, const std::string& format,
                const std::string& mapping_path) {
  std::string db = (dir / ("bureau_" + std::to_string(::getpid()) + "_" +
                           fs::path(file).stem().string() + ".db")).string();
  fs::remove(db);
  fs::remove(db + ".keys");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    Run run;
    if (InitKeyFile(db + ".keys").ok()) {
      StoreOptions options;
      options.location = db;
      options.create_if_missing = true;
      auto store = OpenStore(options);
      auto profile = LoadBuiltinProfile("cn");
      Mapping mapping;
      if (format == "csv") mapping = LoadIngestMapping(mapping_path).value();
      if (store.ok() && profile.ok() && EnsureIngestSchema(**store).ok()) {
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        auto started = std::chrono::steady_clock::now();
        auto result = IngestFile(**store, file, "bench_bank",
                                 format == "csv" ? InputFormat::kCsv : InputFormat::kJsonLines,
                                 format == "csv" ? &mapping : nullptr, *profile);
        run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                          .count();
        rusage after{};
        getrusage(RUSAGE_SELF, &after);
        auto cpu = [](const rusage& u) {
          return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
                 (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
        };
        run.cpu_seconds = cpu(after) - cpu(before);
        if (result.ok()) {
          run.ok = true;
          run.records = result->dq.records;
        } else {
          std::fprintf(stderr, "%s\n", result.error().ToString().c_str());
        }
      }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    run.peak_kb = usage.ru_maxrss;
    ssize_t written = write(pipe_fds[1], &run, sizeof(run));
    _exit(written == sizeof(run) ? 0 : 1);
  }
  close(pipe_fds[1]);
  Run run;
  ssize_t got = read(pipe_fds[0], &run, sizeof(run));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  fs::remove(db);
  fs::remove(db + ".keys");
  fs::remove(db + "-wal");
  fs::remove(db + "-shm");
  if (got != sizeof(run)) run.ok = false;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t records = 200000;
  std::string format = "jsonl";
  std::string dir_arg;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--records") == 0) records = std::atoll(argv[i + 1]);
    if (std::strcmp(argv[i], "--format") == 0) format = argv[i + 1];
    if (std::strcmp(argv[i], "--dir") == 0) dir_arg = argv[i + 1];
  }
  fs::path dir = dir_arg.empty() ? fs::temp_directory_path() / "credo_ingest_bench" : fs::path(dir_arg);
  fs::create_directories(dir);
  std::string mapping_path = std::string(CREDO_SOURCE_DIR_BENCH) +
                             "/tests/ingest/data/pipeline/accounts_mapping.toml";
  std::printf("credo ingest benchmark: %s, SQLite with encryption, blind indexes and audit\n",
              format.c_str());
  std::printf("%10s %8s %9s %11s %9s %13s %8s\n", "records", "file MB", "seconds",
              "records/s", "cpu s", "records/cpu-s", "peak MB");
  for (int64_t size : {records / 4, records}) {
    std::string file = (dir / ("accounts_" + std::to_string(size) + "." + format)).string();
    WriteInput(file, format, size);
    double mb = static_cast<double>(fs::file_size(file)) / (1 << 20);
    Run run = LoadInChild(dir, file, format, mapping_path);
    fs::remove(file);
    if (!run.ok) {
      std::printf("load of %lld records failed\n", static_cast<long long>(size));
      return 1;
    }
    std::printf("%10lld %8.1f %9.2f %11.0f %9.2f %13.0f %8.1f\n",
                static_cast<long long>(run.records), mb, run.seconds, run.records / run.seconds,
                run.cpu_seconds, run.records / run.cpu_seconds, run.peak_kb / 1024.0);
  }
  std::printf("target: >= 100000 records/s; peak memory under 300 MB and flat across sizes\n");
  return 0;
}
