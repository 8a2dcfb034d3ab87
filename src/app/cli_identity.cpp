// `sopir nik` and `sopir kk`: check a NIK or a Nomor KK as the front desk
// would, against the region data. The checking is the core's
// (core/identity.hpp); this file parses arguments and prints.

#include "app/cli.hpp"
#include "app/cli_support.hpp"
#include "core/identity.hpp"
#include "core/indonesian.hpp"

#include <iostream>
#include <memory>

namespace sopir::app {

namespace {

    struct NikArguments {
        std::string number;
        bool json { false };
        std::string today;
        std::string birth_date;
        std::string sex;
    };

    struct KkArguments {
        std::string number;
        bool json { false };
        std::string today;
    };

}

static nlohmann::ordered_json issues_json(std::vector<IdentityIssue> const& issues)
{
    auto list = nlohmann::ordered_json::array();
    for (auto const& issue : issues)
        list.push_back({ { "code", issue.code }, { "message", issue.message } });
    return list;
}

static nlohmann::ordered_json nik_region_json(NikRegion const& region)
{
    return {
        { "province", region_json(region.province) },
        { "regency", region_json(region.regency) },
        { "district", region_json(region.district) },
    };
}

template<typename T>
static nlohmann::ordered_json or_null(std::optional<T> const& value, auto&& to_json)
{
    return value ? nlohmann::ordered_json(to_json(*value)) : nlohmann::ordered_json(nullptr);
}

static nlohmann::ordered_json text_or_null(std::string const& text)
{
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

// "Candi Laras Utara, Kabupaten Tapin, Kalimantan Selatan (63.05.06)".
static std::string region_line(NikRegion const& region, std::string const& code)
{
    std::string names;
    for (auto const* part : { &region.district, &region.regency, &region.province }) {
        if (*part)
            names += (names.empty() ? "" : ", ") + (*part)->name;
    }
    if (!region.district)
        names += std::string(names.empty() ? "" : "; ") + "kecamatan tidak ada dalam data wilayah";
    return names + " (" + code + ")";
}

static void print_issues(std::ostream& out, char const* title, std::vector<IdentityIssue> const& issues)
{
    if (issues.empty())
        return;
    out << title << "\n";
    for (auto const& issue : issues)
        out << "  - " << issue.message << " [" << issue.code << "]\n";
}

static void print_field(std::ostream& out, char const* label, std::string const& value)
{
    out << "  " << label << ": " << value << "\n";
}

// The dates the command needs; nullopt after a misuse has been reported.
static std::optional<Date> today_from(std::string const& option, CliContext& context)
{
    if (option.empty())
        return office_today();
    return date_option("--today", option, context);
}

// The lines both checks print around their own fields.
static void print_verdict(char const* what, std::string const& normalized, std::string const& typed, bool valid)
{
    std::cout << what << " " << (normalized.empty() ? "\"" + typed + "\"" : normalized) << ": " << (valid ? "SAH" : "TIDAK SAH") << "\n";
}

static void print_findings(std::vector<IdentityIssue> const& errors, std::vector<IdentityIssue> const& warnings)
{
    print_issues(std::cout, "Kesalahan:", errors);
    print_issues(std::cout, "Peringatan (perlu dipastikan petugas):", warnings);
}

static void run_nik(NikArguments const& arguments, CliContext& context)
{
    auto today = today_from(arguments.today, context);
    if (!today)
        return;
    std::optional<Date> birth_date;
    if (!arguments.birth_date.empty()) {
        birth_date = date_option("--birth-date", arguments.birth_date, context);
        if (!birth_date)
            return;
        if (*birth_date > *today) {
            std::cerr << "--birth-date tidak boleh sesudah hari ini (" << to_iso(*today) << ").\n";
            context.exit_code = k_exit_misuse;
            return;
        }
    }
    std::optional<Sex> sex;
    if (!arguments.sex.empty())
        sex = parse_sex(arguments.sex); // CLI11 has already refused anything but L or P.

    auto regions = load_regions_for_cli(context);
    if (!regions)
        return;

    NikCheck const check = check_nik(arguments.number, {
                                                           .today = *today,
                                                           .regions = &*regions,
                                                           .declared_birth_date = birth_date,
                                                           .declared_sex = sex,
                                                       });
    context.exit_code = check.valid ? k_exit_ok : k_exit_invalid;

    if (arguments.json) {
        nlohmann::ordered_json json {
            { "valid", check.valid },
            { "errors", issues_json(check.errors) },
            { "warnings", issues_json(check.warnings) },
            { "region", nik_region_json(check.region) },
            { "birth_date", or_null(check.birth_date, to_iso) },
            { "sex", or_null(check.sex, [](Sex s) { return std::string(1, sex_letter(s)); }) },
            { "serial", text_or_null(check.serial) },
        };
        std::cout << dump_json(json) << "\n";
        return;
    }

    print_verdict("NIK", check.nik, arguments.number, check.valid);
    if (!check.region_code.empty())
        print_field(std::cout, "Wilayah      ", region_line(check.region, check.region_code));
    if (check.birth_date)
        print_field(std::cout, "Tanggal lahir", format_date_id(*check.birth_date));
    if (check.sex)
        print_field(std::cout, "Jenis kelamin", std::string(sex_name_id(*check.sex)) + " (" + sex_letter(*check.sex) + ")");
    if (!check.serial.empty())
        print_field(std::cout, "Nomor urut   ", check.serial);
    print_findings(check.errors, check.warnings);
}

static void run_kk(KkArguments const& arguments, CliContext& context)
{
    auto today = today_from(arguments.today, context);
    if (!today)
        return;
    auto regions = load_regions_for_cli(context);
    if (!regions)
        return;

    KkCheck const check = check_kk(arguments.number, { .today = *today, .regions = &*regions });
    context.exit_code = check.valid ? k_exit_ok : k_exit_invalid;

    if (arguments.json) {
        nlohmann::ordered_json json {
            { "valid", check.valid },
            { "errors", issues_json(check.errors) },
            { "warnings", issues_json(check.warnings) },
            { "region", nik_region_json(check.region) },
            { "issue_date", or_null(check.issue_date, to_iso) },
            { "serial", text_or_null(check.serial) },
        };
        std::cout << dump_json(json) << "\n";
        return;
    }

    print_verdict("Nomor KK", check.number, arguments.number, check.valid);
    if (!check.region_code.empty())
        print_field(std::cout, "Wilayah       ", region_line(check.region, check.region_code));
    if (check.issue_date)
        print_field(std::cout, "Tanggal terbit", format_date_id(*check.issue_date));
    if (!check.serial.empty())
        print_field(std::cout, "Nomor urut    ", check.serial);
    print_findings(check.errors, check.warnings);
}

void register_identity_commands(CLI::App& app, CliContext& context)
{
    char const* const today_help = "Tanggal hari ini, TTTT-BB-HH (bawaan: tanggal sekarang di WITA)";

    auto nik = std::make_shared<NikArguments>();
    auto* nik_command = app.add_subcommand("nik", "Periksa NIK: panjang, kode wilayah, tanggal lahir, jenis kelamin, nomor urut");
    nik_command->add_option("NIK", nik->number, "NIK, 16 digit")->required();
    nik_command->add_flag("--json", nik->json, "Keluaran JSON");
    nik_command->add_option("--today", nik->today, today_help);
    nik_command->add_option("--birth-date", nik->birth_date, "Tanggal lahir yang diisi pemohon, TTTT-BB-HH, untuk dibandingkan dengan NIK");
    nik_command->add_option("--sex", nik->sex, "Jenis kelamin yang diisi pemohon: L (laki-laki) atau P (perempuan)")
        ->check(CLI::IsMember({ "L", "P", "l", "p" }));
    nik_command->callback([nik, &context] { run_nik(*nik, context); });

    auto kk = std::make_shared<KkArguments>();
    auto* kk_command = app.add_subcommand("kk", "Periksa Nomor Kartu Keluarga: panjang, kode wilayah, tanggal terbit, nomor urut");
    kk_command->add_option("NOMOR", kk->number, "Nomor KK, 16 digit")->required();
    kk_command->add_flag("--json", kk->json, "Keluaran JSON");
    kk_command->add_option("--today", kk->today, today_help);
    kk_command->callback([kk, &context] { run_kk(*kk, context); });
}

}
