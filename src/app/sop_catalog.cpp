#include "app/sop_catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sopir::app {

Result<SopDefinition> load_sop_file(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error::not_found("Berkas SOP " + path + " tidak dapat dibaca.");
    std::ostringstream text;
    text << in.rdbuf();
    return load_sop(text.str(), path);
}

Result<std::vector<SopDefinition>> load_sop_catalog(std::string const& dir)
{
    std::vector<SopDefinition> catalog;
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (auto const& entry : std::filesystem::directory_iterator(dir, error))
        if (entry.path().extension() == ".toml")
            files.push_back(entry.path());
    if (error)
        return Error::not_found("Direktori SOP " + dir + " tidak dapat dibaca: " + error.message());
    std::sort(files.begin(), files.end());
    for (auto const& file : files) {
        auto definition = load_sop_file(file.string());
        if (!definition.ok())
            return definition.error();
        catalog.push_back(std::move(*definition));
    }
    if (catalog.empty())
        return Error::not_found("Tidak ada definisi SOP (*.toml) di " + dir + ".");
    return catalog;
}

std::set<std::string> known_roles(std::vector<SopDefinition> const& catalog)
{
    std::set<std::string> roles;
    for (auto const& definition : catalog)
        for (auto const& role : definition.roles)
            roles.insert(role.id);
    return roles;
}

}
