#include "core/survey.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sopir {

std::array<SurveyElement, k_survey_elements> const& survey_elements()
{
    // Permenpan RB 14/2017, Lampiran: the nine elements and the answers of
    // the questionnaire, scored 1 (the first) to 4 (the last).
    static std::array<SurveyElement, k_survey_elements> const elements { {
        { "u1", "U1", "Persyaratan", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
            { "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai" } },
        { "u2", "U2", "Sistem, mekanisme dan prosedur", "Bagaimana pendapat Saudara tentang kemudahan prosedur pelayanan?",
            { "Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah" } },
        { "u3", "U3", "Waktu penyelesaian", "Bagaimana pendapat Saudara tentang kecepatan waktu pelayanan?",
            { "Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat" } },
        { "u4", "U4", "Biaya/tarif", "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif?",
            { "Sangat mahal", "Cukup mahal", "Murah", "Gratis" } },
        { "u5", "U5", "Produk spesifikasi jenis pelayanan",
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan dengan standar pelayanan?",
            { "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai" } },
        { "u6", "U6", "Kompetensi pelaksana", "Bagaimana pendapat Saudara tentang kompetensi petugas?",
            { "Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten" } },
        { "u7", "U7", "Perilaku pelaksana", "Bagaimana pendapat Saudara tentang perilaku petugas, kesopanan dan keramahan?",
            { "Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah" } },
        { "u8", "U8", "Sarana dan prasarana", "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
            { "Buruk", "Cukup", "Baik", "Sangat baik" } },
        { "u9", "U9", "Penanganan pengaduan, saran dan masukan", "Bagaimana pendapat Saudara tentang penanganan pengaduan?",
            { "Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik" } },
    } };
    return elements;
}

// The profile of the regulation's questionnaire: its age is asked in years
// and kept here as a band, so that the answers stay anonymous.
std::vector<ProfileOption> const& age_band_options()
{
    static std::vector<ProfileOption> const options {
        { "<17", "Di bawah 17 tahun" },
        { "17-25", "17–25 tahun" },
        { "26-35", "26–35 tahun" },
        { "36-45", "36–45 tahun" },
        { "46-55", "46–55 tahun" },
        { "56+", "56 tahun ke atas" },
    };
    return options;
}

std::vector<ProfileOption> const& sex_options()
{
    static std::vector<ProfileOption> const options { { "L", "Laki-laki" }, { "P", "Perempuan" } };
    return options;
}

std::vector<ProfileOption> const& education_options()
{
    static std::vector<ProfileOption> const options {
        { "sd", "SD ke bawah" },
        { "smp", "SMP" },
        { "sma", "SMA" },
        { "diploma", "D1/D2/D3/D4" },
        { "s1", "S1" },
        { "s2", "S2 ke atas" },
    };
    return options;
}

std::vector<ProfileOption> const& occupation_options()
{
    static std::vector<ProfileOption> const options {
        { "pns", "PNS" },
        { "tni", "TNI" },
        { "polri", "POLRI" },
        { "swasta", "Swasta" },
        { "wirausaha", "Wirausaha" },
        { "lainnya", "Lainnya" },
    };
    return options;
}

bool is_profile_option(std::vector<ProfileOption> const& options, std::string_view value)
{
    return value.empty() || std::any_of(options.begin(), options.end(), [&](ProfileOption const& option) { return option.value == value; });
}

std::string_view profile_label(std::vector<ProfileOption> const& options, std::string_view value)
{
    for (auto const& option : options)
        if (option.value == value)
            return option.label;
    return "Tidak disebutkan";
}

void add_answers(SurveyTally& tally, SurveyAnswers const& answers)
{
    for (std::size_t i = 0; i < k_survey_elements; ++i)
        if (answers[i] && *answers[i] >= 1 && *answers[i] <= 4) {
            ++tally[i].answered;
            tally[i].sum += *answers[i];
        }
}

char grade_letter(IkmGrade grade)
{
    switch (grade) {
    case IkmGrade::A: return 'A';
    case IkmGrade::B: return 'B';
    case IkmGrade::C: return 'C';
    case IkmGrade::D: break;
    }
    return 'D';
}

std::string_view grade_label(IkmGrade grade)
{
    switch (grade) {
    case IkmGrade::A: return "Sangat Baik";
    case IkmGrade::B: return "Baik";
    case IkmGrade::C: return "Kurang Baik";
    case IkmGrade::D: break;
    }
    return "Tidak Baik";
}

IkmGrade grade_of(std::int64_t hundredths)
{
    if (hundredths >= 8831)
        return IkmGrade::A;
    if (hundredths >= 7661)
        return IkmGrade::B;
    if (hundredths >= 6500)
        return IkmGrade::C;
    return IkmGrade::D;
}

std::optional<double> IkmResult::ikm() const
{
    if (!ikm_hundredths)
        return std::nullopt;
    return static_cast<double>(*ikm_hundredths) / 100.0;
}

namespace {

    using Wide = __int128;

    Wide gcd_of(Wide a, Wide b)
    {
        while (b != 0) {
            Wide const r = a % b;
            a = b;
            b = r;
        }
        return a < 0 ? -a : a;
    }

    // Σ sum_i / answered_i as an exact fraction; nullopt when it does not
    // fit (counts in the billions), and the caller falls back to long double.
    std::optional<std::pair<Wide, Wide>> exact_sum(SurveyTally const& tally)
    {
        Wide numerator = 0, denominator = 1;
        for (auto const& element : tally) {
            Wide a = 0, b = 0, c = 0;
            if (__builtin_mul_overflow(numerator, static_cast<Wide>(element.answered), &a)
                || __builtin_mul_overflow(static_cast<Wide>(element.sum), denominator, &b)
                || __builtin_add_overflow(a, b, &c))
                return std::nullopt;
            Wide d = 0;
            if (__builtin_mul_overflow(denominator, static_cast<Wide>(element.answered), &d))
                return std::nullopt;
            Wide const common = gcd_of(c, d);
            numerator = c / common;
            denominator = d / common;
        }
        return std::pair { numerator, denominator };
    }

