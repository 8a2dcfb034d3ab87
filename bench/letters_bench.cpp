// Letters per second: renders the real Surat Keterangan (letters/letter.hpp)
// again and again, on one thread by default, and prints how many PDFs a
// second that makes (issue 7, figure 4). One thread is one core's worth;
// `--threads 2` shows how the renderer scales when the server seals letters
// on several request threads at once.
//
//   letters_bench [--count N] [--threads T] [--json]
//
// Every letter differs from the one before (name, NIK, number, verification
// address), as at pengarsipan, and alternates between the original and the
// ARSIP copy, the two PDFs that sealing renders. The kop carries a PNG logo,
// as for an office that has set one, so its decoding is part of the cost.

#include "app/sop_catalog.hpp"
#include "letters/letter.hpp"
#include "letters/letter_content.hpp"

#include <CLI/CLI.hpp>
#include <cairo.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace sopir;

struct Options {
    int count { 400 };  // PDFs per thread.
    int threads { 1 };
    bool json { false };
};

cairo_status_t append_to_string(void* closure, unsigned char const* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<char const*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// A plain emblem of the size of a regency's coat of arms in a kop (240×288),
// as PNG bytes: a gold-edged green shield with a gold band.
std::string logo_png()
{
    int const width = 240;
    int const height = 288;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> owner(cairo_create(surface.get()), &cairo_destroy);
    cairo_t* cr = owner.get();
    cairo_set_source_rgb(cr, 0.85, 0.68, 0.13);
    cairo_rectangle(cr, 6, 6, width - 12, height - 12);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.05, 0.42, 0.22);
    cairo_rectangle(cr, 18, 18, width - 36, height - 40);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.85, 0.68, 0.13);
    cairo_arc(cr, width / 2.0, 110, 50, 0, 6.2832);
    cairo_fill(cr);
    owner.reset();
    std::string png;
    cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png);
    return png;
}

std::string four_digits(std::uint64_t value)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04u", static_cast<unsigned>(value % 10000));
    return text;
}

char const* const k_names[] = {
    "MUHAMMAD RIZKY PRATAMA", "NOOR AISYAH RAHMAWATI", "AHMAD FADILLAH", "SITI NURHALIZA",
    "GUSTI MUHAMMAD ARSYAD", "RAHMAT HIDAYATULLAH", "DEWI SARTIKA PUTRI", "NORHAYATI",
};

// The i-th letter of a thread: the same office, signer and layout as the
// office prints, with the per-letter fields changed.
LetterContent letter_for(LetterContent const& base, int thread, std::uint64_t i)
{
    LetterContent letter = base;
    std::uint64_t const serial = static_cast<std::uint64_t>(thread) * 1'000'000 + i;
    letter.number = "400.12.2.1/" + four_digits(serial + 1) + "/CLU/XI/2026";
    letter.legacy->applicant.name = k_names[serial % std::size(k_names)];
    letter.legacy->applicant.nik = "63050612030" + four_digits(serial) + "1";
    letter.verification_url = "https://sopir.example/verifikasi/Q7x2mK9p" + four_digits(serial);
    letter.copy = i % 2 == 0 ? LetterCopy::Original : LetterCopy::Archive;
    return letter;
}

LetterContent base_letter()
{
    return {
        .office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Gusti Libi No.86 Margasari Hilir", .postal_code = "71171", .place_name = "Margasari", .logo_png = logo_png() },
        .letter_date = { 2026, 11, 23 },
        .disdukcapil_whatsapp = "0812-5000-1234",
        .signer = { .title = camat_title(Acting::Plt, "Candi Laras Utara"), .name = "ALAMSYAH, S.Pd", .pangkat_golongan = "Pembina (IV/a)", .nip = "19690312 199211 1 001" },
        .paraf = "SR",
        .paper_size = PaperSize::A4,
        .legacy = LegacyLetterContent { .applicant = { .name = "", .nik = "", .birth_place = "Tapin", .birth_date = { 2009, 3, 12 }, .sex = "Laki-laki", .religion = "Islam", .marital_status = "Belum Kawin", .occupation = "Pelajar/Mahasiswa", .address = "Jalan Pendidikan Gang Mawar", .rt = "003", .rw = "001", .village = "Margasari Ilir", .kecamatan = "Candi Laras Utara" }, .recording_date = { 2026, 11, 20 }, .purpose = "Surat keterangan ini diberikan sebagai pengganti sementara KTP-el sampai KTP-el yang "
                   "bersangkutan selesai dicetak oleh Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tapin." },
    };
}

