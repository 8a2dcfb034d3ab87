#include "letters/letter.hpp"

#include "core/indonesian.hpp"
#include "letters/house_style.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace sopir {

using namespace letters_detail;

namespace {

    // The top of the footer: room for two lines of 8 pt above the bottom margin.
    double footer_top(PageSize page)
    {
        return page.height - k_margin_bottom - 2 * 8 * 1.3;
    }

    // Everything above the footer, with every font size and gap times `scale`;
    // returns the y below the last line.
    double draw_body(cairo_t* cr, LetterContent const& letter, PageSize page, double scale)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        Style const body { .family = k_serif, .size = 12 * scale, .align = Align::Left };
        Style const paragraph { .family = k_serif, .size = 12 * scale, .align = Align::Justify };
        double const gap = 8 * scale;

        double y = draw_kop(cr, letter.office, left, width, k_margin_top);
        y += 14;

        y += draw_markup(cr, left, y, width, "<b><u>SURAT KETERANGAN</u></b>", { .family = k_serif, .size = 13 * scale, .align = Align::Center });
        y += draw_markup(cr, left, y, width, "<b>TELAH MELAKUKAN PEREKAMAN KTP-el</b>", { .family = k_serif, .size = 12 * scale, .align = Align::Center });
        // Until pengarsipan the number is left blank, as on a paper letter.
        std::string const number = letter.number.empty() ? std::string(40, '.') : escape(letter.number);
        y += draw_markup(cr, left, y, width, "Nomor: " + number, { .family = k_serif, .size = 12 * scale, .align = Align::Center });
        y += 14;

        y += draw_markup(cr, left, y, width, "Yang bertanda tangan di bawah ini menerangkan dengan sebenarnya bahwa:", paragraph) + gap;

        auto const& a = letter.applicant;
        std::string rt_rw = a.rt + "/" + a.rw;
        std::vector<Particular> const rows {
            { "Nama", "<b>" + escape(a.name) + "</b>" },
            { "NIK", escape(a.nik) },
            { "Tempat/Tanggal Lahir", escape(a.birth_place + ", " + format_date_id(a.birth_date)) },
            { "Jenis Kelamin", escape(a.sex) },
            { "Agama", escape(a.religion) },
            { "Status Perkawinan", escape(a.marital_status) },
            { "Pekerjaan", escape(a.occupation) },
            { "Alamat", escape(a.address) },
            { "RT/RW", escape(rt_rw) },
            { "Desa/Kelurahan", escape(a.village) },
            { "Kecamatan", escape(a.kecamatan) },
        };
        y = draw_particulars(cr, rows, left, width, y, body) + gap;

        y += draw_markup(cr, left, y, width,
                 "Benar telah melakukan perekaman KTP-el di Kantor Camat " + escape(letter.office.name) + " "
                     + escape(letter.office.regency) + " pada tanggal " + escape(format_date_id(letter.recording_date))
                     + ", dan KTP-el yang bersangkutan dalam proses pencetakan.",
                 paragraph)
            + gap;
        if (!letter.purpose.empty())
            y += draw_markup(cr, left, y, width, escape(letter.purpose), paragraph) + gap;

        // The WhatsApp number beside its QR code, so the applicant can ask
        // Disdukcapil about the printing with one scan.
        if (!letter.disdukcapil_whatsapp.empty()) {
            double const qr_size = 56;
            double const text_width = width - qr_size - 12;
            double const used = draw_markup(cr, left, y, text_width,
                "Informasi pencetakan dan pengambilan KTP-el dapat ditanyakan kepada Dinas Kependudukan dan "
                "Pencatatan Sipil melalui WhatsApp <b>"
                    + escape(letter.disdukcapil_whatsapp) + "</b> (pindai kode QR di samping).",
                paragraph);
            draw_qr(cr, left + width - qr_size, y, qr_size,
                "https://wa.me/" + whatsapp_international(letter.disdukcapil_whatsapp));
            y += std::max(used, qr_size) + gap;
        }

        y += draw_markup(cr, left, y, width,
                 "Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.", paragraph)
            + 18;

