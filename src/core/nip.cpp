#include "core/nip.hpp"

namespace sopir {

static constexpr char const* k_field = "nip";
static constexpr size_t k_nip_length = 18;

static int digits_value(std::string_view digits)
{
    int value = 0;
    for (char c : digits)
        value = value * 10 + (c - '0');
    return value;
}

Result<Nip> parse_nip(std::string_view text)
{
    std::string digits;
    for (char c : text) {
        if (c == ' ')
            continue;
        if (c < '0' || c > '9')
            return Error::invalid(k_field, "NIP hanya boleh berisi angka (boleh dipisah spasi).", "nip.not_digits");
        digits += c;
    }
    if (digits.size() != k_nip_length)
        return Error::invalid(k_field, "NIP harus 18 digit angka; yang diisi " + std::to_string(digits.size()) + " digit.", "nip.length");

    Nip nip;
    std::string_view const all = digits;
    nip.birth_date = { digits_value(all.substr(0, 4)), digits_value(all.substr(4, 2)), digits_value(all.substr(6, 2)) };
    if (!is_valid_date(nip.birth_date.year, nip.birth_date.month, nip.birth_date.day))
        return Error::invalid(k_field, "NIP: 8 digit pertama harus tanggal lahir yang sah (TTTTBBHH).", "nip.birth_date");
    nip.appointment_year = digits_value(all.substr(8, 4));
    nip.appointment_month = digits_value(all.substr(12, 2));
    if (nip.appointment_month < 1 || nip.appointment_month > 12)
        return Error::invalid(k_field, "NIP: digit 13–14 harus bulan pengangkatan 01 sampai 12.", "nip.appointment_month");
    if (nip.appointment_year <= nip.birth_date.year)
        return Error::invalid(k_field, "NIP: tahun pengangkatan (digit 9–12) harus sesudah tahun lahir.", "nip.appointment_year");
    char const sex = digits[14];
    if (sex != '1' && sex != '2')
        return Error::invalid(k_field, "NIP: digit ke-15 harus 1 (laki-laki) atau 2 (perempuan).", "nip.sex");
    nip.sex = sex == '1' ? NipSex::Male : NipSex::Female;
    nip.serial = digits_value(all.substr(15, 3));
    if (nip.serial == 0)
        return Error::invalid(k_field, "NIP: nomor urut (3 digit terakhir) tidak boleh 000.", "nip.serial");
    nip.digits = std::move(digits);
    return nip;
}

std::string format_nip(Nip const& nip)
{
    std::string_view const d = nip.digits;
    return std::string(d.substr(0, 8)) + " " + std::string(d.substr(8, 6)) + " " + std::string(d.substr(14, 1)) + " " + std::string(d.substr(15, 3));
}

}
