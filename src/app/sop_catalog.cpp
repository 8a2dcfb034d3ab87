#include "app/sop_catalog.hpp"
#include "desk/administration.hpp"

#include "core/sha256.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sopir::app {

namespace {

    Result<std::string> read_text(std::string const& path)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return Error::not_found("Berkas SOP " + path + " tidak dapat dibaca.");
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::vector<std::filesystem::path> toml_files(std::string const& dir, std::error_code& error)
    {
        std::vector<std::filesystem::path> files;
        for (auto const& entry : std::filesystem::directory_iterator(dir, error))
            if (entry.path().extension() == ".toml")
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        return files;
    }

}

Result<SopDefinition> load_sop_file(std::string const& path)
{
    auto text = read_text(path);
    if (!text.ok())
        return text.error();
    auto definition = load_sop(*text, path);
    if (definition.ok())
        definition->version = sha256_hex(*text);
    return definition;
}

Result<std::vector<SopDefinition>> keep_sop_versions(store::Store& store, std::vector<SopDefinition> const& catalog, std::string const& dir,
    Timestamp now)
{
    std::error_code error;
    for (auto const& file : toml_files(dir, error)) {
        auto text = read_text(file.string());
        if (!text.ok())
            return text.error();
        std::string const version = sha256_hex(*text);
        for (auto const& definition : catalog) {
            if (definition.version != version)
                continue;
            if (auto kept = store.keep_sop_version({ .sha256 = version, .service_id = definition.id, .text = *text, .first_seen = now }); !kept.ok())
                return kept.error();
            if (auto adopted = store.adopt_sop_version(definition.id, version); !adopted.ok())
                return adopted.error();
        }
    }
    if (error)
        return Error::not_found("Direktori SOP " + dir + " tidak dapat dibaca: " + error.message());
    auto in_use = store.sop_versions_in_use();
    if (!in_use.ok())
        return in_use.error();
    std::vector<SopDefinition> earlier;
    for (auto const& kept : *in_use) {
        bool const current = std::any_of(catalog.begin(), catalog.end(), [&](SopDefinition const& each) { return each.version == kept.sha256; });
        if (current)
            continue;
        auto definition = load_sop(kept.text, kept.service_id + "@" + kept.sha256.substr(0, 12));
        if (!definition.ok())
            return definition.error();
        definition->version = kept.sha256;
        earlier.push_back(std::move(*definition));
    }
    return earlier;
}

Result<std::vector<SopDefinition>> load_sop_catalog(std::string const& dir)
{
    std::vector<SopDefinition> catalog;
    std::error_code error;
    auto const files = toml_files(dir, error);
    if (error)
        return Error::not_found("Direktori SOP " + dir + " tidak dapat dibaca: " + error.message());
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
    // The office's administrator is no SOP's role (desk/administration.hpp).
    roles.insert(desk::k_admin_role);
    return roles;
}

}
