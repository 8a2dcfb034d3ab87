// sopir letter preview: a service's letter from its definition and sample
// data, marked KONSEP, read back as anyone would read the PDF.

#include "run.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include <unistd.h>

using sopir::testing::run_sopir;
using sopir::testing::shell_quote;

namespace {

std::string pdf_text(std::filesystem::path const& pdf)
{
    std::string out;
    FILE* pipe = popen(("pdftotext -layout " + shell_quote(pdf.string()) + " - 2>&1").c_str(), "r");
    if (!pipe)
        return out;
    std::array<char, 4096> buffer {};
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("sopir-preview-" + std::to_string(getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() { std::filesystem::remove_all(path); }
};

}

TEST(LetterPreview, RendersTheServicesTemplateFromSampleDataMarkedKonsep)
{
    TempDir dir;
    auto const out = dir.path / "konsep.pdf";
    auto r = run_sopir("--sops", std::string(SOPIR_SOURCE_DIR) + "/sops", "letter", "preview", "perekaman-ektp", "--out", out.string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find(out.string()), std::string::npos) << r.out;
    auto const text = pdf_text(out);
    // The template's words, the sample's values, the draft's mark.
    for (char const* expected : { "KONSEP", "SURAT KETERANGAN", "Yang bertanda tangan di bawah ini", "Tempat/Tanggal Lahir",
             "Demikian surat keterangan ini dibuat", "CAMAT CANDI LARAS UTARA" })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // Every placeholder was filled: none is left in braces.
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
}

TEST(LetterPreview, AnUnknownServiceIsRefused)
{
    TempDir dir;
    auto r = run_sopir("--sops", std::string(SOPIR_SOURCE_DIR) + "/sops", "letter", "preview", "tidak-ada", "--out", (dir.path / "x.pdf").string());
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("tidak-ada"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.path / "x.pdf"));
}

// The made-up second service, defined only in its fixture file: its letter's
// paragraphs, table, table of rows and list come out filled.
TEST(LetterPreview, TheMadeUpServicesLetterPrintsEveryKindOfBlock)
{
    TempDir dir;
    auto const out = dir.path / "keramaian.pdf";
    auto r = run_sopir("--sops", std::string(SOPIR_SOURCE_DIR) + "/tests/fixtures/sops", "letter", "preview", "rekomendasi-keramaian-contoh",
        "--out", out.string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    auto const text = pdf_text(out);
    for (char const* expected : { "KONSEP", "SURAT REKOMENDASI", "IZIN KERAMAIAN", "memberikan rekomendasi kepada penyelenggara",
             "Tempat/Tanggal Lahir", "No.", "Jabatan", "1.", "2.", "Penyelenggara menjaga ketertiban", "Rombongan hiburan dari",
             "Demikian rekomendasi ini diberikan" })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
    // A number in words: "(… orang tamu" is preceded by words, not digits.
    auto const guests = text.find(") orang tamu");
    ASSERT_NE(guests, std::string::npos) << text;
}

// The office's other services: each letter renders from its definition and
// sample data, every placeholder filled, member rows where it has rows.
TEST(LetterPreview, RendersTheOfficesOtherServices)
{
    struct Service {
        char const* id;
        std::vector<char const*> words;
    };
    std::vector<Service> const services {
        { "kartu-keluarga", { "SURAT PENGANTAR", "PERMOHONAN KARTU KELUARGA", "Kepala Dinas Kependudukan", "Hubungan", "Kepala Keluarga" } },
        { "domisili", { "SURAT KETERANGAN DOMISILI", "bertempat tinggal", "Persyaratan melamar pekerjaan", "6 (enam) bulan" } },
        { "surat-keterangan-pindah", { "SURAT PENGANTAR PINDAH", "Handil Bakti", "Palaran", "Kalimantan Timur", "Antar Provinsi", "Hubungan dalam keluarga" } },
        { "pengantar-akta-kelahiran", { "SURAT PENGANTAR", "PEMBUATAN AKTA KELAHIRAN", "MUHAMMAD ALIF", "Saksi kelahiran", "Nama ibu" } },
    };
    TempDir dir;
    for (auto const& service : services) {
        auto const out = dir.path / (std::string(service.id) + ".pdf");
        auto r = run_sopir("--sops", std::string(SOPIR_SOURCE_DIR) + "/sops", "letter", "preview", service.id, "--out", out.string());
        ASSERT_EQ(r.exit_code, 0) << service.id << ": " << r.out;
        auto const text = pdf_text(out);
        EXPECT_NE(text.find("KONSEP"), std::string::npos) << service.id << "\n" << text;
        for (char const* expected : service.words)
            EXPECT_NE(text.find(expected), std::string::npos) << service.id << ": " << expected << "\n" << text;
        EXPECT_EQ(text.find('{'), std::string::npos) << service.id << "\n" << text;
    }
}

// A service whose output is marks (legalisation) previews its marks: the
// sheet of labels, or with --corner one mark a page; each copy's mark with
// its text, its index and the signer, marked KONSEP.
TEST(LetterPreview, LegalisationPreviewsItsMarksAsLabelsOrAtACorner)
{
    TempDir dir;
    std::string const sops = std::string(SOPIR_SOURCE_DIR) + "/sops";
    auto const labels = dir.path / "label.pdf";
    auto r = run_sopir("--sops", sops, "letter", "preview", "legalisasi-surat", "--out", labels.string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    auto const text = pdf_text(labels);
    for (char const* expected : { "KONSEP", "TELAH DILEGALISIR SESUAI DENGAN ASLINYA", "Salinan ke-1 dari", "Nomor:", "CAMAT CANDI LARAS UTARA" })
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find('{'), std::string::npos) << text;

    auto const corner = dir.path / "pojok.pdf";
    r = run_sopir("--sops", sops, "letter", "preview", "legalisasi-surat", "--corner", "kanan-bawah", "--out", corner.string());
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(pdf_text(corner).find("TELAH DILEGALISIR SESUAI DENGAN ASLINYA"), std::string::npos);

    r = run_sopir("--sops", sops, "letter", "preview", "legalisasi-surat", "--corner", "tengah", "--out", (dir.path / "x.pdf").string());
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("tengah"), std::string::npos) << r.out;
    // A letter has no corner.
    r = run_sopir("--sops", sops, "letter", "preview", "perekaman-ektp", "--corner", "kanan-bawah", "--out", (dir.path / "y.pdf").string());
    EXPECT_NE(r.exit_code, 0) << r.out;
}
