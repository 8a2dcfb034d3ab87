#include "app/cli_office_sop.hpp"

#include "app/cli_support.hpp"
#include "app/sop_catalog.hpp"
#include "app/store_access.hpp"
#include "core/indonesian.hpp"
#include "core/office_sop.hpp"
#include "desk/sop_print.hpp"

#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <vector>

namespace sopir::app {

namespace {

    struct OfficeSopOptions {
        std::string service;
        std::string code;
        std::optional<std::string> number;
        std::optional<std::string> revised;
        std::optional<std::string> effective;
        std::optional<std::string> approved_by;
        std::vector<std::string> minutes; // STEP=N
    };

    Result<std::optional<Date>> parse_date_option(std::optional<std::string> const& text, std::string const& option)
    {
        if (!text || text->empty())
            return std::optional<Date> {};
        auto date = parse_iso_date(*text);
        if (!date)
            return Error::invalid(option, "--" + option + " harus berbentuk TTTT-BB-HH.", "office_sop.date");
        return std::optional<Date> { *date };
    }

    // What the options change in the office's statement; what they leave
    // out stays as stated before. "--minutes STEP=0" returns the step to
    // the file's standard time.
    Status apply_options(OfficeSop& stated, OfficeSopOptions const& options)
    {
        if (options.number)
            stated.number = *options.number;
        if (options.approved_by)
            stated.approved_by = *options.approved_by;
        if (options.revised) {
            auto date = parse_date_option(options.revised, "revised");
            if (!date.ok())
                return date.error();
            stated.revised = *date;
        }
        if (options.effective) {
            auto date = parse_date_option(options.effective, "effective");
            if (!date.ok())
                return date.error();
            stated.effective = *date;
        }
        for (auto const& pair : options.minutes) {
            auto const equals = pair.find('=');
            std::string const step = pair.substr(0, equals);
            int value = -1;
            try {
                std::size_t used = 0;
                if (equals != std::string::npos)
                    value = std::stoi(pair.substr(equals + 1), &used);
                if (equals == std::string::npos || used != pair.size() - equals - 1)
                    value = -1;
            } catch (std::exception const&) {
                value = -1;
            }
            if (step.empty() || value < 0)
                return Error::invalid("minutes", "--minutes berbentuk LANGKAH=MENIT, misalnya verifikasi=7 (0: kembali ke waktu dalam berkas SOP).",
                    "office_sop.minutes");
            if (value == 0)
                stated.step_minutes.erase(step);
            else
                stated.step_minutes[step] = value;
        }
        return Ok {};
    }