struct ThreadResult {
    std::uint64_t pdfs { 0 };
    std::uint64_t bytes { 0 };
    std::uint64_t bad { 0 };
};

// The E-KTP definition's letter template words the body.
SopDefinition const& ektp()
{
    static SopDefinition const definition = [] {
        auto loaded = app::load_sop_file(std::string(SOPIR_SOURCE_DIR) + "/sops/perekaman-ektp.toml");
        if (!loaded.ok())
            throw std::runtime_error(loaded.error().message);
        return *loaded;
    }();
    return definition;
}

void render_many(LetterContent const& base, int thread, int count, ThreadResult& result)
{
    for (int i = 0; i < count; ++i) {
        std::string const pdf = render_letter_pdf(legacy_letter_body(letter_for(base, thread, static_cast<std::uint64_t>(i)), ektp()));
        if (pdf.size() < 1000 || pdf.compare(0, 5, "%PDF-") != 0)
            ++result.bad;
        result.bytes += pdf.size();
        ++result.pdfs;
    }
}

}

int main(int argc, char** argv)
{
    Options options;
    CLI::App app("letters_bench: Surat Keterangan PDFs per second");
    app.add_option("--count", options.count, "PDFs per thread")->check(CLI::PositiveNumber);
    app.add_option("--threads", options.threads, "threads, one per core")->check(CLI::PositiveNumber);
    app.add_flag("--json", options.json, "one JSON object");
    CLI11_PARSE(app, argc, argv);
    try {
        LetterContent const base = base_letter();
        // The first letters of a thread load fonts and build pango's caches:
        // a running server has done that long before, so they are not timed.
        {
            std::vector<std::thread> warmers;
            std::vector<ThreadResult> warm(static_cast<std::size_t>(options.threads));
            for (int t = 0; t < options.threads; ++t)
                warmers.emplace_back(render_many, std::cref(base), t + 100, 4, std::ref(warm[static_cast<std::size_t>(t)]));
            for (auto& each : warmers)
                each.join();
        }
        std::vector<ThreadResult> results(static_cast<std::size_t>(options.threads));
        auto const started = std::chrono::steady_clock::now();
        std::vector<std::thread> workers;
        for (int t = 0; t < options.threads; ++t)
            workers.emplace_back(render_many, std::cref(base), t, options.count, std::ref(results[static_cast<std::size_t>(t)]));
        for (auto& each : workers)
            each.join();
        double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

        ThreadResult total;
        for (auto const& each : results) {
            total.pdfs += each.pdfs;
            total.bytes += each.bytes;
            total.bad += each.bad;
        }
        double const per_second = static_cast<double>(total.pdfs) / seconds;
        double const per_thread = per_second / options.threads;
        std::uint64_t const average_bytes = total.pdfs ? total.bytes / total.pdfs : 0;
        if (options.json) {
            std::printf("{\"threads\":%d,\"pdfs\":%llu,\"seconds\":%.3f,\"pdfs_per_s\":%.1f,\"pdfs_per_s_per_thread\":%.1f,"
                        "\"average_bytes\":%llu,\"errors\":%llu}\n",
                options.threads, static_cast<unsigned long long>(total.pdfs), seconds, per_second, per_thread,
                static_cast<unsigned long long>(average_bytes), static_cast<unsigned long long>(total.bad));
        } else {
            std::printf("%llu PDF dalam %.2f s pada %d utas: %.1f PDF/s (%.1f PDF/s per utas), rata-rata %llu bita\n",
                static_cast<unsigned long long>(total.pdfs), seconds, options.threads, per_second, per_thread,
                static_cast<unsigned long long>(average_bytes));
        }
        return total.bad == 0 ? 0 : 1;
    } catch (std::exception const& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}
