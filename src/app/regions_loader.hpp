#pragma once
// Reads idn-area-data's four CSV files from a directory and hands their text
// to the core's parser (the core does no file I/O).

#include "core/regions.hpp"
#include "core/result.hpp"

#include <string>

namespace sopir::app {

// `dir` holds provinces.csv, regencies.csv, districts.csv and villages.csv.
// A missing or unreadable file is an Unavailable error whose message (in
// Bahasa Indonesia) names the file and says to run scripts/setup; a broken
// file is the parser's Invalid error, naming file and line.
Result<Regions> load_regions(std::string const& dir);

}