    int set_office_sop(CliContext const& context, OfficeSopOptions const& options)
    {
        auto catalog = load_sop_catalog(context.sops_dir);
        if (!catalog.ok())
            return fail(catalog.error());
        auto const* definition = [&]() -> SopDefinition const* {
            for (auto const& each : *catalog)
                if (each.id == options.service)
                    return &each;
            return nullptr;
        }();
        if (!definition)
            return fail(Error::invalid("service", "Layanan '" + options.service + "' tidak dikenal di " + context.sops_dir + "."));
        auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
        if (!opened.ok())
            return fail(opened.error());
        auto office = opened->store->office_by_code(options.code);
        if (!office.ok())
            return fail(office.error().kind == ErrorKind::NotFound ? Error::not_found("Kantor " + options.code + " tidak ada.") : office.error());
        auto before = opened->store->office_sop(office->id, definition->id);
        if (!before.ok())
            return fail(before.error());
        OfficeSop stated = before->value_or(OfficeSop { .office_id = office->id, .service_id = definition->id });
        if (auto applied = apply_options(stated, options); !applied.ok())
            return fail(applied.error());
        auto const problems = office_sop_problems(*definition, stated);
        if (!problems.empty()) {
            for (auto const& problem : problems)
                std::cerr << "sopir: " << problem << "\n";
            return k_exit_invalid;
        }
        stated.updated_at = static_cast<Timestamp>(std::time(nullptr));
        if (auto saved = opened->store->set_office_sop(stated); !saved.ok())
            return fail(saved.error());
        SopDefinition const shown = with_office_sop(*definition, stated);
        std::cout << "SOP " << definition->id << " di Kantor Camat " << office->name << ":\n"
                  << "  Nomor SOP        : " << shown.meta.number << "\n"
                  << "  Tanggal Revisi   : " << (shown.meta.revised ? format_date_id(*shown.meta.revised) : "-") << "\n"
                  << "  Tanggal Efektif  : " << (shown.meta.effective ? format_date_id(*shown.meta.effective) : "-") << "\n"
                  << "  Disahkan oleh    : " << shown.meta.approved_by << "\n";
        for (auto const& step : shown.steps)
            std::cout << "  " << step.id << ": " << step.standard_minutes << " menit"
                      << (stated.step_minutes.contains(step.id) ? " (ditetapkan kantor)" : "") << "\n";
        std::cout << "  Jumlah waktu: " << total_standard_minutes(shown) << " menit\n";
        return k_exit_ok;
    }

}

void register_office_sop_command(CLI::App& office, CliContext& context)
{
    auto options = std::make_shared<OfficeSopOptions>();
    auto* command = office.add_subcommand("sop",
        "Data SOP milik kantor: Nomor SOP, tanggal revisi dan efektif, pengesah, waktu baku langkah (bawaan: [meta] berkas SOP)");
    command->add_option("SERVICE", options->service, "Id layanan, nama berkas SOP tanpa .toml")->required();
    command->add_option("--code", options->code, "Kode kecamatan kantor, mis. 63.05.06")->required();
    command->add_option("--number", options->number, "Nomor SOP kantor");
    command->add_option("--revised", options->revised, "Tanggal dibuat/revisi (TTTT-BB-HH)");
    command->add_option("--effective", options->effective, "Tanggal efektif (TTTT-BB-HH)");
    command->add_option("--approved-by", options->approved_by, "Disahkan oleh");
    command->add_option("--minutes", options->minutes, "Waktu baku langkah: LANGKAH=MENIT (boleh berulang; 0: waktu dalam berkas)");
    command->callback([&context, options] { context.exit_code = set_office_sop(context, *options); });
}

Result<SopDefinition> office_stated(CliContext const& context, SopDefinition const& file, std::string const& office_code)
{
    auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 1, context.seal_secret_file);
    if (!opened.ok())
        return opened.error();
    auto office = opened->store->office_by_code(office_code);
    if (!office.ok())
        return office.error().kind == ErrorKind::NotFound ? Error::not_found("Kantor " + office_code + " tidak ada.") : office.error();
    auto stated = opened->store->office_sop(office->id, file.id);
    if (!stated.ok())
        return stated.error();
    return *stated ? with_office_sop(file, **stated) : file;
}

Result<std::string> office_printed_sop(CliContext const& context, SopDefinition const& file, std::string const& office_code,
    std::optional<PaperSize> paper)
{
    auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 1, context.seal_secret_file);
    if (!opened.ok())
        return opened.error();
    auto office = opened->store->office_by_code(office_code);
    if (!office.ok())
        return office.error().kind == ErrorKind::NotFound ? Error::not_found("Kantor " + office_code + " tidak ada.") : office.error();
    return desk::print_office_sop(*opened->store, file, *office, desk::SopPrintFormat::Pdf, paper);
}

int check_open_cases(CliContext const& context, SopDefinition const& changed, std::string const& path)
{
    auto opened = open_store(context.db_url, MigrateOnOpen::No, 1, context.seal_secret_file);
    if (!opened.ok())
        return fail(opened.error());
    auto counts = opened->store->cases_by_version_and_state(changed.id);
    if (!counts.ok())
        return fail(counts.error());
    auto versions = opened->store->sop_versions_in_use();
    if (!versions.ok())
        return fail(versions.error());
    // Whether a case is still open is what the version it was filed under
    // says; for a version the database does not hold, the changed file.
    std::map<std::string, SopDefinition> filed;
    for (auto const& kept : *versions)
        if (kept.service_id == changed.id)
            if (auto definition = load_sop(kept.text, kept.service_id); definition.ok())
                filed.emplace(kept.sha256, std::move(*definition));
    std::vector<CaseCount> cases;
    for (auto const& count : *counts) {
        auto const found = filed.find(count.sop_version);
        SopDefinition const& own = found != filed.end() ? found->second : changed;
        auto const kind = own.state_kind(count.state);
        cases.push_back({ .state = count.state, .cases = count.cases, .closed = kind && is_closed(*kind) });
    }
    auto const stranded = stranded_by(changed, cases);
    if (stranded.empty()) {
        std::cout << path << ": tidak ada permohonan terbuka yang tertinggal di langkah atau status yang dihapus\n";
        return k_exit_ok;
    }
    for (auto const& each : stranded)
        std::cout << path << ": " << each.cases << " permohonan terbuka masih menunggu di '" << each.state
                  << "', yang tidak ada lagi dalam definisi ini\n";
    std::cout << path << ": ditolak: selesaikan atau pindahkan permohonan itu dahulu, atau pertahankan langkahnya\n";
    return k_exit_invalid;
}

}
