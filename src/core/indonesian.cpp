#include "core/indonesian.hpp"

#include <array>

namespace sopir {

std::string_view month_name_id(int month)
{
    static constexpr std::array<std::string_view, 12> k_months {
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember"
    };
    if (month < 1 || month > 12)
        return {};
    return k_months[month - 1];
}

std::string_view weekday_name_id(int weekday)
{
    static constexpr std::array<std::string_view, 7> k_weekdays {
        "Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"
    };
    if (weekday < 0 || weekday > 6)
        return {};
    return k_weekdays[weekday];
}

std::string format_date_id(Date date)
{
    return std::to_string(date.day) + " " + std::string(month_name_id(date.month)) + " " + std::to_string(date.year);
}

std::string format_date_long_id(Date date)
{
    return std::string(weekday_name_id(weekday(date))) + ", " + format_date_id(date);
}

std::string format_place_date(std::string_view place, Date date)
{
    return std::string(place) + ", " + format_date_id(date);
}

std::string to_roman(int value)
{
    struct Numeral {
        int value;
        char const* text;
    };
    static constexpr Numeral k_numerals[] = {
        { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
        { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
    };
    if (value < 1 || value > 3999)
        return {};
    std::string roman;
    for (auto const& numeral : k_numerals) {
        while (value >= numeral.value) {
            roman += numeral.text;
            value -= numeral.value;
        }
    }
    return roman;
}

std::string roman_month(int month)
{
    if (month < 1 || month > 12)
        return {};
    return to_roman(month);
}

}

namespace sopir {

namespace {

    // 0..999 in words; "" for 0, so that "seribu" and "dua ribu" need no
    // trailing word.
    std::string hundreds_words(int n)
    {
        static constexpr std::array<std::string_view, 12> k_units {
            "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"
        };
        std::string words;
        auto add = [&words](std::string_view word) {
            if (word.empty())
                return;
            if (!words.empty())
                words += ' ';
            words += word;
        };
        if (n >= 100) {
            add(n / 100 == 1 ? std::string("seratus") : std::string(k_units[n / 100]) + " ratus");
            n %= 100;
        }
        if (n >= 20) {
            add(std::string(k_units[n / 10]) + " puluh");
            n %= 10;
        } else if (n >= 12) {
            add(std::string(k_units[n - 10]) + " belas");
            n = 0;
        }
        add(k_units[n]);
        return words;
    }

}

std::string number_words_id(long long n)
{
    if (n == 0)
        return "nol";
    if (n < 0)
        return "minus " + number_words_id(-n);
    struct Scale {
        long long value;
        char const* name;
    };
    static constexpr Scale k_scales[] = { { 1'000'000'000'000LL, "triliun" }, { 1'000'000'000LL, "miliar" }, { 1'000'000LL, "juta" }, { 1000, "ribu" } };
    std::string words;
    auto add = [&words](std::string const& word) {
        if (word.empty())
            return;
        if (!words.empty())
            words += ' ';
        words += word;
    };
    for (auto const& scale : k_scales) {
        if (n < scale.value)
            continue;
        long long const count = n / scale.value;
        n %= scale.value;
        // "seribu", not "satu ribu"; but "satu juta".
        if (count == 1 && scale.value == 1000)
            add("seribu");
        else
            add(number_words_id(count) + " " + scale.name);
    }
    add(hundreds_words(static_cast<int>(n)));
    return words;
}

std::string date_words_id(Date date)
{
    return number_words_id(date.day) + " " + std::string(month_name_id(date.month)) + " " + number_words_id(date.year);
}

}
