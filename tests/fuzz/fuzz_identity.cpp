// libFuzzer target: arbitrary bytes as a NIK, a Nomor KK and a NIK to mask,
// with and without region data, and as a region file. Besides not crashing
// (ASan, UBSan), the checks must keep their promises: 16 digits or errors,
// valid means no errors, messages are valid UTF-8 (JSON would throw on
// anything else), a masked NIK is ASCII and never shows the middle digits.
#include "core/identity.hpp"
#include "core/regions.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace sopir;

namespace {

Regions const& small_regions()
{
    static Regions const regions = [] {
        auto parsed = Regions::parse("code,name\n63,Kalimantan Selatan\n",
            "code,province_code,name\n63.05,63,Kabupaten Tapin\n",
            "code,regency_code,name\n63.05.06,63.05,Candi Laras Utara\n",
            "code,district_code,name\n63.05.06.2004,63.05.06,\"Margasari Hilir\"\n");
        if (!parsed.ok())
            std::abort();
        return std::move(parsed).value();
    }();
    return regions;
}

void require(bool condition)
{
    if (!condition)
        std::abort();
}

void require_valid_utf8(std::vector<IdentityIssue> const& issues)
{
    for (auto const& issue : issues) {
        require(!issue.code.empty() && !issue.message.empty());
        // Throws (and so aborts the fuzzer) on invalid UTF-8.
        (void)nlohmann::json(issue.message).dump();
    }
}

template<typename Check>
void require_consistent(Check const& check, std::string const& digits)
{
    require(check.valid == check.errors.empty());
    require(digits.empty() || digits.size() == 16);
    require(!check.valid || !digits.empty());
    require_valid_utf8(check.errors);
    require_valid_utf8(check.warnings);
}

}

extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size)
{
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    Date const today { 2026, 11, 25 };

    auto const plain = check_nik(text, { .today = today });
    require_consistent(plain, plain.nik);
    auto const with_regions = check_nik(text, { .today = today, .regions = &small_regions(), .declared_birth_date = Date { 1999, 12, 7 }, .declared_sex = Sex::Perempuan });
    require_consistent(with_regions, with_regions.nik);
    require(plain.valid == with_regions.valid); // Region data only ever warns.
    if (plain.birth_date)
        require(*plain.birth_date <= today && is_valid_date(plain.birth_date->year, plain.birth_date->month, plain.birth_date->day));

    auto const kk = check_kk(text, { .today = today });
    require_consistent(kk, kk.number);
    auto const kk_with_regions = check_kk(text, { .today = today, .regions = &small_regions() });
    require_consistent(kk_with_regions, kk_with_regions.number);
    if (kk.issue_date)
        require(*kk.issue_date <= today);

    std::string const masked = mask_nik(text);
    for (char c : masked)
        require(static_cast<unsigned char>(c) < 0x80);
    if (masked.size() == 16 && masked[6] != '*')
        std::abort();

    // The same bytes as each region file in turn, under a valid header.
    std::string const villages = "code,district_code,name\n" + std::string(text);
    auto const parsed = Regions::parse("code,name\n63,Kalimantan Selatan\n", "code,province_code,name\n63.05,63,Kabupaten Tapin\n",
        "code,regency_code,name\n63.05.06,63.05,Candi Laras Utara\n", villages);
    if (parsed.ok()) {
        for (auto const& village : parsed->villages_of("63.05.06"))
            require(parsed->find(village.code) == &village);
        (void)parsed->search(text.substr(0, 8));
    } else {
        (void)nlohmann::json(parsed.error().message).dump();
    }
    (void)Regions::parse(text, "", "", "");
    (void)small_regions().search(text);
    (void)small_regions().find(text);
    (void)small_regions().resolve_nik_region(text);
    return 0;
}
