// `sopir sop show|print|check|list` on the real sops/perekaman-ektp.toml and on
// broken copies of it.
#include "run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using sopir::testing::run_sopir;

namespace {

std::string const k_sops_dir = SOPIR_SOURCE_DIR "/sops";
std::string const k_definition = k_sops_dir + "/perekaman-ektp.toml";

std::string read_file(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A scratch directory, removed with what is in it.
class TempDir {
public:
    TempDir()
    {
        char pattern[] = "/tmp/sopir-sop-test-XXXXXX";
        char* made = mkdtemp(pattern);
        m_path = made ? made : "/tmp";
    }
    ~TempDir()
    {
        std::error_code ignored;
        if (m_path != "/tmp")
            std::filesystem::remove_all(m_path, ignored);
    }
    std::string write(std::string const& name, std::string const& text) const
    {
        std::string const path = m_path + "/" + name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    std::string const& path() const { return m_path; }

private:
    std::string m_path;
};

// The 1-based line on which `needle` first appears, after `after` if given.
int line_of(std::string const& text, std::string const& needle, std::string const& after = {})
{
    auto const start = after.empty() ? 0 : text.find(after);
    auto const at = text.find(needle, start == std::string::npos ? 0 : start);
    if (at == std::string::npos)
        return -1;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string replaced(std::string text, std::string const& from, std::string const& to, std::string const& after = {})
{
    auto const start = after.empty() ? 0 : text.find(after);
    auto const at = text.find(from, start == std::string::npos ? 0 : start);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

}

TEST(SopCli, ShowPrintsTheSevenStepsAndTheTotal)
{
    auto r = run_sopir("--sops", k_sops_dir, "sop", "show", "perekaman-ektp");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Perekaman E-KTP untuk Umum"), std::string::npos) << r.out;
    for (auto const* header : { "No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output" })
        EXPECT_NE(r.out.find(header), std::string::npos) << header;
    EXPECT_NE(r.out.find("Jumlah waktu: 29 menit"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("JFU/PTT (Petugas"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Undang-Undang Nomor 24 Tahun 2013"), std::string::npos);
    EXPECT_NE(r.out.find("Peringatan:"), std::string::npos);

    // Readable in an 80-column terminal.
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        auto const characters = std::count_if(line.begin(), line.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
        EXPECT_LE(characters, 80) << line;
    }
}

TEST(SopCli, ShowListsTheStandardMinutesInTheSopsOrder)
{
    auto check = run_sopir("sop", "check", k_definition);
    ASSERT_EQ(check.exit_code, 0) << check.out;

    auto r = run_sopir("--sops", k_sops_dir, "sop", "show", "perekaman-ektp");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    // A row starts with its number; its first line carries the time.
    std::regex const row(R"(^([1-9])\. .* ([0-9]+) menit\b)");
    std::vector<int> numbers;
    std::vector<int> minutes;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        std::smatch match;
        if (std::regex_search(line, match, row)) {
            numbers.push_back(std::stoi(match[1]));
            minutes.push_back(std::stoi(match[2]));
        }
    }
    EXPECT_EQ(numbers, (std::vector<int> { 1, 2, 3, 4, 5, 6, 7 })) << r.out;
    EXPECT_EQ(minutes, (std::vector<int> { 1, 5, 15, 3, 1, 3, 1 })) << r.out;
}

TEST(SopCli, CheckAcceptsTheRealDefinition)
{
    auto r = run_sopir("sop", "check", k_definition);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.out, k_definition + ": OK (7 langkah, 29 menit)\n");
}

// Legalisasi Surat: seven steps at RELATED-SOPS.md's default times.
TEST(SopCli, CheckAcceptsTheLegalisationDefinition)
{
    std::string const file = std::string(SOPIR_SOURCE_DIR) + "/sops/legalisasi-surat.toml";
    auto r = run_sopir("sop", "check", file);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.out, file + ": OK (7 langkah, 24 menit)\n");
}

TEST(SopCli, CheckNamesLineAndReasonOfARenamedRole)
{
    std::string const original = read_file(k_definition);
    ASSERT_FALSE(original.empty());
    std::string const broken = replaced(original, "roles = [\"camat\"]", "roles = [\"camatt\"]", "id = \"penandatanganan\"");
    int const line = line_of(broken, "roles = [\"camatt\"]");
    TempDir dir;
    std::string const path = dir.write("rusak.toml", broken);

    auto r = run_sopir("sop", "check", path);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find(path + ":" + std::to_string(line) + ": peran 'camatt' tidak dikenal di langkah 'penandatanganan'"), std::string::npos) << r.out;
}

TEST(SopCli, CheckReportsEveryProblemEachWithItsLine)
{
    std::string const original = read_file(k_definition);
    std::string broken = replaced(original, "roles = [\"camat\"]", "roles = [\"camatt\"]", "id = \"penandatanganan\"");
    // The standard time of pengarsipan, deleted (its line kept, empty).
    broken = replaced(broken, "standard_minutes = 3", "", "id = \"pengarsipan\"");
    int const role_line = line_of(broken, "roles = [\"camatt\"]");
    int const step_line = line_of(broken, "[[steps]]\nid = \"pengarsipan\"");
    TempDir dir;
    std::string const path = dir.write("rusak.toml", broken);

    auto r = run_sopir("sop", "check", path);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find(path + ":" + std::to_string(role_line) + ": peran 'camatt' tidak dikenal"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(path + ":" + std::to_string(step_line) + ": langkah 'pengarsipan' tidak punya waktu baku (standard_minutes)"), std::string::npos) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;
    EXPECT_EQ(r.out.find("OK"), std::string::npos);
}

TEST(SopCli, CheckReportsTomlSyntaxErrorsWithTheLine)
{
    TempDir dir;
    std::string const path = dir.write("sintaks.toml", "id = \"x\"\ntitle = \"tanpa penutup\n");
    auto r = run_sopir("sop", "check", path);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find(path + ":2: sintaks TOML salah"), std::string::npos) << r.out;
}

TEST(SopCli, MisuseExitsTwo)
{
    EXPECT_EQ(run_sopir("sop", "check", "/tidak/ada.toml").exit_code, 2);
    EXPECT_EQ(run_sopir("sop", "check").exit_code, 2);
    EXPECT_EQ(run_sopir("sop").exit_code, 2);
    auto missing = run_sopir("--sops", k_sops_dir, "sop", "show", "tidak-ada");
    EXPECT_EQ(missing.exit_code, 2) << missing.out;
    EXPECT_NE(missing.out.find("tidak ditemukan"), std::string::npos) << missing.out;
    EXPECT_EQ(run_sopir("--sops", k_sops_dir, "sop", "show", "../sops/perekaman-ektp").exit_code, 2);
}

TEST(SopCli, ShowRefusesABrokenDefinition)
{
    TempDir dir;
    std::string const broken = replaced(read_file(k_definition), "standard_minutes = 15", "standard_minutes = 0");
    dir.write("perekaman-ektp.toml", broken);
    auto r = run_sopir("--sops", dir.path(), "sop", "show", "perekaman-ektp");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.out.find("waktu baku langkah 'perekaman' harus lebih dari 0 menit"), std::string::npos) << r.out;
}

TEST(SopCli, ListShowsEachDefinition)
{
    auto r = run_sopir("--sops", k_sops_dir, "sop", "list");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("perekaman-ektp"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("(7 langkah, 29 menit)"), std::string::npos) << r.out;

    TempDir dir;
    dir.write("perekaman-ektp.toml", read_file(k_definition));
    dir.write("rusak.toml", "id = \n");
    auto mixed = run_sopir("--sops", dir.path(), "sop", "list");
    EXPECT_EQ(mixed.exit_code, 1) << mixed.out;
    EXPECT_NE(mixed.out.find("rusak"), std::string::npos) << mixed.out;
    EXPECT_NE(mixed.out.find("TIDAK SAH"), std::string::npos) << mixed.out;
}

TEST(SopCli, CheckNamesTheLineOfEachProblemInTheFormRulesAndLetter)
{
    std::string broken = read_file(k_definition);
    broken = replaced(broken, "type = \"rt_rw\"", "type = \"rtrw\"");
    broken = replaced(broken, "vocabulary = \"marital_statuses\"", "vocabulary = \"perkawinan\"");
    broken = replaced(broken, "field = \"applicant.birth_date\"\nyears", "field = \"applicant.tanggal_lahir\"\nyears");
    broken = replaced(broken, "{step.perekaman.date|date}", "{step.rekam.date|date}");
    TempDir dir;
    std::string const path = dir.write("rusak.toml", broken);

    auto r = run_sopir("sop", "check", path);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    std::vector<std::string> const expected {
        path + ":" + std::to_string(line_of(broken, "vocabulary = \"perkawinan\"")) + ": kosakata 'perkawinan' di isian 'marital_status' di kelompok isian 'applicant' tidak dikenal",
        path + ":" + std::to_string(line_of(broken, "type = \"rtrw\"")) + ": jenis isian 'rtrw' di isian 'rt' di kelompok isian 'applicant' tidak dikenal",
        path + ":" + std::to_string(line_of(broken, "field = \"applicant.tanggal_lahir\"")) + ": parameter 'field' cek 'min_age': isian 'applicant.tanggal_lahir' tidak ada di formulir",
        path + ":" + std::to_string(line_of(broken, "{step.rekam.date|date}")) + ": penanda {step.rekam.date|date} di [letter] blok surat ke-3 tidak menunjuk isian mana pun",
    };
    std::istringstream lines(r.out);
    std::vector<std::string> got;
    for (std::string line; std::getline(lines, line);)
        got.push_back(line);
    ASSERT_EQ(got.size(), expected.size()) << r.out;
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_EQ(got[i].rfind(expected[i], 0), 0u) << "expected: " << expected[i] << "\n" << r.out;
}

// The office's other services (docs/decisions.md, "Six services and the
// printed SOP: definitions"): listed, and each passes `sop check`, with a
// warning line naming the letter's unconfirmed classification code.
TEST(SopCli, TheOfficesOtherServicesAreListedAndPassTheCheck)
{
    struct Service {
        char const* id;
        char const* title;
        char const* totals;
    };
    Service const services[] = {
        { "kartu-keluarga", "Pelayanan Kartu Keluarga", "(7 langkah, 29 menit)" },
        { "domisili", "Surat Keterangan Domisili", "(7 langkah, 24 menit)" },
        { "surat-keterangan-pindah", "Surat Keterangan Pindah", "(7 langkah, 29 menit)" },
        { "pengantar-akta-kelahiran", "Surat Pengantar Pembuatan Akta Kelahiran", "(7 langkah, 29 menit)" },
    };
    auto list = run_sopir("--sops", k_sops_dir, "sop", "list");
    EXPECT_EQ(list.exit_code, 0) << list.out;
    for (auto const& service : services) {
        std::string const row = service.title + std::string(" ") + service.totals;
        auto const at = list.out.find(service.id);
        ASSERT_NE(at, std::string::npos) << service.id << "\n" << list.out;
        EXPECT_NE(list.out.find(row, at), std::string::npos) << row << "\n" << list.out;

        std::string const path = k_sops_dir + "/" + service.id + ".toml";
        auto check = run_sopir("sop", "check", path);
        EXPECT_EQ(check.exit_code, 0) << check.out;
        EXPECT_EQ(check.out.find(path + ": OK " + service.totals + "\n"), 0u) << check.out;
        std::string const text = read_file(path);
        std::string const warning = path + ":" + std::to_string(line_of(text, "classification_confirmed = false"))
            + ": peringatan: kode klasifikasi surat '400.12' adalah bawaan yang belum dipastikan";
        EXPECT_NE(check.out.find(warning), std::string::npos) << warning << "\n" << check.out;
    }
    // A confirmed code: no warning.
    auto ektp = run_sopir("sop", "check", k_definition);
    EXPECT_EQ(ektp.out.find("peringatan"), std::string::npos) << ektp.out;
}

// Every definition in sops/ seeds the SOP fuzzer, and the seed still loads.
TEST(SopCli, EveryDefinitionSeedsTheFuzzCorpus)
{
    std::string const corpus = SOPIR_SOURCE_DIR "/tests/fuzz/corpus/fuzz_sop";
    int seen = 0;
    for (auto const& entry : std::filesystem::directory_iterator(k_sops_dir)) {
        if (entry.path().extension() != ".toml")
            continue;
        ++seen;
        std::string const seed = corpus + "/" + entry.path().filename().string();
        ASSERT_TRUE(std::filesystem::exists(seed)) << seed;
        auto check = run_sopir("sop", "check", seed);
        EXPECT_EQ(check.exit_code, 0) << check.out;
    }
    EXPECT_GE(seen, 5);
}

// `sop print`: the printed SOP as a PDF, opening no database: the identity
// sheet under the definition's [meta] office, then the landscape flowchart,
// on A4 unless --paper says F4.
TEST(SopCli, PrintWritesTheIdentitySheetAndTheFlowchart)
{
    TempDir dir;
    std::string const pdf = dir.path() + "/sop.pdf";
    auto r = run_sopir("--sops", k_sops_dir, "--db", "sqlite://" + dir.path() + "/tidak-dibuka.db", "sop", "print", "perekaman-ektp", "--out", pdf,
        "--paper", "F4");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("7 langkah, 29 menit"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/tidak-dibuka.db")) << "no database is opened without --office";
    FILE* pipe = popen(("pdftotext -raw " + pdf + " - 2>&1; pdfinfo -l 99 " + pdf + " 2>&1").c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    std::array<char, 4096> buffer {};
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        out.append(buffer.data(), n);
    pclose(pipe);
    for (char const* expected : { "KANTOR CAMAT CANDI LARAS UTARA", "800/ -KASI PAM/CLU/SOP/I/2023", "FLOWCHART SOP PEREKAMAN E-KTP",
             "Jumlah waktu", "29 menit", "Page    1 size:  609.449 x 935.433 pts", "size:  935.433 x 609.449 pts" })
        EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
    EXPECT_EQ(run_sopir("--sops", k_sops_dir, "sop", "print", "tidak-ada", "--out", pdf).exit_code, 2);
}
