// The database commands: db migrate|version, office add|list, user add,
// demo, backup, restore (audit: cli_audit.cpp).
#include "app/cli.hpp"
#include "app/cli_office_sop.hpp"
#include "app/cli_support.hpp"
#include "app/cli_working_time.hpp"
#include "app/demo_data.hpp"
#include "app/sop_catalog.hpp"
#include "app/store_access.hpp"
#include "core/letter_number.hpp"
#include "core/nip.hpp"
#include "core/timezone.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/store.hpp"
#include "desk/administration.hpp"
#include "desk/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

namespace sopir::app {

namespace {

std::vector<std::string> split_commas(std::string const& text)
{
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, ','))
        if (!part.empty())
            parts.push_back(part);
    return parts;
}

// "Candi Laras Utara" → "CLU": the unit code offices print in letter numbers.
std::string initials(std::string const& name)
{
    std::string out;
    bool at_word_start = true;
    for (char c : name) {
        if (c == ' ' || c == '-') {
            at_word_start = true;
            continue;
        }
        if (at_word_start && std::isalpha(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        at_word_start = false;
    }
    return out;
}

// A password for a new account: 16 characters without look-alikes (0/O, 1/l/I).
std::string random_password()
{
    static constexpr char k_alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    if (sodium_init() < 0)
        return {};
    std::string password;
    for (int i = 0; i < 16; ++i)
        password += k_alphabet[randombytes_uniform(sizeof k_alphabet - 1)];
    return password;
}

struct OfficeOptions {
    std::string code, name, regency, province, address, postal_code, phone, email, place;
    std::string letter_pattern { k_default_letter_number_pattern };
    std::string registration_pattern { k_default_registration_number_pattern };
    std::string klasifikasi { "400.12.2.1" };
    std::string unit, paper { "A4" }, whatsapp;
    int min_age { 17 };
    std::optional<int> utc_offset;
};

// Fills what the region data knows (name, regency, province, address) and
// checks the rest. Errors name the option.
Result<Office> office_from_options(OfficeOptions const& options, Regions const& regions)
{
    Region const* district = regions.find(options.code);
    if (!district || district->level != RegionLevel::District)
        return Error::invalid("code", "Kode kecamatan " + options.code + " tidak ada di data wilayah (contoh: 63.05.06).", "office.code");
    auto path = regions.path_to(district->code);
    Office office;
    office.code = district->code;
    office.name = options.name.empty() ? district->name : options.name;
    for (Region const* region : path) {
        if (region->level == RegionLevel::Regency)
            office.regency = region->name;
        if (region->level == RegionLevel::Province)
            office.province = region->name;
    }
    if (!options.regency.empty())
        office.regency = options.regency;
    if (!options.province.empty())
        office.province = options.province;
    office.address = options.address.empty() ? "Kecamatan " + office.name + ", " + office.regency + ", " + office.province : options.address;
    office.postal_code = options.postal_code;
    office.phone = options.phone;
    office.email = options.email;
    office.place_name = options.place.empty() ? office.name : options.place;
    for (auto const* pattern : { &options.letter_pattern, &options.registration_pattern }) {
        auto parsed = LetterNumberPattern::parse(*pattern);
        if (!parsed.ok())
            return parsed.error();
    }
    office.letter_number_pattern = options.letter_pattern;
    office.registration_number_pattern = options.registration_pattern;
    office.klasifikasi = options.klasifikasi;
    office.unit_code = options.unit.empty() ? initials(office.name) : options.unit;
    if (options.paper != "A4" && options.paper != "F4")
        return Error::invalid("paper", "Ukuran kertas harus A4 atau F4.", "office.paper");
    office.paper_size = options.paper == "F4" ? PaperSize::F4 : PaperSize::A4;
    office.disdukcapil_whatsapp = options.whatsapp;
    // UU 24/2013 Pasal 63 sets 17; many Disdukcapil record from 16.
    if (options.min_age != 16 && options.min_age != 17)
        return Error::invalid("min-age", "Umur minimal wajib KTP harus 17 (UU 24/2013) atau 16.", "office.min_age");
    office.min_recording_age = options.min_age;
    office.utc_offset_minutes = options.utc_offset.value_or(utc_offset_for_province(office.code));
    return office;
}

void print_office(Office const& office)
{
    std::cout << office.code << "  KANTOR CAMAT " << office.name << ", " << office.regency << ", " << office.province << "\n"
              << "  alamat: " << office.address << (office.postal_code.empty() ? "" : " " + office.postal_code) << "\n"
              << "  nomor surat: " << office.letter_number_pattern << " (klasifikasi " << office.klasifikasi << ", unit " << office.unit_code << ")\n"
              << "  nomor register: " << office.registration_number_pattern << "\n"
              << "  kertas " << (office.paper_size == PaperSize::F4 ? "F4" : "A4") << ", umur minimal wajib KTP " << office.min_recording_age
              << ", zona " << time_zone_abbreviation(office.utc_offset_minutes) << "\n";
}

struct UserOptions {
    std::string office, username, name, nip, pangkat, roles, acting, from, until;
    std::string surat_perintah; // The Bupati's Surat Perintah behind --acting.
    std::string kabupaten; // A supervisor (pengawas) of this kabupaten instead of an office role.
    bool password_stdin { false };
};

Result<std::vector<RoleAssignment>> assignments_from_options(UserOptions const& options, Office const& office, std::set<std::string> const& known)
{
    std::vector<RoleAssignment> assignments;
    Acting acting = Acting::None;
    if (options.acting == "plt")
        acting = Acting::Plt;
    else if (options.acting == "plh")
        acting = Acting::Plh;
    else if (!options.acting.empty())
        return Error::invalid("acting", "--acting harus plt atau plh.", "user.acting");
    std::optional<Date> from, until;
    if (acting != Acting::None) {
        from = parse_iso_date(options.from);
        until = parse_iso_date(options.until);
        if (!from || !until)
            return Error::invalid("from", "Penugasan Plt./Plh. perlu --from dan --until (TTTT-BB-HH).", "user.period");
        if (*until < *from)
            return Error::invalid("until", "--until tidak boleh sebelum --from.", "user.period");
    } else if (!options.from.empty() || !options.until.empty() || !options.surat_perintah.empty()) {
        return Error::invalid("acting", "--from, --until dan --surat-perintah hanya untuk penugasan --acting plt|plh.", "user.period");
    }
    for (auto const& role : split_commas(options.roles)) {
        if (!known.contains(role)) {
            std::string list;
            for (auto const& k : known)
                list += (list.empty() ? "" : ", ") + k;
            return Error::invalid("role", "Peran '" + role + "' tidak dikenal; yang ada: " + list + ".", "user.role");
        }
        assignments.push_back({ .office_id = office.id, .role = role, .acting = acting, .valid_from = from, .valid_until = until,
            .surat_perintah = options.surat_perintah });
    }
    if (assignments.empty())
        return Error::invalid("role", "Sebutkan sedikitnya satu peran dengan --role.", "user.role");
    return assignments;
}

namespace {

    // The account's fields and password, checked and hashed; the roles are
    // the caller's.
    Result<User> new_user(UserOptions const& options, std::string const& password)
    {
        if (options.username.empty() || options.username.find_first_of(" \t") != std::string::npos)
            return Error::invalid("username", "Nama pengguna wajib diisi, tanpa spasi.", "user.username");
        if (options.name.empty())
            return Error::invalid("name", "Nama lengkap (dengan gelar) wajib diisi.", "user.name");
        std::string nip;
        if (!options.nip.empty()) {
            auto parsed = parse_nip(options.nip);
            if (!parsed.ok())
                return parsed.error();
            nip = parsed->digits;
        }
        auto policy = desk::check_password_policy(password);
        if (!policy.ok())
            return policy.error();
        auto hash = desk::hash_password(password);
        if (!hash.ok())
            return hash.error();
        return User { .username = options.username, .full_name = options.name, .nip = nip, .pangkat_golongan = options.pangkat, .password_hash = *hash };
    }

}

Result<User> add_user(store::Store& store, UserOptions const& options, std::string const& password, std::set<std::string> const& known)
{
    auto office = store.office_by_code(options.office);
    if (!office.ok())
        return office.error();
    auto assignments = assignments_from_options(options, *office, known);
    if (!assignments.ok())
        return assignments.error();
    auto user = new_user(options, password);
    if (!user.ok())
        return user.error();
    return store.add_user(*user, *assignments, now());
}

// A kabupaten supervisor: reads the reports of every office of the
// kabupaten, acts on nothing (Desk::report_scope).
Result<User> add_supervisor(store::Store& store, Regions const& regions, UserOptions const& options, std::string const& password)
{
    Region const* kabupaten = regions.find(options.kabupaten);
    if (!kabupaten || kabupaten->level != RegionLevel::Regency)
        return Error::invalid("kabupaten", "--kabupaten " + options.kabupaten + " bukan kode kabupaten/kota (mis. 63.05).", "user.kabupaten");
    if (!options.office.empty() || !options.roles.empty() || !options.acting.empty())
        return Error::invalid("kabupaten", "Pengawas kabupaten tidak punya peran kantor: --kabupaten tanpa --office dan --role.", "user.kabupaten");
    auto user = new_user(options, password);
    if (!user.ok())
        return user.error();
    return store.add_supervisor(*user, { kabupaten->code }, now());
}

// `sopir demo --cases N --days D --seed S`: demo cases besides the office.
struct DemoCliOptions {
    std::int64_t cases { 0 };
    int days { 20 };
    std::uint64_t seed { 1 };
};

// Fills the demo office with generated cases of every service of the
// catalog through the bulk import (demo_data.hpp). The cases carry numbers
// but no letter PDFs.
int import_demo_cases(store::Store& store, std::vector<SopDefinition> const& catalog, Regions const& regions, Office const& office,
    DemoStaff const& staff, DemoCliOptions const& options)
{
    auto villages = regions.villages_of(office.code);
    DemoGenerator generator(catalog, { .cases = options.cases, .days = options.days, .seed = options.seed, .now = now(),
        .office = office, .villages = { villages.begin(), villages.end() }, .regions = &regions, .staff = staff });
    auto const started = std::chrono::steady_clock::now();
    auto report = store.import_history(catalog, generator.source());
    if (!report.ok())
        return fail(report.error());
    double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "\nKasus demo: " << report->cases << " permohonan dari " << catalog.size() << " layanan, " << to_iso(generator.first_day())
              << " s.d. " << to_iso(generator.last_day()) << " (" << report->actions << " aksi, " << report->numbers << " nomor, "
              << report->transactions << " transaksi, " << static_cast<long>(seconds * 1000) << " ms).\n"
              << "Kasus demo punya nomor register dan nomor surat, tetapi tidak punya berkas PDF surat.\n";
    return k_exit_ok;
}

struct DemoUser {
    std::string username, name, nip, pangkat, role;
    bool acting { false };
};

// One demo account per role of the catalog's services. The officials are
// the seed SOP's people: whoever signs letters is the office's Plt. Camat,
// the first other role that reads reports the Kasi, the initial step's
// staff the front desk; every other role gets one of the office's other
// staff, with the role's id as the username.
std::vector<DemoUser> demo_users(std::vector<SopDefinition> const& catalog)
{
    std::vector<RoleDefinition> roles;
    std::set<std::string> signers, front_desk;
    for (auto const& definition : catalog) {
        for (auto const& role : definition.roles)
            if (std::none_of(roles.begin(), roles.end(), [&](RoleDefinition const& known) { return known.id == role.id; }))
                roles.push_back(role);
        for (auto const& step : definition.steps) {
            for (auto const& action : step.actions)
                if (action.letter == LetterStage::Sign)
                    {
                    auto const& who = action.roles.empty() ? step.roles : action.roles;
                    signers.insert(who.begin(), who.end());
                }
            if (step.id == definition.initial_step)
                front_desk.insert(step.roles.begin(), step.roles.end());
        }
    }
    constexpr std::array<char const*, 6> k_other_staff { "AHMAD FAUZI, A.Md", "MUHAMMAD RIDHA", "NOOR HASANAH", "RAHMADI",
        "YULIANA SARI", "HAIRUL ANWAR" };
    std::vector<DemoUser> users;
    bool camat = false, kasi = false, desk = false, applicant = false;
    std::size_t others = 0;
    for (auto const& role : roles) {
        if (role.applicant) {
            users.push_back({ applicant ? role.id : "pemohon", "Pemohon Contoh", "", "", role.id });
            applicant = true;
        } else if (signers.contains(role.id) && !camat) {
            camat = true;
            users.push_back({ "camat", "ALAMSYAH, S.Pd", "196903121992111001", "Pembina (IV/a)", role.id, true });
        } else if (role.reports && !kasi) {
            kasi = true;
            users.push_back({ "kasi", "SITI RAHMAH, S.Sos", "198507242010012015", "Penata Tk. I (III/d)", role.id });
        } else if (front_desk.contains(role.id) && !role.applicant && !desk) {
            desk = true;
            users.push_back({ "pelayanan", "RINA MARLIANA", "", "", role.id });
        } else {
            users.push_back({ role.id, k_other_staff[others++ % k_other_staff.size()], "", "", role.id });
        }
    }
    return users;
}

// The demo office: Kantor Camat Candi Laras Utara, with one account per role
// of the SOP. The Camat is the seed SOP's Plt. Camat.
int run_demo(CliContext& context, DemoCliOptions const& demo_options)
{
    auto regions = load_regions_for_cli(context);
    if (!regions)
        return context.exit_code;
    auto catalog = load_sop_catalog(context.sops_dir);
    if (!catalog.ok())
        return fail(catalog.error());
    auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
    if (!opened.ok())
        return fail(opened.error());
    auto& store = *opened->store;
    auto users = store.count_users();
    if (!users.ok())
        return fail(users.error());
    if (*users > 0) {
        std::cerr << "sopir: basis data " << opened->database->url().text << " sudah berisi pengguna; demo hanya untuk basis data baru.\n";
        return k_exit_misuse;
    }
    OfficeOptions office_options {
        .code = "63.05.06",
        .address = "Jalan Gusti Libi No.86 Margasari Hilir",
        .postal_code = "71171",
        .place = "Margasari",
        .whatsapp = "6281100000000",
    };
    auto office = office_from_options(office_options, *regions);
    if (!office.ok())
        return fail(office.error());
    auto added_office = store.add_office(*office, now());
    if (!added_office.ok())
        return fail(added_office.error());
    print_office(*added_office);

    int const year = local_date(now(), added_office->utc_offset_minutes).year;
    auto known = known_roles(*catalog);
    DemoStaff staff;
    std::cout << "\nAkun demo (simpan kata sandinya di tempat aman):\n";
    for (auto const& demo : demo_users(*catalog)) {
        UserOptions options { .office = added_office->code, .username = demo.username, .name = demo.name, .nip = demo.nip,
            .pangkat = demo.pangkat, .roles = demo.role, .acting = demo.acting ? "plt" : "" };
        if (demo.acting) {
            options.from = std::to_string(year) + "-01-01";
            options.until = std::to_string(year) + "-12-31";
        }
        std::string const password = random_password();
        auto user = add_user(store, options, password, known);
        if (!user.ok())
            return fail(user.error());
        bool const admin = demo.username == "camat";
        if (admin) {
            // The demo's Camat also administers the office (users, roles,
            // settings in the browser).
            auto granted = store.add_role_assignment({ .user_id = user->id, .office_id = added_office->id, .role = desk::k_admin_role }, 0, now());
            if (!granted.ok())
                return fail(granted.error());
        }
        std::cout << "  " << demo.username << "  " << password << "  (" << demo.role << (demo.acting ? ", Plt." : "") << (admin ? ", admin" : "")
                  << ")\n";
        staff[demo.role] = user->id;
    }
    {
        // The kabupaten's supervisor, who reads the reports of every office
        // of Kabupaten Tapin.
        UserOptions options { .username = "pengawas", .name = "NOOR HIDAYAH, S.STP", .kabupaten = "63.05" };
        std::string const password = random_password();
        auto user = add_supervisor(store, *regions, options, password);
        if (!user.ok())
            return fail(user.error());
        std::cout << "  pengawas  " << password << "  (pengawas kabupaten Tapin, hanya membaca laporan)\n";
    }
    if (demo_options.cases > 0)
        return import_demo_cases(store, *catalog, *regions, *added_office, staff, demo_options);
    return k_exit_ok;
}

}

void register_store_commands(CLI::App& app, CliContext& context)
{
    auto* db = app.add_subcommand("db", "Basis data: migrasi dan versi skema")->require_subcommand(1);
    db->add_subcommand("migrate", "Terapkan migrasi skema yang belum diterapkan")->callback([&context] {
        auto url = store::parse_database_url(context.db_url);
        if (!url.ok()) {
            context.exit_code = fail(url.error());
            return;
        }
        prepare_sqlite_directory(*url);
        auto database = store::Database::open(*url, 1);
        if (!database.ok()) {
            context.exit_code = fail(database.error());
            return;
        }
        auto lease = (*database)->lease();
        auto report = store::migrate(lease.sql(), url->backend);
        if (!report.ok()) {
            context.exit_code = fail(report.error());
            return;
        }
        std::cout << "Skema " << url->text << ": versi " << report->from_version << " → " << report->to_version;
        for (auto const& name : report->applied)
            std::cout << "\n  diterapkan: " << name;
        std::cout << "\n";
    });
    db->add_subcommand("version", "Tampilkan versi skema basis data")->callback([&context] {
        auto opened = open_store(context.db_url, MigrateOnOpen::No);
        if (!opened.ok()) {
            context.exit_code = fail(opened.error());
            return;
        }
        auto lease = opened->database->lease();
        auto version = store::schema_version(lease.sql());
        if (!version.ok()) {
            context.exit_code = fail(version.error());
            return;
        }
        std::cout << "versi skema " << *version << " (program mengenal sampai " << store::latest_schema_version() << ")\n";
    });

    auto* office = app.add_subcommand("office", "Kantor kecamatan")->require_subcommand(1);
    auto office_options = std::make_shared<OfficeOptions>();
    register_office_sop_command(*office, context);
    register_office_hours_command(*office, context);
    auto* office_add = office->add_subcommand("add", "Tambah kantor; nama, kabupaten dan alamat diambil dari data wilayah");
    office_add->add_option("--code", office_options->code, "Kode kecamatan, mis. 63.05.06")->required();
    office_add->add_option("--name", office_options->name, "Nama kecamatan");
    office_add->add_option("--regency", office_options->regency, "Nama kabupaten/kota");
    office_add->add_option("--province", office_options->province, "Nama provinsi");
    office_add->add_option("--address", office_options->address, "Alamat kantor");
    office_add->add_option("--postal-code", office_options->postal_code, "Kode pos");
    office_add->add_option("--phone", office_options->phone, "Telepon");
    office_add->add_option("--email", office_options->email, "Surel");
    office_add->add_option("--place", office_options->place, "Tempat pada tanda tangan, mis. Margasari");
    office_add->add_option("--letter-pattern", office_options->letter_pattern, "Pola nomor surat")->capture_default_str();
    office_add->add_option("--registration-pattern", office_options->registration_pattern, "Pola nomor register")->capture_default_str();
    office_add->add_option("--klasifikasi", office_options->klasifikasi, "Kode klasifikasi arsip")->capture_default_str();
    office_add->add_option("--unit", office_options->unit, "Kode unit pada nomor surat (bawaan: inisial nama kecamatan)");
    office_add->add_option("--paper", office_options->paper, "Ukuran kertas: A4 atau F4")->capture_default_str();
    office_add->add_option("--whatsapp", office_options->whatsapp, "Nomor WhatsApp Disdukcapil");
    office_add->add_option("--min-age", office_options->min_age, "Umur minimal wajib KTP: 17 atau 16")->capture_default_str();
    office_add->add_option("--utc-offset", office_options->utc_offset, "Selisih dari UTC dalam menit (bawaan: menurut provinsi)");
    office_add->callback([&context, office_options] {
        auto regions = load_regions_for_cli(context);
        if (!regions)
            return;
        auto office = office_from_options(*office_options, *regions);
        if (!office.ok()) {
            context.exit_code = fail(office.error());
            return;
        }
        auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
        if (!opened.ok()) {
            context.exit_code = fail(opened.error());
            return;
        }
        auto added = opened->store->add_office(*office, now());
        if (!added.ok()) {
            context.exit_code = fail(added.error().kind == ErrorKind::Conflict
                    ? Error::conflict("Kantor " + office->code + " sudah ada.")
                    : added.error());
            return;
        }
        print_office(*added);
    });
    office->add_subcommand("list", "Daftar kantor")->callback([&context] {
        auto opened = open_store(context.db_url);
        if (!opened.ok()) {
            context.exit_code = fail(opened.error());
            return;
        }
        auto offices = opened->store->offices();
        if (!offices.ok()) {
            context.exit_code = fail(offices.error());
            return;
        }
        for (auto const& each : *offices)
            print_office(each);
    });

    // The logo printed in the kop surat of the office's letters and
    // printouts. Letters already signed keep the logo they were signed with.
    auto logo_options = std::make_shared<std::pair<std::string, std::string>>(); // code, file
    auto* office_logo = office->add_subcommand("logo", "Pasang logo kop surat kantor (berkas PNG)");
    office_logo->add_option("--code", logo_options->first, "Kode kantor, mis. 63.05.06")->required();
    office_logo->add_option("FILE", logo_options->second, "Berkas PNG (paling besar 2 MB)")->required();
    office_logo->callback([&context, logo_options] {
        std::ifstream in(logo_options->second, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        std::string const png = bytes.str();
        static constexpr std::string_view k_png_signature { "\x89PNG\r\n\x1a\n", 8 };
        if (!in || png.size() > 2 * 1024 * 1024 || !png.starts_with(k_png_signature)) {
            context.exit_code = fail(Error::invalid("file", "Logo harus berkas PNG yang dapat dibaca, paling besar 2 MB.", "logo.file"));
            return;
        }
        auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 1, context.seal_secret_file);
        if (!opened.ok()) {
            context.exit_code = fail(opened.error());
            return;
        }
        auto found = opened->store->office_by_code(logo_options->first);
        if (!found.ok()) {
            context.exit_code = fail(found.error());
            return;
        }
        auto set = opened->store->set_office_logo(found->id, png, static_cast<Timestamp>(std::time(nullptr)));
        if (!set.ok()) {
            context.exit_code = fail(set.error());
            return;
        }
        std::cout << "Logo kop surat Kantor Camat " << found->name << " dipasang (" << png.size() << " byte).\n";
    });

    auto* user = app.add_subcommand("user", "Pengguna dan perannya")->require_subcommand(1);
    auto user_options = std::make_shared<UserOptions>();
    auto* user_add = user->add_subcommand("add", "Tambah pengguna dengan peran di sebuah kantor, atau pengawas kabupaten");
    user_add->add_option("--office", user_options->office, "Kode kantor, mis. 63.05.06");
    user_add->add_option("--kabupaten", user_options->kabupaten, "Pengawas kabupaten (hanya membaca laporan semua kantornya), mis. 63.05");
    user_add->add_option("--username", user_options->username, "Nama pengguna untuk masuk")->required();
    user_add->add_option("--name", user_options->name, "Nama lengkap dengan gelar")->required();
    user_add->add_option("--nip", user_options->nip, "NIP, 18 digit");
    user_add->add_option("--pangkat", user_options->pangkat, "Pangkat/golongan, mis. \"Pembina (IV/a)\"");
    user_add->add_option("--role", user_options->roles, "Peran, dipisah koma");
    user_add->add_option("--acting", user_options->acting, "plt atau plh (penugasan sementara)");
    user_add->add_option("--from", user_options->from, "Awal penugasan Plt./Plh. (TTTT-BB-HH)");
    user_add->add_option("--until", user_options->until, "Akhir penugasan Plt./Plh. (TTTT-BB-HH)");
    user_add->add_option("--surat-perintah", user_options->surat_perintah, "Nomor Surat Perintah Bupati untuk penugasan Plt./Plh.");
    user_add->add_flag("--password-stdin", user_options->password_stdin, "Baca kata sandi dari masukan standar")->required();
    user_add->callback([&context, user_options] {
        std::string password;
        std::getline(std::cin, password);
        auto catalog = load_sop_catalog(context.sops_dir);
        if (!catalog.ok()) {
            context.exit_code = fail(catalog.error());
            return;
        }
        auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
        if (!opened.ok()) {
            context.exit_code = fail(opened.error());
            return;
        }
        Result<User> added = Error::invalid("office", "Sebutkan --office dan --role, atau --kabupaten untuk pengawas.", "user.office");
        if (!user_options->kabupaten.empty()) {
            auto regions = load_regions_for_cli(context);
            if (!regions)
                return;
            added = add_supervisor(*opened->store, *regions, *user_options, password);
        } else if (!user_options->office.empty()) {
            added = add_user(*opened->store, *user_options, password, known_roles(*catalog));
        }
        if (!added.ok()) {
            context.exit_code = fail(added.error().kind == ErrorKind::Conflict
                    ? Error::conflict("Nama pengguna " + user_options->username + " sudah dipakai.")
                    : added.error());
            return;
        }
        std::cout << "Pengguna " << added->username << " (" << added->full_name << ") ditambahkan.\n";
    });

    // Disabling ends every sign-in of the account; enabling lets it sign in
    // again with the password it had.
    for (bool const active : { false, true }) {
        auto username = std::make_shared<std::string>();
        auto* command = user->add_subcommand(active ? "enable" : "disable",
            active ? "Aktifkan lagi akun yang dinonaktifkan" : "Nonaktifkan akun: tidak dapat masuk lagi, sesinya berakhir");
        command->add_option("--username", *username, "Nama pengguna")->required();
        command->callback([&context, username, active] {
            auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
            if (!opened.ok()) {
                context.exit_code = fail(opened.error());
                return;
            }
            auto found = opened->store->user_by_username(*username);
            if (!found.ok()) {
                context.exit_code = fail(found.error());
                return;
            }
            auto assignments = opened->store->role_assignments(found->id);
            Id const office_id = assignments.ok() && !assignments->empty() ? assignments->front().office_id : 0;
            auto set = opened->store->set_user_active(found->id, active, office_id, 0, now());
            if (!set.ok()) {
                context.exit_code = fail(set.error());
                return;
            }
            std::cout << "Pengguna " << found->username << (active ? " diaktifkan lagi.\n" : " dinonaktifkan.\n");
        });
    }

    auto demo_options = std::make_shared<DemoCliOptions>();
    auto* demo = app.add_subcommand("demo", "Isi basis data baru dengan kantor Candi Laras Utara dan satu akun per peran");
    demo->add_option("--cases", demo_options->cases, "Tambahkan sekian permohonan contoh dari semua layanan (tanpa PDF surat)")
        ->check(CLI::Range(std::int64_t { 0 }, std::int64_t { 100'000'000 }));
    demo->add_option("--days", demo_options->days, "Sebar permohonan contoh pada sekian hari kerja terakhir")
        ->check(CLI::Range(1, 10'000))->capture_default_str();
    demo->add_option("--seed", demo_options->seed, "Benih acak: benih dan hari yang sama memberi data yang sama")->capture_default_str();
    demo->callback([&context, demo_options] {
        context.exit_code = run_demo(context, *demo_options);
    });

    auto backup_file = std::make_shared<std::string>();
    auto* backup = app.add_subcommand("backup", "Cadangkan basis data ke berkas (SQLite: selagi layanan berjalan; PostgreSQL: pg_dump)");
    backup->add_option("FILE", *backup_file, "Berkas cadangan (belum ada)")->required();
    backup->callback([&context, backup_file] {
        context.exit_code = run_backup(context.db_url, *backup_file);
    });

    auto restore_file = std::make_shared<std::string>();
    auto* restore = app.add_subcommand("restore", "Pulihkan cadangan ke basis data yang masih kosong");
    restore->add_option("FILE", *restore_file, "Berkas cadangan")->required();
    restore->callback([&context, restore_file] {
        context.exit_code = run_restore(context.db_url, *restore_file);
    });
}

}
