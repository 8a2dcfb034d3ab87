// Writes a sample Surat Keterangan to the PDF file named by argv[1], for the
// picture of a letter in the README (docs/img/surat-keterangan.png), and,
// given argv[2], the printed E-KTP SOP under the same kop, for the picture
// of its flowchart page (docs/img/sop-flowchart.png). The
// people, numbers and address are invented; the wording is the E-KTP
// definition's letter template (sops/perekaman-ektp.toml) and the layout the
// real renderer's. So is the logo: a plain shield drawn here, standing in for
// the regency's coat of arms, which is not ours to reproduce.

#include "app/sop_catalog.hpp"
#include "desk/letter_desk.hpp"
#include "letters/letter.hpp"
#include "letters/sop_print.hpp"

#include <cairo.h>

#include <cmath>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

namespace {

cairo_status_t append_to_string(void* closure, unsigned char const* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<char const*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void shield_path(cairo_t* cr, double left, double top, double right, double bottom)
{
    double const middle = (left + right) / 2;
    double const shoulder = top + (bottom - top) * 0.55;
    cairo_move_to(cr, left, top);
    cairo_line_to(cr, right, top);
    cairo_line_to(cr, right, shoulder);
    cairo_curve_to(cr, right, shoulder + (bottom - shoulder) * 0.6, middle + (right - middle) * 0.4, bottom, middle, bottom);
    cairo_curve_to(cr, middle - (middle - left) * 0.4, bottom, left, shoulder + (bottom - shoulder) * 0.6, left, shoulder);
    cairo_close_path(cr);
}

void star_path(cairo_t* cr, double cx, double cy, double outer, double inner)
{
    for (int i = 0; i < 10; ++i) {
        double const radius = i % 2 == 0 ? outer : inner;
        double const angle = -M_PI / 2 + i * M_PI / 5;
        if (i == 0)
            cairo_move_to(cr, cx + radius * std::cos(angle), cy + radius * std::sin(angle));
        else
            cairo_line_to(cr, cx + radius * std::cos(angle), cy + radius * std::sin(angle));
    }
    cairo_close_path(cr);
}

// A stand-in emblem as PNG bytes: a green shield edged in gold, a gold star
// above, and gold waves below for the rivers of a Kalimantan regency.
std::string sample_logo_png()
{
    int const width = 240;
    int const height = 288;
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), &cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> owner(cairo_create(surface.get()), &cairo_destroy);
    cairo_t* cr = owner.get();
    double const gold[] = { 0.85, 0.68, 0.13 };
    double const green[] = { 0.05, 0.42, 0.22 };

    shield_path(cr, 6, 6, width - 6, height - 6);
    cairo_set_source_rgb(cr, gold[0], gold[1], gold[2]);
    cairo_fill(cr);
    shield_path(cr, 18, 18, width - 18, height - 22);
    cairo_set_source_rgb(cr, green[0], green[1], green[2]);
    cairo_fill(cr);

    cairo_set_source_rgb(cr, gold[0], gold[1], gold[2]);
    star_path(cr, width / 2.0, 100, 58, 23);
    cairo_fill(cr);

    cairo_set_line_width(cr, 9);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int wave = 0; wave < 3; ++wave) {
        double const y = 180 + wave * 22;
        double const inset = 48 + wave * 14;
        cairo_move_to(cr, inset, y);
        cairo_curve_to(cr, inset + 25, y - 14, width / 2.0 - 15, y - 14, width / 2.0, y);
        cairo_curve_to(cr, width / 2.0 + 15, y + 14, width - inset - 25, y + 14, width - inset, y);
        cairo_stroke(cr);
    }
    owner.reset();

    std::string png;
    cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png);
    return png;
}

}

int main(int argc, char** argv)
{
    if (argc != 2 && argc != 3) {
        std::cerr << "Pemakaian: sample_letter BERKAS.pdf [SOP.pdf]\n";
        return 2;
    }
    using namespace sopir;
    auto definition = app::load_sop_file(std::string(SOPIR_SOURCE_DIR) + "/sops/perekaman-ektp.toml");
    if (!definition.ok() || !definition->letter) {
        std::cerr << (definition.ok() ? "sops/perekaman-ektp.toml tidak punya [letter]" : definition.error().message) << "\n";
        return 1;
    }
    LetterFacts facts;
    facts.values["applicant"] = { { "nik", "6305065807080002" }, { "name", "NOOR AISYAH RAHMAWATI" }, { "birth_place", "Tapin" },
        { "birth_date", "2008-07-18" }, { "sex", "P" }, { "religion", "Islam" }, { "marital_status", "Belum Kawin" },
        { "occupation", "Pelajar/Mahasiswa" }, { "address", "Jalan Kenanga Gang Damai No. 4" }, { "rt", "002" }, { "rw", "001" },
        { "village_code", "63.05.06.2003" }, { "village_name", "Sawang" } };
    facts.office_name = "Candi Laras Utara";
    facts.office_regency = "Kabupaten Tapin";
    facts.office_district = "Candi Laras Utara";
    for (auto const& step : definition->steps)
        facts.step_dates[step.id] = Date { 2026, 11, 24 };
    facts.whatsapp = "0812-5000-1234";
    LetterOffice const office { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari",
        .postal_code = "71171", .place_name = "Margasari", .logo_png = sample_logo_png() };
    LetterContent letter = desk::compose_letter(*definition, facts, office, { 2026, 11, 25 }, PaperSize::A4);
    letter.number = "400.12.2.1/0137/CLU/XI/2026";
    letter.signer = { .title = camat_title(Acting::None, "Candi Laras Utara"), .name = "H. AHMAD RIFANI, S.Sos., M.AP", .pangkat_golongan = "Pembina Tingkat I (IV/b)", .nip = "19690312 199211 1 001" };
    letter.paraf = "SN";
    letter.verification_url = "https://sopir.example/verifikasi/Hk3vR8sQ2n";
    try {
        std::ofstream out(argv[1], std::ios::binary);
        out << render_letter_pdf(letter);
        if (!out.flush()) {
            std::cerr << "Tidak dapat menulis " << argv[1] << "\n";
            return 1;
        }
        if (argc == 3) {
            std::ofstream sop(argv[2], std::ios::binary);
            sop << render_sop_pdf({ .definition = *definition, .office = office, .paper_size = PaperSize::A4 });
            if (!sop.flush()) {
                std::cerr << "Tidak dapat menulis " << argv[2] << "\n";
                return 1;
            }
        }
    } catch (std::exception const& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
