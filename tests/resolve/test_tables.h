// Helpers for resolve tests: a RecordTable from CSV text through a mapping, as the CLI builds it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/mapping/byte_source.h"
#include "ingest/mapping/mapped_reader.h"
#include "ingest/mapping/mapping.h"
#include "resolve/table_builder.h"

namespace credo::resolve::testing {

// Persons: id, given, surname, dob (YYYYMMDD), ssn (kind given by `id_kind`), postcode, city,
// street, phone, entity (truth).
inline std::string PersonMapping(const std::string& id_kind = "other") {
  return "[source]\nformat = \"csv\"\n[truth]\ncolumn = \"entity\"\n"
         "[[field]]\nname = \"record_id\"\ncolumn = \"id\"\n"
         "[[field]]\nname = \"given_name\"\ncolumn = \"given\"\n"
         "[[field]]\nname = \"surname\"\ncolumn = \"surname\"\n"
         "[[field]]\nname = \"date_of_birth\"\ncolumn = \"dob\"\ntransforms = [\"digits\"]\n"
         "[[field]]\nname = \"identifier\"\ncolumn = \"ssn\"\nidentifier_kind = \"" + id_kind +
         "\"\n"
         "[[field]]\nname = \"postcode\"\ncolumn = \"postcode\"\n"
         "[[field]]\nname = \"city\"\ncolumn = \"city\"\n"
         "[[field]]\nname = \"address_line_1\"\ncolumn = \"street\"\n"
         "[[field]]\nname = \"phone\"\ncolumn = \"phone\"\n";
}

inline const char* kPersonHeader = "id,given,surname,dob,ssn,postcode,city,street,phone,entity\n";

struct BuiltTable {
  ingest::Mapping mapping;
  RecordTable table;
  BuildStats stats;
};

inline Result<BuiltTable> BuildTable(const std::string& mapping_text,
                                     const std::vector<std::string>& files) {
  BuiltTable built;
  CREDO_ASSIGN_OR_RETURN(built.mapping, ingest::ParseMapping(mapping_text, "test.toml"));
  CREDO_ASSIGN_OR_RETURN(RecordTableBuilder builder,
                         RecordTableBuilder::ForMapping(built.mapping));
  ingest::MappedRecord record;
  for (size_t side = 0; side < files.size(); ++side) {
    std::string name = "side" + std::to_string(side) + ".csv";
    CREDO_ASSIGN_OR_RETURN(auto reader, ingest::MappedReader::Open(
                                            built.mapping, ingest::MemoryByteSource(files[side], name)));
    while (true) {
      CREDO_ASSIGN_OR_RETURN(bool got, reader->Next(&record));
      if (!got) break;
      CREDO_TRY(builder.Add(record, static_cast<uint8_t>(side), name));
    }
  }
  built.stats = builder.stats();
  built.table = builder.Finish();
  return built;
}

}  // namespace credo::resolve::testing

#include <random>

namespace credo::resolve::testing {

// A small synthetic population in the PersonMapping layout: `entities` people, each with one
// clean record and one copy with a typo in one or two fields. Deterministic for a seed.
inline std::string SyntheticPersons(int entities, uint32_t seed, bool with_header = true) {
  static const char* kGiven[] = {"james", "mary", "john", "patricia", "robert", "jennifer",
                                 "michael", "linda", "william", "elizabeth", "david", "barbara",
                                 "richard", "susan", "joseph", "jessica", "thomas", "sarah",
                                 "charles", "karen", "wei", "fang", "lei", "jing"};
  static const char* kSurname[] = {"smith", "johnson", "williams", "brown", "jones", "garcia",
                                   "miller", "davis", "rodriguez", "martinez", "hernandez",
                                   "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor",
                                   "moore", "jackson", "martin", "zhang", "wang", "li", "liu",
                                   "chen", "yang", "huang", "zhao", "wu", "zhou", "ctercteko"};
  static const char* kCity[] = {"springfield", "riverton", "lakeside", "hillview", "fairmont",
                                "kingsford", "bayside", "oakridge"};
  static const char* kStreet[] = {"high street", "station road", "church lane", "park avenue",
                                  "mill road", "king street", "queen street", "victoria road"};
  std::mt19937 random(seed);
  auto pick = [&](auto& list) { return std::string(list[random() % std::size(list)]); };
  auto typo = [&](std::string text) {
    if (text.size() < 2) return text;
    size_t i = random() % (text.size() - 1);
    switch (random() % 3) {
      case 0: std::swap(text[i], text[i + 1]); break;
      case 1: text[i] = static_cast<char>('a' + random() % 26); break;
      default: text.erase(i, 1); break;
    }
    return text;
  };
  std::string csv = with_header ? kPersonHeader : "";
  for (int e = 0; e < entities; ++e) {
    std::string fields[9] = {
        pick(kGiven), pick(kSurname),
        std::to_string(1940 + random() % 60) + "0" + std::to_string(1 + random() % 9) +
            std::to_string(10 + random() % 18),
        std::to_string(1000000 + random() % 9000000), std::to_string(2000 + random() % 800),
        pick(kCity), std::to_string(1 + random() % 200) + " " + pick(kStreet),
        "04" + std::to_string(10000000 + random() % 89999999), ""};
    auto row = [&](const std::string& id, const std::string* f) {
      csv += id;
      for (int k = 0; k < 8; ++k) csv += "," + f[k];
      csv += "," + std::to_string(e) + "\n";
    };
    row("e" + std::to_string(e) + "-a", fields);
    std::string copy[9];
    std::copy(std::begin(fields), std::end(fields), copy);
    int edits = 1 + random() % 2;
    for (int k = 0; k < edits; ++k) {
      int field = random() % 8;
      if (random() % 4 == 0) {
        copy[field] = "";  // missing
      } else {
        copy[field] = typo(copy[field]);
      }
    }
    row("e" + std::to_string(e) + "-b", copy);
  }
  return csv;
}

}  // namespace credo::resolve::testing
