// credo ingest/metro2: the public face of the Metro 2 part of ingest.
//
//   record.h     plain structs for every record and segment (docs/metro2/ has a page each)
//   reader.h     streaming reader (character 426 / packed 366, fixed or blocked, both dialects)
//   rules.h      the rule table and the Issue every problem is reported as
//   validator.h  semantic and cross-field rules, trailer totals, ValidateFile
//   writer.h     structs back to bytes; Writer builds whole files with computed trailers
//   totals.h     trailer control totals
//   jsonl.h      the JSON lines form and back (byte-exact round trip)
//   to_core.h    a data record as core Tradeline + Person
#pragma once

#include "ingest/metro2/jsonl.h"
#include "ingest/metro2/reader.h"
#include "ingest/metro2/record.h"
#include "ingest/metro2/rules.h"
#include "ingest/metro2/to_core.h"
#include "ingest/metro2/totals.h"
#include "ingest/metro2/validator.h"
#include "ingest/metro2/writer.h"
