#include "app/cli_working_time.hpp"

#include "app/cli_support.hpp"
#include "app/store_access.hpp"

#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace sopir::app {

namespace {

    struct HolidayOptions {
        std::string office;
        std::optional<int> year;
        std::string date;
        std::string name;
        std::string kind { "libur daerah" };
    };

    struct HoursOptions {
        std::string code;
        std::optional<std::string> set;
        bool reset { false };
    };

    // The store and the office named by code; prints the error and sets the
    // exit status when either is missing.
    std::optional<std::pair<OpenStore, Office>> office_store(CliContext& context, std::string const& code)
    {
        auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
        if (!opened.ok()) {
            context.exit_code = fail(opened.error());
            return std::nullopt;
        }
        auto office = opened->store->office_by_code(code);
        if (!office.ok()) {
            context.exit_code = fail(office.error().kind == ErrorKind::NotFound ? Error::not_found("Kantor " + code + " tidak ada.") : office.error());
            return std::nullopt;
        }
        return std::pair { std::move(*opened), *office };
    }

    void list_holidays(CliContext& context, HolidayOptions const& options)
    {
        auto national = load_holidays_file(context.holidays_file);
        if (!national.ok()) {
            context.exit_code = fail(national.error());
            return;
        }
        std::vector<Holiday> all = *national;
        std::string office_name;
        if (!options.office.empty()) {
            auto found = office_store(context, options.office);
            if (!found)
                return;
            auto own = found->first.store->office_holidays(found->second.id);
            if (!own.ok()) {
                context.exit_code = fail(own.error());
                return;
            }
            all.insert(all.end(), own->begin(), own->end());
            office_name = found->second.name;
        }
        std::stable_sort(all.begin(), all.end(), [](auto const& a, auto const& b) { return a.day < b.day; });
        for (auto const& holiday : all)
            if (!options.year || holiday.day.year == *options.year)
                std::cout << to_iso(holiday.day) << "  " << holiday.kind << "  " << holiday.name << "\n";
        std::cout << "(hari libur nasional dan cuti bersama dari " << context.holidays_file
                  << (office_name.empty() ? std::string() : "; libur Kantor Camat " + office_name + " dari basis data") << ")\n";
    }

    void change_holiday(CliContext& context, HolidayOptions const& options, bool add)
    {
        auto const day = parse_iso_date(options.date);
        if (!day) {
            context.exit_code = fail(Error::invalid("date", "Tanggal harus berbentuk TTTT-BB-HH, mis. 2026-12-31."));
            return;
        }
        if (add && options.name.empty()) {
            context.exit_code = fail(Error::invalid("name", "Sebutkan nama hari liburnya."));
            return;
        }
        auto found = office_store(context, options.office);
        if (!found)
            return;
        Id const office_id = found->second.id;
        auto changed = add ? found->first.store->add_office_holiday(office_id, { *day, options.kind, options.name }, 0, now())
                           : found->first.store->remove_office_holiday(office_id, *day, 0, now());
        if (!changed.ok()) {
            context.exit_code = fail(changed.error(), k_exit_invalid);
            return;
        }
        std::cout << (add ? "Ditambahkan: " : "Dihapus: ") << to_iso(*day) << (add ? " " + options.name : std::string())
                  << " (Kantor Camat " << found->second.name << ")\n";
    }

    void office_hours(CliContext& context, HoursOptions const& options)
    {
        auto found = office_store(context, options.code);
        if (!found)
            return;
        auto& store = *found->first.store;
        Id const office_id = found->second.id;
        if (options.set || options.reset) {
            std::string written;
            if (options.set) {
                auto parsed = parse_weekly_hours(*options.set);
                if (!parsed.ok()) {
                    context.exit_code = fail(parsed.error(), k_exit_invalid);
                    return;
                }
                written = format_weekly_hours(*parsed);
            }
            if (auto saved = store.set_office_working_hours(office_id, written, 0, now()); !saved.ok()) {
                context.exit_code = fail(saved.error());
                return;
            }
        }
        auto kept = store.office_working_hours(office_id);
        if (!kept.ok()) {
            context.exit_code = fail(kept.error());
            return;
        }
        std::cout << "Jam kerja Kantor Camat " << found->second.name << ": "
                  << (*kept ? **kept + " (ditetapkan kantor)" : format_weekly_hours(default_weekly_hours()) + " (bawaan, Perpres 21/2023)") << "\n";
    }

}

Result<std::vector<Holiday>> load_holidays_file(std::string const& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Error::invalid("holidays", "Berkas hari libur " + path + " tidak dapat dibaca (--holidays, SOPIR_HOLIDAYS).", "holidays.file");
    std::stringstream text;
    text << file.rdbuf();
    auto holidays = parse_holidays_csv(text.str());
    if (!holidays.ok())
        return Error::invalid("holidays", path + ": " + holidays.error().message, holidays.error().code);
    return holidays;
}

void register_holiday_commands(CLI::App& app, CliContext& context)
{
    auto* holiday = app.add_subcommand("holiday", "Hari libur: nasional dan cuti bersama (berkas --holidays) dan libur kantor")->require_subcommand(1);
    auto options = std::make_shared<HolidayOptions>();
    auto* list = holiday->add_subcommand("list", "Daftar hari libur (dengan --office: termasuk libur kantor itu)");
    list->add_option("--office", options->office, "Kode kecamatan kantor, mis. 63.05.06");
    list->add_option("--year", options->year, "Hanya tahun ini");
    list->callback([&context, options] { list_holidays(context, *options); });
    auto* add = holiday->add_subcommand("add", "Tambah hari libur kantor (libur daerah)");
    add->add_option("--office", options->office, "Kode kecamatan kantor")->required();
    add->add_option("DATE", options->date, "Tanggal TTTT-BB-HH")->required();
    add->add_option("NAME", options->name, "Nama hari libur")->required();
    add->add_option("--kind", options->kind, "Jenis: libur daerah, cuti bersama, libur nasional")->capture_default_str();
    add->callback([&context, options] { change_holiday(context, *options, true); });
    auto* remove = holiday->add_subcommand("remove", "Hapus hari libur kantor");
    remove->add_option("--office", options->office, "Kode kecamatan kantor")->required();
    remove->add_option("DATE", options->date, "Tanggal TTTT-BB-HH")->required();
    remove->callback([&context, options] { change_holiday(context, *options, false); });
}

void register_office_hours_command(CLI::App& office, CliContext& context)
{
    auto options = std::make_shared<HoursOptions>();
    auto* command = office.add_subcommand("hours", "Jam kerja kantor untuk waktu kerja terhadap standar (bawaan: Perpres 21/2023, 37,5 jam seminggu)");
    command->add_option("--code", options->code, "Kode kecamatan kantor, mis. 63.05.06")->required();
    auto* set = command->add_option("--set", options->set, "Jam kerja, mis. \"Sen-Kam 07:30-12:00 13:00-16:00; Jum 07:30-11:30 13:00-16:30\"");
    command->add_flag("--default", options->reset, "Kembali ke jam kerja bawaan")->excludes(set);
    command->callback([&context, options] { office_hours(context, *options); });
}

}
