#include "app/regions_loader.hpp"

#include <array>
#include <fstream>
#include <sstream>

namespace sopir::app {

static std::string path_in(std::string const& dir, char const* file_name)
{
    if (dir.empty())
        return file_name;
    return dir.back() == '/' ? dir + file_name : dir + "/" + file_name;
}

static Result<std::string> read_file(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error::unavailable("Data wilayah tidak ditemukan: berkas " + path
            + " tidak ada atau tidak dapat dibaca. Jalankan scripts/setup untuk memasang data wilayah (paket npm idn-area-data),"
              " atau tunjuk direktorinya dengan --regions atau SOPIR_REGIONS_DIR.");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return Error::unavailable("Data wilayah tidak dapat dibaca: berkas " + path + " gagal dibaca.");
    return std::move(text).str();
}

Result<Regions> load_regions(std::string const& dir)
{
    static constexpr std::array<char const*, 4> k_files { "provinces.csv", "regencies.csv", "districts.csv", "villages.csv" };
    std::array<std::string, 4> texts;
    for (std::size_t i = 0; i < k_files.size(); ++i) {
        auto text = read_file(path_in(dir, k_files[i]));
        if (!text.ok())
            return text.error();
        texts[i] = std::move(text).value();
    }
    auto regions = Regions::parse(texts[0], texts[1], texts[2], texts[3]);
    if (!regions.ok()) {
        Error error = regions.error();
        error.message = "Data wilayah di " + dir + " rusak: " + error.message;
        return error;
    }
    return regions;
}

}
