// Writes a sample Surat Keterangan to the PDF file named by argv[1], for the
// picture of a letter in the README (docs/img/surat-keterangan.png). The
// people, numbers and address are invented; the wording and layout are the
// real renderer's.

#include "letters/letter.hpp"

#include <exception>
#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "Pemakaian: sample_letter BERKAS.pdf\n";
        return 2;
    }
    using namespace sopir;
    LetterContent const letter {
        .office = { .regency = "Kabupaten Tapin", .name = "Candi Laras Utara", .address = "Jalan Jenderal Ahmad Yani No. 12, Margasari", .postal_code = "71171", .place_name = "Margasari" },
        .number = "400.12.2.1/0137/CLU/XI/2026",
        .applicant = { .name = "NOOR AISYAH RAHMAWATI", .nik = "6305065807080002", .birth_place = "Tapin", .birth_date = { 2008, 7, 18 }, .sex = "Perempuan", .religion = "Islam", .marital_status = "Belum Kawin", .occupation = "Pelajar/Mahasiswa", .address = "Jalan Kenanga Gang Damai No. 4", .rt = "002", .rw = "001", .village = "Sawang", .kecamatan = "Candi Laras Utara" },
        .recording_date = { 2026, 11, 24 },
        .letter_date = { 2026, 11, 25 },
        .purpose = "Surat keterangan ini diberikan sebagai pengganti sementara KTP-el sampai KTP-el yang "
                   "bersangkutan selesai dicetak oleh Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tapin.",
        .disdukcapil_whatsapp = "0812-5000-1234",
        .signer = { .title = camat_title(Acting::None, "Candi Laras Utara"), .name = "H. AHMAD RIFANI, S.Sos., M.AP", .pangkat_golongan = "Pembina Tingkat I (IV/b)", .nip = "19690312 199211 1 001" },
        .paraf = "SN",
        .verification_url = "https://sopir.example/verifikasi/Hk3vR8sQ2n",
        .paper_size = PaperSize::A4,
    };
    try {
        std::ofstream out(argv[1], std::ios::binary);
        out << render_surat_keterangan_pdf(letter);
        if (!out.flush()) {
            std::cerr << "Tidak dapat menulis " << argv[1] << "\n";
            return 1;
        }
    } catch (std::exception const& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
    return 0;
}