        // The signature block on the right half; the verification QR code
        // stands in the space of the wet signature, as on letters signed
        // electronically.
        double const sign_x = left + width * 0.5;
        double const sign_width = width * 0.5;
        y += draw_markup(cr, sign_x, y, sign_width, escape(format_place_date(letter.office.place_name, letter.letter_date)), body);
        y += draw_markup(cr, sign_x, y, sign_width, "<b>" + escape(letter.signer.title) + "</b>", body) + 6;
        double const qr_size = 64;
        if (!letter.verification_url.empty())
            draw_qr(cr, sign_x, y, qr_size, letter.verification_url);
        // The section head's paraf stands beside the signature: the mark that
        // the draft was checked before the camat signed it.
        if (!letter.paraf.empty()) {
            double const box = 34;
            double const box_x = sign_x - box - 14;
            double const box_y = y + (qr_size - box) / 2;
            cairo_set_line_width(cr, 0.5);
            cairo_rectangle(cr, box_x, box_y, box, box);
            cairo_stroke(cr);
            draw_markup(cr, box_x, box_y + 9, box, "<i>" + escape(letter.paraf) + "</i>",
                { .family = k_serif, .size = 10 * scale, .align = Align::Center });
        }
        y += qr_size + 6;
        y += draw_markup(cr, sign_x, y, sign_width, "<b><u>" + escape(letter.signer.name) + "</u></b>", body);
        if (!letter.signer.pangkat_golongan.empty())
            y += draw_markup(cr, sign_x, y, sign_width, escape(letter.signer.pangkat_golongan), body);
        if (!letter.signer.nip.empty())
            draw_markup(cr, sign_x, y, sign_width, "NIP. " + escape(letter.signer.nip), body);

        return y;
    }

    // The footer, at the foot of the page whatever the body's length.
    void draw_footer(cairo_t* cr, LetterContent const& letter, PageSize page)
    {
        double const left = k_margin_left;
        double const width = page.width - k_margin_left - k_margin_right;
        if (!letter.verification_url.empty()) {
            Style const note { .family = k_sans, .size = 8, .align = Align::Left };
            std::string const text = "Surat ini ditandatangani secara elektronik dan dapat diperiksa di "
                + escape(letter.verification_url);
            double const footer_y = footer_top(page);
            draw_line(cr, left, footer_y - 3, left + width, 0.5);
            draw_markup(cr, left, footer_y, width, "<i>" + text + "</i>", note);
        }
    }

}

std::string camat_title(Acting acting, std::string_view office_name)
{
    std::string title = "CAMAT " + upper_ascii(office_name);
    switch (acting) {
    case Acting::Plt:
        return "Plt. " + title;
    case Acting::Plh:
        return "Plh. " + title;
    case Acting::None:
        break;
    }
    return title;
}

std::string whatsapp_international(std::string_view number)
{
    std::string digits;
    for (char c : number)
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
    // A national number's trunk prefix 0 becomes Indonesia's country code 62.
    if (!digits.empty() && digits.front() == '0')
        digits = "62" + digits.substr(1);
    return digits;
}

std::string render_surat_keterangan_pdf(LetterContent const& letter)
{
    auto const page = page_size(letter.paper_size);
    // A long name and a long address shrink the letter, down to 75 %, rather
    // than push the signature off the page.
    double const scale = fitting_scale(
        [&](cairo_t* cr, double trial) { return draw_body(cr, letter, page, trial); }, footer_top(page) - 12);
    // The creation date is the letter's own date, not the clock's, so the
    // same letter renders to the same bytes.
    PdfDocument pdf(page, "Surat Keterangan Perekaman KTP-el", to_iso(letter.letter_date) + "T00:00:00");
    cairo_t* cr = pdf.cr();
    if (letter.copy == LetterCopy::Archive)
        draw_archive_watermark(cr, page);
    draw_body(cr, letter, page, scale);
    draw_footer(cr, letter, page);
    if (letter.copy == LetterCopy::Archive)
        draw_archive_box(cr, page);
    return pdf.finish();
}

}
