#pragma once
// Drives Perekaman E-KTP cases through the store as the office's staff
// would, for the storage tests and the stress tool.

#include "core/sop.hpp"
#include "store/store.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace sopir::testing {

// A definition file of the source tree, e.g. "sops/perekaman-ektp.toml".
inline SopDefinition load_source_sop(std::string const& relative)
{
    std::ifstream in(std::string(SOPIR_SOURCE_DIR) + "/" + relative);
    std::ostringstream text;
    text << in.rdbuf();
    auto definition = load_sop(text.str(), relative);
    if (!definition.ok())
        throw std::runtime_error(definition.error().message);
    return *definition;
}

inline SopDefinition load_perekaman_ektp()
{
    return load_source_sop("sops/perekaman-ektp.toml");
}

inline Office candi_laras_utara_office()
{
    return { .code = "63.05.06", .name = "Candi Laras Utara", .regency = "Kabupaten Tapin", .province = "Kalimantan Selatan",
        .address = "Jalan Gusti Libi No.86 Margasari Hilir", .postal_code = "71171", .place_name = "Margasari",
        .letter_number_pattern = "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}",
        .registration_number_pattern = "{nomor}/{register}/{unit}/{tahun}", .klasifikasi = "400.12.2.1", .unit_code = "CLU" };
}

struct Staff {
    Id office_id { 0 };
    Id pelayanan { 0 }, operator_ektp { 0 }, kasi { 0 }, camat { 0 }, arsip { 0 };
};

inline Staff seed_staff(store::Store& store, Office const& office)
{
    Staff staff { .office_id = office.id };
    auto add = [&](char const* username, char const* role) {
        auto user = store.add_user({ .username = std::string(username) + "-" + office.code, .full_name = username, .password_hash = "-" },
            { { .office_id = office.id, .role = role } }, 1);
        if (!user.ok())
            throw std::runtime_error(user.error().message);
        return user->id;
    };
    staff.pelayanan = add("pelayanan", "petugas_pelayanan");
    staff.operator_ektp = add("operator", "operator_ektp");
    staff.kasi = add("kasi", "kasi_pemerintahan");
    staff.camat = add("camat", "camat");
    staff.arsip = add("arsip", "pengadministrasi");
    return staff;
}

// The staff seed_staff made, found again by username (for other processes).
inline Staff find_staff(store::Store& store, Office const& office)
{
    auto id = [&](char const* username) {
        auto user = store.user_by_username(std::string(username) + "-" + office.code);
        if (!user.ok())
            throw std::runtime_error(user.error().message);
        return user->id;
    };
    return { .office_id = office.id, .pelayanan = id("pelayanan"), .operator_ektp = id("operator"), .kasi = id("kasi"),
        .camat = id("camat"), .arsip = id("arsip") };
}

inline store::NewCase applicant(Id office_id, int serial)
{
    char nik[32];
    std::snprintf(nik, sizeof nik, "630506010199%04d", serial % 9999 + 1);
    return { .office_id = office_id, .service_id = "perekaman-ektp", .applicant_name = "Pemohon " + std::to_string(serial),
        .nik = nik, .birth_date = Date { 1999, 1, 1 }, .village_code = "63.05.06.2004",
        .applicant_json = "{\"nama\":\"Pemohon " + std::to_string(serial) + "\"}" };
}

// One step of the happy path: the action that leaves `state`, by the right
// person, with the data it needs.
inline store::ActionRequest next_action(std::string const& state, Staff const& staff, Id case_id, Timestamp now)
{
    store::ActionRequest request { .case_id = case_id, .now = now };
    auto by = [&](Id user, char const* role, char const* action) {
        request.actor_user_id = user;
        request.actor = { std::to_string(user), { role } };
        request.action_id = action;
    };
    if (state == "pengajuan")
        by(staff.pelayanan, "petugas_pelayanan", "ajukan");
    else if (state == "verifikasi") {
        by(staff.pelayanan, "petugas_pelayanan", "terima");
        request.data.fields["kelengkapan"] = "surat_pengantar,akta_kelahiran,kartu_keluarga";
    } else if (state == "perekaman")
        by(staff.operator_ektp, "operator_ektp", "rekam");
    else if (state == "pemeriksaan")
        by(staff.kasi, "kasi_pemerintahan", "paraf");
    else if (state == "penandatanganan")
        by(staff.camat, "camat", "tandatangani");
    else if (state == "pengarsipan")
        by(staff.arsip, "pengadministrasi", "arsipkan");
    else if (state == "penyerahan") {
        by(staff.arsip, "pengadministrasi", "serahkan");
        request.data.fields["received_by"] = "Pemohon sendiri";
    } else
        throw std::runtime_error("no next action from " + state);
    return request;
}

// Moves the case along the happy path until it waits in `until`.
inline Case drive(store::Store& store, SopDefinition const& definition, Staff const& staff, Case current, std::string const& until, Timestamp& now)
{
    while (current.state != until) {
        now += 60;
        auto outcome = store.perform_action(definition, next_action(current.state, staff, current.id, now));
        if (!outcome.ok())
            throw std::runtime_error(current.state + ": " + outcome.error().message);
        current = outcome->case_after;
    }
    return current;
}

}
