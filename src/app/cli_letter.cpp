// sopir letter: the letters of the office.
// - revoke withdraws an issued letter. The letter stays in the archive as it
//   was; its verification page and API say it was revoked, when and why.
//   Revocation is an administrative decision of the office (e.g. a letter
//   issued on a mistaken identity), taken at the console by whoever runs the
//   server, and kept in the letter's record.
// - preview renders a service's letter from its definition and invented
//   sample data, marked KONSEP, so that an office sees a change to the
//   template before any case gets it. A service whose output is marks
//   (legalisation) previews its sheet of labels, or with --corner one mark
//   a page at that corner.
#include "app/cli.hpp"
#include "app/cli_support.hpp"
#include "app/letter_sample.hpp"
#include "app/sop_catalog.hpp"
#include "app/store_access.hpp"
#include "desk/letter_desk.hpp"
#include "letters/marks.hpp"

#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>

namespace sopir::app {

namespace {

struct RevokeOptions {
    Id case_id { 0 };
    std::string reason;
};

struct PreviewOptions {
    std::string service;
    std::string out;
    std::string district { "63.05.06" }; // The seed office's kecamatan, for the sample's villages.
    std::string corner;                   // Marks only: one a page at this corner; labels when empty.
};

// The sample's PDF: the letter, or its marks.
Result<std::string> preview_pdf(LetterContent const& sample, std::string const& corner)
{
    if (!sample.mark) {
        if (!corner.empty())
            return Error::invalid("corner", "--corner hanya untuk layanan yang mencetak tanda pada salinan (output = \"marks\").", "letter.corner");
        return render_letter_pdf(sample);
    }
    MarkSheet sheet { .layout = MarkLayout::Labels, .corner = MarkCorner::BottomRight, .paper = sample.paper_size };
    if (!corner.empty()) {
        auto parsed = parse_mark_corner(corner);
        if (!parsed)
            return Error::invalid("corner", "--corner '" + corner + "' tidak dikenal (pilih: kiri-atas, kanan-atas, kiri-bawah, kanan-bawah).", "letter.corner");
        sheet.layout = MarkLayout::Corner;
        sheet.corner = *parsed;
    }
    return render_marks_pdf(sample, sheet);
}

int revoke(CliContext& context, RevokeOptions const& options)
{
    if (options.reason.empty())
        return fail(Error::invalid("reason", "--reason wajib diisi: alasan pencabutan dicatat dan ditampilkan pada verifikasi.", "letter.reason"));
    auto catalog = load_sop_catalog(context.sops_dir);
    if (!catalog.ok())
        return fail(catalog.error());
    auto opened = open_store(context.db_url, MigrateOnOpen::Yes, 4, context.seal_secret_file);
    if (!opened.ok())
        return fail(opened.error());
    auto item = opened->store->case_by_id(options.case_id);
    if (!item.ok())
        return fail(item.error());
    // The case's letter is of the kind its service's template names.
    std::string kind;
    for (auto const& definition : *catalog)
        if (definition.id == item->service_id && definition.letter)
            kind = definition.letter->id;
    if (kind.empty())
        return fail(Error::not_found("Layanan '" + item->service_id + "' dari permohonan " + std::to_string(options.case_id)
            + " tidak dimuat atau tidak menerbitkan surat."));
    auto revoked = opened->store->revoke_letter(options.case_id, kind, options.reason, static_cast<Timestamp>(std::time(nullptr)));
    if (!revoked.ok())
        return fail(revoked.error());
    std::cout << "Surat " << revoked->number << " (permohonan " << options.case_id << ") dicabut: " << options.reason << "\n";
    return k_exit_ok;
}

int preview(CliContext& context, PreviewOptions const& options)
{
    auto catalog = load_sop_catalog(context.sops_dir);
    if (!catalog.ok())
        return fail(catalog.error());
    SopDefinition const* definition = nullptr;
    for (auto const& candidate : *catalog)
        if (candidate.id == options.service)
            definition = &candidate;
    if (!definition)
        return fail(Error::not_found("Layanan '" + options.service + "' tidak ada di " + context.sops_dir + "."));
    if (!definition->letter)
        return fail(Error::invalid("service", "Layanan '" + options.service + "' tidak menerbitkan surat ([letter] tidak ada).", "letter.none"));
    auto regions = load_regions_for_cli(context);
    if (!regions)
        return context.exit_code;
    std::string const path = options.out.empty() ? options.service + "-konsep.pdf" : options.out;
    auto pdf = preview_pdf(sample_letter(*definition, *regions, options.district, office_today()), options.corner);
    if (!pdf.ok())
        return fail(pdf.error());
    std::ofstream out(path, std::ios::binary);
    out << *pdf;
    if (!out.flush())
        return fail(Error::unavailable("Tidak dapat menulis " + path + "."), k_exit_invalid);
    std::cout << "Konsep surat " << definition->letter->id << " (versi " << definition->letter->version << ") layanan "
              << definition->id << " ditulis ke " << path << "\n";
    return k_exit_ok;
}

}

void register_letter_commands(CLI::App& app, CliContext& context)
{
    auto* letter = app.add_subcommand("letter", "Surat yang diterbitkan")->require_subcommand(1);
    auto options = std::make_shared<RevokeOptions>();
    auto* revoke_command = letter->add_subcommand("revoke", "Cabut surat yang sudah terbit (verifikasi akan menyatakannya dicabut)");
    revoke_command->add_option("--case", options->case_id, "Nomor permohonan (id kasus)")->required();
    revoke_command->add_option("--reason", options->reason, "Alasan pencabutan")->required();
    revoke_command->callback([&context, options] { context.exit_code = revoke(context, *options); });

    auto preview_options = std::make_shared<PreviewOptions>();
    auto* preview_command = letter->add_subcommand("preview", "Cetak konsep surat suatu layanan dari data contoh (bertanda KONSEP)");
    preview_command->add_option("service", preview_options->service, "Id layanan (nama berkas SOP tanpa .toml)")->required();
    preview_command->add_option("--out", preview_options->out, "Berkas PDF keluaran (bawaan: LAYANAN-konsep.pdf)");
    preview_command->add_option("--kecamatan", preview_options->district, "Kode kecamatan contoh (desa dan nama kantor pada konsep)");
    preview_command->add_option("--corner", preview_options->corner,
        "Tanda pada salinan: satu tanda sehalaman di pojok ini (kiri-atas, kanan-atas, kiri-bawah, kanan-bawah); bawaan: lembar label");
    preview_command->callback([&context, preview_options] { context.exit_code = preview(context, *preview_options); });
}

}
