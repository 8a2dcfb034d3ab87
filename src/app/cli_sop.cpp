// `sopir sop show|print|check|list`: the SOP definitions in sops/*.toml.
// Loading and validating is the core's (core/sop.hpp); this file reads the
// files and prints the SOP as the office's paper table, or as the office's
// printed SOP in a PDF (desk/sop_print.hpp).

#include "app/cli.hpp"
#include "app/cli_office_sop.hpp"
#include "core/indonesian.hpp"
#include "core/sop.hpp"
#include "desk/sop_print.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace sopir::app {

namespace {

    // The table fits a terminal of 80 columns: six columns of 74 characters and
    // five one-space gaps.
    constexpr std::size_t k_page_width = 79;
    constexpr std::size_t k_column_gap = 1;

    std::optional<std::string> read_file(std::string const& path)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return std::nullopt;
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad())
            return std::nullopt;
        return text.str();
    }

    // Columns are counted in characters, not bytes: the SOP's text is UTF-8
    // ("–", "é" in names).
    std::size_t display_width(std::string_view text)
    {
        return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    }

    // The byte length of the first `count` characters of `text`.
    std::size_t prefix_bytes(std::string_view text, std::size_t count)
    {
        std::size_t bytes = 0;
        while (bytes < text.size() && count > 0) {
            ++bytes;
            while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80)
                ++bytes;
            --count;
        }
        return bytes;
    }

    // Word-wraps `text` to `width` characters; a word longer than a line is cut.
    std::vector<std::string> wrap(std::string_view text, std::size_t width)
    {
        std::vector<std::string> lines;
        std::string line;
        std::istringstream words { std::string(text) };
        std::string word;
        while (words >> word) {
            while (display_width(word) > width) {
                if (!line.empty()) {
                    lines.push_back(line);
                    line.clear();
                }
                auto const cut = prefix_bytes(word, width);
                lines.push_back(word.substr(0, cut));
                word.erase(0, cut);
            }
            if (word.empty())
                continue;
            if (line.empty()) {
                line = word;
            } else if (display_width(line) + 1 + display_width(word) <= width) {
                line += " " + word;
            } else {
                lines.push_back(line);
                line = word;
            }
        }
        if (!line.empty())
            lines.push_back(line);
        return lines;
    }

    // A list item with a hanging indent: "- Akta" / "  Kelahiran".
    void append_item(std::vector<std::string>& lines, std::string_view bullet, std::string_view text, std::size_t width)
    {
        std::string const indent(display_width(bullet), ' ');
        auto wrapped = wrap(text, width > indent.size() ? width - indent.size() : 1);
        for (std::size_t i = 0; i < wrapped.size(); ++i)
            lines.push_back((i == 0 ? std::string(bullet) : indent) + wrapped[i]);
    }

    enum class ListStyle {
        Numbered,
        Bulleted,
    };

    void print_list(std::ostream& out, std::string_view title, std::vector<std::string> const& items, ListStyle style)
    {
        if (items.empty())
            return;
        out << "\n"
            << title << "\n";
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string const bullet = style == ListStyle::Numbered ? "  " + std::to_string(i + 1) + ". " : "  - ";
            std::vector<std::string> lines;
            append_item(lines, bullet, items[i], k_page_width);
            for (auto const& line : lines)
                out << line << "\n";
        }
    }

    std::string pad(std::string const& text, std::size_t width)
    {
        auto const used = display_width(text);
        return used >= width ? text : text + std::string(width - used, ' ');
    }

    struct Column {
        char const* title;
        std::size_t width;
    };

    // No, Kegiatan, Pelaksana, Kelengkapan, Waktu, Output: the seed SOP's
    // "Identifikasi Kegiatan, Pelaksana & Mutu Baku".
    constexpr Column k_columns[] = {
        { "No", 2 },
        { "Kegiatan", 19 },
        { "Pelaksana", 16 },
        { "Kelengkapan", 15 },
        { "Waktu", 8 },
        { "Output", 14 },
    };

    void print_row(std::ostream& out, std::vector<std::vector<std::string>> const& cells)
    {
        std::size_t height = 0;
        for (auto const& cell : cells)
            height = std::max(height, cell.size());
        for (std::size_t line = 0; line < height; ++line) {
            std::string text;
            for (std::size_t column = 0; column < cells.size(); ++column) {
                if (column > 0)
                    text += std::string(k_column_gap, ' ');
                text += pad(line < cells[column].size() ? cells[column][line] : "", k_columns[column].width);
            }
            text.erase(text.find_last_not_of(' ') + 1);
            out << text << "\n";
        }
    }

    std::string minutes(int count)
    {
        return std::to_string(count) + " menit";
    }

    std::string performers(SopDefinition const& definition, std::vector<std::string> const& roles)
    {
        std::string text;
        for (std::size_t i = 0; i < roles.size(); ++i) {
            if (i > 0)
                text += " atau ";
            text += definition.role_title(roles[i]);
        }
        return text;
    }

    void print_table(std::ostream& out, SopDefinition const& definition)
    {
        std::vector<std::vector<std::string>> header;
        std::vector<std::vector<std::string>> rule;
        for (auto const& column : k_columns) {
            header.push_back({ column.title });
            rule.push_back({ std::string(column.width, '-') });
        }
        print_row(out, header);
        print_row(out, rule);
        for (std::size_t i = 0; i < definition.steps.size(); ++i) {
            auto const& step = definition.steps[i];
            std::vector<std::string> requirements;
            for (auto const& id : step.documents) {
                auto const* document = definition.find_document(id);
                append_item(requirements, "- ", document ? document->label : id, k_columns[3].width);
            }
            for (auto const& input : step.input)
                append_item(requirements, "- ", input, k_columns[3].width);
            print_row(out, {
                               { std::to_string(i + 1) + "." },
                               wrap(step.description.empty() ? step.title : step.description, k_columns[1].width),
                               wrap(performers(definition, step.roles), k_columns[2].width),
                               requirements,
                               { minutes(step.standard_minutes) },
                               wrap(step.output, k_columns[5].width),
                           });
            out << "\n";
        }
        out << "Jumlah waktu: " << minutes(total_standard_minutes(definition)) << "\n";
    }

    // Who may do what from each step and state: the workflow behind the table.
    void print_flow(std::ostream& out, SopDefinition const& definition)
    {
        out << "\nAlur aksi (status → aksi → tujuan):\n";
        auto print_actions = [&](std::string const& state, std::vector<ActionDefinition> const& actions) {
            for (std::size_t i = 0; i < actions.size(); ++i) {
                auto const& action = actions[i];
                std::string line = action.id + " → " + action.target;
                std::vector<std::string> notes;
                if (action.takes_number) {
                    auto const* book = definition.find_register(*action.takes_number);
                    notes.push_back("nomor " + (book ? book->label : *action.takes_number));
                }
                if (action.reasons_required)
                    notes.push_back("alasan wajib");
                if (action.note_required)
                    notes.push_back("catatan wajib");
                for (auto const& field : action.fields)
                    notes.push_back("isian: " + field.label);
                std::string extra;
                for (auto const& note : notes)
                    extra += (extra.empty() ? "" : "; ") + note;
                if (!extra.empty())
                    line += " [" + extra + "]";
                std::vector<std::string> lines;
                append_item(lines, "  " + pad(i == 0 ? state : "", 16) + "  ", line, k_page_width);
                for (auto const& text : lines)
                    out << text << "\n";
            }
        };
        for (auto const& step : definition.steps)
            print_actions(step.id, step.actions);
        for (auto const& state : definition.states) {
            if (state.actions.empty())
                out << "  " << pad(state.id, 16) << "  (status akhir)\n";
            else
                print_actions(state.id, state.actions);
        }
        for (auto const& rule : definition.segregation) {
            std::string actions;
            for (std::size_t i = 0; i < rule.actions.size(); ++i)
                actions += (i == 0 ? "" : (i + 1 == rule.actions.size() ? " dan " : ", ")) + rule.actions[i];
            std::vector<std::string> lines;
            append_item(lines, "  ", "Pemisahan tugas: " + actions + " tidak boleh dilakukan oleh orang yang sama pada satu perkara.", k_page_width);
            for (auto const& text : lines)
                out << text << "\n";
        }
    }

    void print_sop(std::ostream& out, SopDefinition const& definition)
    {
        out << "STANDAR OPERASIONAL PROSEDUR (SOP)\n";
        out << definition.title << " [" << definition.id << "]\n";
        auto const& meta = definition.meta;
        if (!meta.office.empty() || !meta.section.empty())
            out << meta.office << (meta.office.empty() || meta.section.empty() ? "" : ", ") << meta.section << "\n";
        auto field = [&](char const* label, std::string const& value) {
            if (value.empty())
                return;
            std::vector<std::string> lines;
            append_item(lines, pad(label, 18) + ": ", value, k_page_width);
            for (auto const& line : lines)
                out << line << "\n";
        };
        field("Nomor SOP", meta.number);
        field("Tanggal Pembuatan", meta.created ? format_date_id(*meta.created) : "");
        field("Tanggal Revisi", meta.revised ? format_date_id(*meta.revised) : "");
        field("Tanggal Efektif", meta.effective ? format_date_id(*meta.effective) : "");
        field("Disahkan oleh", meta.approved_by);

        print_list(out, "Dasar Hukum:", definition.legal_basis, ListStyle::Numbered);
        print_list(out, "Kualifikasi Pelaksana:", definition.qualifications, ListStyle::Numbered);
        std::vector<std::string> documents;
        for (auto const& document : definition.documents)
            documents.push_back(document.label);
        print_list(out, "Persyaratan:", documents, ListStyle::Bulleted);
        print_list(out, "Keterkaitan:", definition.related, ListStyle::Bulleted);
        print_list(out, "Peralatan dan Perlengkapan:", definition.equipment, ListStyle::Bulleted);
        print_list(out, "Peringatan:", definition.warnings, ListStyle::Bulleted);
        print_list(out, "Pencatatan dan Pendataan:", definition.records, ListStyle::Bulleted);

        out << "\n";
        print_table(out, definition);
        print_flow(out, definition);
    }

    void print_diagnostics(std::ostream& out, SopCheck const& check)
    {
        for (auto const& diagnostic : check.diagnostics)
            out << to_string(diagnostic) << "\n";
    }

    // An id names a file in sops_dir; it may not reach outside it.
    bool is_plain_sop_id(std::string const& id)
    {
        return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
    }

    // The definition `id` names in the SOP directory; prints why not and
    // sets the exit code when there is none or it is not valid.
    std::optional<SopDefinition> named_definition(CliContext const& context, std::string const& id, int& exit_code)
    {
        if (!is_plain_sop_id(id)) {
            std::cerr << "sopir: id SOP '" << id << "' tidak sah (huruf kecil, angka, tanda hubung)\n";
            exit_code = k_exit_misuse;
            return std::nullopt;
        }
        std::string const path = context.sops_dir + "/" + id + ".toml";
        auto text = read_file(path);
        if (!text) {
            std::cerr << "sopir: SOP '" << id << "' tidak ditemukan (" << path << " tidak dapat dibaca)\n";
            exit_code = k_exit_misuse;
            return std::nullopt;
        }
        auto check = check_sop(*text, path);
        if (!check.ok()) {
            print_diagnostics(std::cout, check);
            exit_code = k_exit_invalid;
            return std::nullopt;
        }
        return std::move(check.definition);
    }

    int show(CliContext const& context, std::string const& id, std::string const& office)
    {
        int exit_code = k_exit_ok;
        auto definition = named_definition(context, id, exit_code);
        if (!definition)
            return exit_code;
        if (!office.empty()) {
            // The office's own Nomor SOP, dates and step minutes (--db).
            auto stated = office_stated(context, *definition, office);
            if (!stated.ok()) {
                std::cerr << "sopir: " << stated.error().message << "\n";
                return k_exit_misuse;
            }
            print_sop(std::cout, *stated);
            return k_exit_ok;
        }
        print_sop(std::cout, *definition);
        return k_exit_ok;
    }

    struct PrintOptions {
        std::string id;
        std::string out;   // Default: sop-ID.pdf.
        std::string paper; // A4 or F4; default the office's, or A4 with no office.
        std::string office;
    };

    // `sop print`: the identity sheet and the flowchart as the office prints
    // them. With --office, as that office states the SOP, under its kop
    // (--db); without, the file's, under its [meta] office, opening no
    // database.
    int print_pdf(CliContext const& context, PrintOptions const& options)
    {
        int exit_code = k_exit_ok;
        auto definition = named_definition(context, options.id, exit_code);
        if (!definition)
            return exit_code;
        std::optional<PaperSize> paper;
        if (!options.paper.empty())
            paper = options.paper == "F4" ? PaperSize::F4 : PaperSize::A4;
        std::string pdf;
        if (options.office.empty()) {
            pdf = desk::print_sop(*definition, desk::SopPrintFormat::Pdf, paper);
        } else {
            auto printed = office_printed_sop(context, *definition, options.office, paper);
            if (!printed.ok()) {
                std::cerr << "sopir: " << printed.error().message << "\n";
                return k_exit_misuse;
            }
            pdf = std::move(*printed);
        }
        std::string const path = options.out.empty() ? "sop-" + options.id + ".pdf" : options.out;
        std::ofstream out(path, std::ios::binary);
        out << pdf;
        if (!out.flush()) {
            std::cerr << "sopir: " << path << " tidak dapat ditulis\n";
            return k_exit_misuse;
        }
        std::cout << "SOP " << definition->title << " dicetak ke " << path << " (" << definition->steps.size() << " langkah, "
                  << minutes(total_standard_minutes(*definition)) << ")\n";
        return k_exit_ok;
    }

    int check(CliContext const& context, std::string const& path, bool open_cases)
    {
        auto text = read_file(path);
        if (!text) {
            std::cerr << "sopir: " << path << " tidak dapat dibaca\n";
            return k_exit_misuse;
        }
        auto check = check_sop(*text, path);
        if (!check.ok()) {
            print_diagnostics(std::cout, check);
            return k_exit_invalid;
        }
        auto const& definition = *check.definition;
        std::cout << path << ": OK (" << definition.steps.size() << " langkah, " << minutes(total_standard_minutes(definition)) << ")\n";
        // Not a problem, so the check passes: a reminder of what the office
        // still has to confirm.
        if (definition.letter && !definition.letter->classification_confirmed)
            std::cout << path << ":" << definition.letter->classification_line << ": peringatan: kode klasifikasi surat '"
                      << definition.letter->classification << "' adalah bawaan yang belum dipastikan (Permendagri 83/2022); pastikan dengan kantor, lalu tulis classification_confirmed = true\n";
        if (open_cases)
            return check_open_cases(context, definition, path);
        return k_exit_ok;
    }

    int list(CliContext const& context)
    {
        std::error_code error;
        std::vector<std::filesystem::path> files;
        for (auto const& entry : std::filesystem::directory_iterator(context.sops_dir, error)) {
            if (entry.path().extension() == ".toml")
                files.push_back(entry.path());
        }
        if (error) {
            std::cerr << "sopir: direktori SOP " << context.sops_dir << " tidak dapat dibaca: " << error.message() << "\n";
            return k_exit_misuse;
        }
        std::sort(files.begin(), files.end());
        int status = k_exit_ok;
        for (auto const& file : files) {
            std::string const name = file.stem().string();
            auto text = read_file(file.string());
            auto check = text ? check_sop(*text, file.string()) : SopCheck {};
            if (!check.ok()) {
                std::cout << pad(name, 20) << "  TIDAK SAH (" << (text ? std::to_string(check.diagnostics.size()) + " masalah" : std::string("tidak dapat dibaca"))
                          << "; periksa dengan: sopir sop check " << file.string() << ")\n";
                status = k_exit_invalid;
                continue;
            }
            auto const& definition = *check.definition;
            std::cout << pad(name, 20) << "  " << definition.title << " (" << definition.steps.size() << " langkah, " << minutes(total_standard_minutes(definition)) << ")\n";
        }
        if (files.empty())
            std::cout << "Tidak ada definisi SOP (*.toml) di " << context.sops_dir << "\n";
        return status;
    }

}

