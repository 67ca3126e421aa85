// The bundled offline sample: real Eurostat figures in omvarld's own long
// CSV format, one file per dataset, plus a table of contents.
//
//   indicators/sample/eurostat/<dataset>.csv   header: dim1,...,dimN,time,value,flags
//   indicators/sample/eurostat/catalogue.txt   Eurostat TOC format (catalogue.h)
//
// The first line of a dataset file may be "# label: <dataset title>". An
// empty value with flags is a flagged cell without a value. Pure parsing; the
// loader reads the folder.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"
#include "model/dataset.h"

namespace omvarld {

struct SampleData {
  std::map<std::string, Dataset> datasets;  // by dataset code
  std::string catalogue_toc;                // may be empty
};

Result<Dataset> parse_sample_csv(std::string_view text, const std::string& dataset_code,
                                 const std::string& source);

// Reads every <code>.csv and catalogue.txt in `dir`.
Result<SampleData> load_sample(const std::string& dir);

// The sample folder of a data folder (core/paths.h):
// <data_dir>/indicators/sample/eurostat.
std::string shipped_sample_dir(const std::string& data_dir);

}  // namespace omvarld
