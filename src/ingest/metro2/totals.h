// credo ingest/metro2: the trailer's control totals, computed from the data records.
//
// TotalsCounter adds up what a trailer should say about the data records it has seen; the
// validator compares the trailer read against it and the writer fills the trailer from it.
// Counting rules (docs/metro2/trailer.md): status totals count base segments by Account Status;
// J1/J2/K1/K2/K3/K4/L1/N1 totals count the segments reported; SSN totals count SSNs that are
// neither zero- nor 9-filled; date-of-birth totals count non-empty dates; the telephone total
// counts non-zero numbers in base, J1 and J2; ECOA Z counts base, J1 and J2 segments with Z;
// Block Count is the number of physical records in the file (header + data + trailer), which is
// what moov-io/metro2 and its sample files use.
#pragma once

#include <cstdint>

#include "ingest/metro2/record.h"

namespace credo::metro2 {

class TotalsCounter {
 public:
  void Add(const DataRecord& record);
  //! Adds the counts of another counter (the records another thread counted).
  void Merge(const TotalsCounter& other);
  int64_t data_records() const { return totals_.total_base_records; }
  //! The totals as a trailer (block count = data records + 2).
  TrailerRecord Totals() const;

 private:
  TrailerRecord totals_;
};

}  // namespace credo::metro2
