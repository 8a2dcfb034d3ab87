#include "core/vocabularies.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace sopir {

namespace {

    struct Vocabulary {
        std::string_view name;
        std::vector<InputOption> (*options)();
    };

    // Options whose label is their id.
    std::vector<InputOption> plain(std::initializer_list<std::string_view> names)
    {
        std::vector<InputOption> out;
        for (auto name : names)
            out.push_back({ .id = std::string(name), .label = std::string(name), .aliases = {} });
        return out;
    }

    // The six religions and the belief recognised on the KTP-el, with the
    // spellings older KKs, Akta and forms print. Kepercayaan: MK
    // 97/PUU-XIV/2016.
    std::vector<InputOption> religions()
    {
        return {
            { .id = "Islam", .label = "Islam", .aliases = {} },
            { .id = "Kristen", .label = "Kristen", .aliases = { "Protestan", "Kristen Protestan" } },
            { .id = "Katolik", .label = "Katolik", .aliases = { "Katholik" } },
            { .id = "Hindu", .label = "Hindu", .aliases = {} },
            { .id = "Buddha", .label = "Buddha", .aliases = { "Budha" } },
            { .id = "Khonghucu", .label = "Khonghucu", .aliases = { "Konghucu", "Kong Hu Cu" } },
            { .id = "Kepercayaan terhadap Tuhan YME", .label = "Kepercayaan terhadap Tuhan YME",
                .aliases = { "Kepercayaan", "Kepercayaan terhadap Tuhan Yang Maha Esa" } },
        };
    }

    // KKs printed since SIAK records whether a marriage is registered say
    // "KAWIN TERCATAT" or "KAWIN BELUM TERCATAT"; for the KTP-el and for
    // UU 24/2013 Pasal 63 both are married.
    std::vector<InputOption> marital_statuses()
    {
        return {
            { .id = "Belum Kawin", .label = "Belum Kawin", .aliases = {} },
            { .id = "Kawin", .label = "Kawin", .aliases = { "Kawin Tercatat", "Kawin Belum Tercatat" } },
            { .id = "Cerai Hidup", .label = "Cerai Hidup", .aliases = {} },
            { .id = "Cerai Mati", .label = "Cerai Mati", .aliases = {} },
        };
    }

    std::vector<InputOption> sexes()
    {
        return {
            { .id = "L", .label = "Laki-laki", .aliases = {} },
            { .id = "P", .label = "Perempuan", .aliases = {} },
        };
    }

    // Status hubungan dalam keluarga, as the KK's column prints it.
    std::vector<InputOption> shdk()
    {
        auto out = plain({ "Kepala Keluarga", "Suami", "Istri", "Anak", "Menantu", "Cucu", "Orang Tua", "Mertua", "Famili Lain",
            "Pembantu", "Lainnya" });
        out[2].aliases = { "Isteri" };
        return out;
    }

    // Pendidikan dalam KK, as SIAK lists it.
    std::vector<InputOption> education()
    {
        return plain({ "Tidak/Belum Sekolah", "Belum Tamat SD/Sederajat", "Tamat SD/Sederajat", "SLTP/Sederajat", "SLTA/Sederajat",
            "Diploma I/II", "Akademi/Diploma III/Sarjana Muda", "Diploma IV/Strata I", "Strata II", "Strata III" });
    }

    // The occupations the KK form lists most, and Lainnya for the rest.
    std::vector<InputOption> occupations()
    {
        auto out = plain({ "Belum/Tidak Bekerja", "Mengurus Rumah Tangga", "Pelajar/Mahasiswa", "Pensiunan", "Pegawai Negeri Sipil",
            "Tentara Nasional Indonesia", "Kepolisian RI", "Perdagangan", "Petani/Pekebun", "Peternak", "Nelayan/Perikanan", "Industri",
            "Konstruksi", "Transportasi", "Karyawan Swasta", "Karyawan BUMN", "Karyawan BUMD", "Karyawan Honorer", "Buruh Harian Lepas",
            "Buruh Tani/Perkebunan", "Buruh Nelayan/Perikanan", "Pembantu Rumah Tangga", "Tukang Kayu", "Tukang Batu", "Tukang Jahit",
            "Mekanik", "Guru", "Dosen", "Dokter", "Bidan", "Perawat", "Wartawan", "Ustadz/Mubaligh", "Sopir", "Pedagang",
            "Perangkat Desa", "Kepala Desa", "Wiraswasta", "Lainnya" });
        out[4].aliases = { "PNS" };
        out[5].aliases = { "TNI" };
        out[6].aliases = { "Polri", "POLRI" };
        return out;
    }

    std::vector<InputOption> blood_types()
    {
        return plain({ "A", "B", "AB", "O", "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "Tidak Tahu" });
    }

    std::vector<InputOption> citizenships()
    {
        return {
            { .id = "WNI", .label = "Warga Negara Indonesia", .aliases = {} },
            { .id = "WNA", .label = "Warga Negara Asing", .aliases = {} },
        };
    }

    // Alasan pindah, as the Surat Keterangan Pindah (F-1.03) lists them.
    std::vector<InputOption> move_reasons()
    {
        return plain({ "Pekerjaan", "Pendidikan", "Keamanan", "Kesehatan", "Perumahan", "Keluarga", "Lainnya" });
    }

    // Jenis kepindahan: who of the family moves (F-1.03).
    std::vector<InputOption> move_kinds()
    {
        auto out = plain({ "Kepala Keluarga", "Kepala Keluarga dan Seluruh Anggota Keluarga", "Kepala Keluarga dan Sebagian Anggota Keluarga",
            "Anggota Keluarga" });
        out[0].aliases = { "Kep. Keluarga" };
        out[1].aliases = { "Kep. Keluarga dan Seluruh Angg. Keluarga" };
        out[2].aliases = { "Kep. Keluarga dan Sbg. Angg. Keluarga" };
        out[3].aliases = { "Angg. Keluarga" };
        return out;
    }

    std::array<Vocabulary, 10> const k_vocabularies { {
        { "religions", religions },
        { "marital_statuses", marital_statuses },
        { "sex", sexes },
        { "shdk", shdk },
        { "education", education },
        { "occupations", occupations },
        { "blood_types", blood_types },
        { "citizenships", citizenships },
        { "move_reasons", move_reasons },
        { "move_kinds", move_kinds },
    } };

    char ascii_lower(char c)
    {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }

    // Lower case, trimmed, runs of spaces made one: how typed names match.
    std::string match_key(std::string_view text)
    {
        text = trim(text);
        std::string out;
        bool in_space = false;
        for (char c : text) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                in_space = true;
                continue;
            }
            if (in_space)
                out += ' ';
            in_space = false;
            out += ascii_lower(c);
        }
        return out;
    }

}

std::optional<std::vector<InputOption>> vocabulary(std::string_view name)
{
    for (auto const& each : k_vocabularies)
        if (each.name == name)
            return each.options();
    return std::nullopt;
}

std::vector<std::string_view> vocabulary_names()
{
    std::vector<std::string_view> out;
    for (auto const& each : k_vocabularies)
        out.push_back(each.name);
    return out;
}

InputOption const* find_option(std::vector<InputOption> const& options, std::string_view typed)
{
    std::string const key = match_key(typed);
    if (key.empty())
        return nullptr;
    for (auto const& option : options)
        if (key == match_key(option.id) || key == match_key(option.label))
            return &option;
    for (auto const& option : options)
        if (std::any_of(option.aliases.begin(), option.aliases.end(), [&](std::string const& alias) { return key == match_key(alias); }))
            return &option;
    return nullptr;
}

}