    // IKM × 100 = 2500 × Σ / 9, rounded half up: floor((5000 Σ + 9) / 18)
    // with Σ = n / d, that is floor((5000 n + 9 d) / (18 d)).
    std::int64_t ikm_hundredths_of(SurveyTally const& tally)
    {
        if (auto exact = exact_sum(tally)) {
            auto [n, d] = *exact;
            Wide top = 0, nine_d = 0, bottom = 0, sum = 0;
            if (!__builtin_mul_overflow(n, static_cast<Wide>(5000), &top) && !__builtin_mul_overflow(d, static_cast<Wide>(9), &nine_d)
                && !__builtin_mul_overflow(d, static_cast<Wide>(18), &bottom) && !__builtin_add_overflow(top, nine_d, &sum))
                return static_cast<std::int64_t>(sum / bottom);
        }
        long double total = 0;
        for (auto const& element : tally)
            total += static_cast<long double>(element.sum) / static_cast<long double>(element.answered);
        return static_cast<std::int64_t>(std::floor(total * 2500.0L / 9.0L + 0.5L + 1e-9L));
    }

}

IkmResult compute_ikm(std::int64_t respondents, SurveyTally const& tally)
{
    IkmResult result { .respondents = respondents, .tally = tally };
    auto const& elements = survey_elements();
    for (std::size_t i = 0; i < k_survey_elements; ++i) {
        if (tally[i].answered > 0)
            result.nrr[i] = static_cast<double>(tally[i].sum) / static_cast<double>(tally[i].answered);
        else
            result.unanswered.emplace_back(elements[i].code);
    }
    if (respondents <= 0 || !result.unanswered.empty())
        return result;
    result.ikm_hundredths = ikm_hundredths_of(tally);
    result.grade = grade_of(*result.ikm_hundredths);
    return result;
}

std::string format_ikm(std::int64_t hundredths)
{
    std::string fraction = std::to_string(hundredths % 100);
    if (fraction.size() < 2)
        fraction.insert(0, "0");
    return std::to_string(hundredths / 100) + "," + fraction;
}

std::string format_nrr(double nrr)
{
    // Half up on the printed digits only; the IKM is computed from the exact sums.
    return format_ikm(static_cast<std::int64_t>(std::floor(nrr * 100.0 + 0.5 + 1e-9)));
}

std::vector<SampleRow> const& krejcie_morgan_table()
{
    // Krejcie, R. V. & Morgan, D. W. (1970), Table 1: population N, sample S,
    // for a 95% confidence level and a 5% margin (χ² = 3.841, P = 0.5).
    static std::vector<SampleRow> const table {
        { 10, 10 }, { 15, 14 }, { 20, 19 }, { 25, 24 }, { 30, 28 }, { 35, 32 }, { 40, 36 }, { 45, 40 }, { 50, 44 },
        { 55, 48 }, { 60, 52 }, { 65, 56 }, { 70, 59 }, { 75, 63 }, { 80, 66 }, { 85, 70 }, { 90, 73 }, { 95, 76 },
        { 100, 80 }, { 110, 86 }, { 120, 92 }, { 130, 97 }, { 140, 103 }, { 150, 108 }, { 160, 113 }, { 170, 118 },
        { 180, 123 }, { 190, 127 }, { 200, 132 }, { 210, 136 }, { 220, 140 }, { 230, 144 }, { 240, 148 }, { 250, 152 },
        { 260, 155 }, { 270, 159 }, { 280, 162 }, { 290, 165 }, { 300, 169 }, { 320, 175 }, { 340, 181 }, { 360, 186 },
        { 380, 191 }, { 400, 196 }, { 420, 201 }, { 440, 205 }, { 460, 210 }, { 480, 214 }, { 500, 217 }, { 550, 226 },
        { 600, 234 }, { 650, 242 }, { 700, 248 }, { 750, 254 }, { 800, 260 }, { 850, 265 }, { 900, 269 }, { 950, 274 },
        { 1000, 278 }, { 1100, 285 }, { 1200, 291 }, { 1300, 297 }, { 1400, 302 }, { 1500, 306 }, { 1600, 310 },
        { 1700, 313 }, { 1800, 317 }, { 1900, 320 }, { 2000, 322 }, { 2200, 327 }, { 2400, 331 }, { 2600, 335 },
        { 2800, 338 }, { 3000, 341 }, { 3500, 346 }, { 4000, 351 }, { 4500, 354 }, { 5000, 357 }, { 6000, 361 },
        { 7000, 364 }, { 8000, 367 }, { 9000, 368 }, { 10000, 370 }, { 15000, 375 }, { 20000, 377 }, { 30000, 379 },
        { 40000, 380 }, { 50000, 381 }, { 75000, 382 }, { 1000000, 384 },
    };
    return table;
}

std::int64_t required_sample(std::int64_t population)
{
    if (population <= 0)
        return 0;
    if (population <= 10)
        return population;
    auto const& table = krejcie_morgan_table();
    auto row = std::lower_bound(table.begin(), table.end(), population,
        [](SampleRow const& each, std::int64_t wanted) { return each.population < wanted; });
    return row == table.end() ? table.back().sample : row->sample;
}

}