void register_sop_commands(CLI::App& app, CliContext& context)
{
    auto* sop = app.add_subcommand("sop", "Definisi SOP layanan (sops/*.toml)");
    sop->require_subcommand(1);

    auto id = std::make_shared<std::string>();
    auto office = std::make_shared<std::string>();
    auto* show_command = sop->add_subcommand("show", "Tampilkan SOP sebagai tabel, dengan jumlah waktu");
    show_command->add_option("ID", *id, "Id SOP (lihat: sopir sop list)")->required();
    show_command->add_option("--office", *office, "Kode kecamatan: SOP sebagaimana dinyatakan kantor itu (nomor, tanggal, waktu baku; dari --db)");
    show_command->callback([&context, id, office] { context.exit_code = show(context, *id, *office); });

    auto print_options = std::make_shared<PrintOptions>();
    auto* print_command = sop->add_subcommand("print", "Cetak SOP sebagai PDF: lembar identitas dan flowchart, seperti SOP cetak kantor");
    print_command->add_option("ID", print_options->id, "Id SOP, misalnya perekaman-ektp")->required();
    print_command->add_option("--out", print_options->out, "Berkas PDF keluaran (bawaan: sop-ID.pdf)");
    print_command->add_option("--paper", print_options->paper, "Ukuran kertas (bawaan: kertas kantor dengan --office, atau A4)")
        ->check(CLI::IsMember({ "A4", "F4" }));
    print_command->add_option("--office", print_options->office, "Kode kecamatan: SOP sebagaimana dinyatakan kantor itu, dengan kop kantor (dari --db)");
    print_command->callback([&context, print_options] { context.exit_code = print_pdf(context, *print_options); });

    auto file = std::make_shared<std::string>();
    auto open_cases = std::make_shared<bool>(false);
    auto* check_command = sop->add_subcommand("check", "Periksa berkas definisi SOP; tiap masalah sebagai BERKAS:BARIS: alasan");
    check_command->add_option("FILE", *file, "Berkas .toml")->required();
    check_command->add_flag("--open-cases", *open_cases,
        "Tolak perubahan yang meninggalkan permohonan terbuka di langkah atau status yang dihapus (basis data --db)");
    check_command->callback([&context, file, open_cases] { context.exit_code = check(context, *file, *open_cases); });

    auto* list_command = sop->add_subcommand("list", "Daftar SOP di direktori SOP");
    list_command->callback([&context] { context.exit_code = list(context); });
}

}
