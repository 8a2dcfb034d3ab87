#include "core/intake.hpp"

#include "core/indonesian.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

namespace sopir {

namespace {

    // A field of the request: its path and how messages name it.
    struct Field {
        std::string_view path;
        std::string_view label;
    };

    enum class Presence {
        Required,
        Optional,
    };

    struct ReligionName {
        std::string_view text; // Lower case.
        Religion religion;
    };

    struct MaritalStatusName {
        std::string_view text; // Lower case.
        MaritalStatus status;
    };

}

static constexpr Field k_nik { "applicant.nik", "NIK" };
static constexpr Field k_kk { "applicant.kk", "Nomor KK" };
static constexpr Field k_name { "applicant.name", "Nama" };
static constexpr Field k_birth_place { "applicant.birth_place", "Tempat lahir" };
static constexpr Field k_birth_date { "applicant.birth_date", "Tanggal lahir" };
static constexpr Field k_sex { "applicant.sex", "Jenis kelamin" };
static constexpr Field k_religion { "applicant.religion", "Agama" };
static constexpr Field k_marital_status { "applicant.marital_status", "Status perkawinan" };
static constexpr Field k_occupation { "applicant.occupation", "Pekerjaan" };
static constexpr Field k_address { "applicant.address", "Alamat" };
static constexpr Field k_rt { "applicant.rt", "RT" };
static constexpr Field k_rw { "applicant.rw", "RW" };
static constexpr Field k_village_code { "applicant.village_code", "Desa/kelurahan" };
static constexpr Field k_phone { "applicant.phone", "Nomor telepon" };

// Lengths in characters (code points), generous enough for any real entry
// and small enough that a pasted page is caught.
static constexpr std::size_t k_name_min_length = 2;
static constexpr std::size_t k_name_max_length = 100;
static constexpr std::size_t k_place_max_length = 100;
static constexpr std::size_t k_occupation_max_length = 100;
static constexpr std::size_t k_address_max_length = 200;
static constexpr std::size_t k_document_number_max_length = 100;

static constexpr std::size_t k_rt_rw_max_digits = 3;
static constexpr std::size_t k_phone_min_digits = 9;
static constexpr std::size_t k_phone_max_digits = 15; // ITU-T E.164.

static constexpr Date k_earliest_date { 1900, 1, 1 };

static constexpr std::array<std::string_view, 7> k_religion_names {
    "Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan terhadap Tuhan YME"
};

static constexpr std::array<std::string_view, 4> k_marital_status_names {
    "Belum Kawin", "Kawin", "Cerai Hidup", "Cerai Mati"
};

// Spellings that older KKs, Akta and forms print, mapped to the canonical
// ones. The canonical names themselves are matched separately.
static constexpr std::array<ReligionName, 8> k_religion_aliases { {
    { "katholik", Religion::Katolik },
    { "budha", Religion::Buddha },
    { "konghucu", Religion::Khonghucu },
    { "kong hu cu", Religion::Khonghucu },
    { "protestan", Religion::Kristen },
    { "kristen protestan", Religion::Kristen },
    { "kepercayaan", Religion::Kepercayaan },
    { "kepercayaan terhadap tuhan yang maha esa", Religion::Kepercayaan },
} };

// KKs printed since SIAK records whether a marriage is registered say
// "KAWIN TERCATAT" or "KAWIN BELUM TERCATAT"; for the KTP-el and for
// UU 24/2013 Pasal 63 both are married.
static constexpr std::array<MaritalStatusName, 2> k_marital_status_aliases { {
    { "kawin tercatat", MaritalStatus::Kawin },
    { "kawin belum tercatat", MaritalStatus::Kawin },
} };

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Trimmed, with every run of spaces, tabs and line ends made one space: what
// a person sees is what is stored, whatever was pasted.
static std::string collapse_spaces(std::string_view text)
{
    text = trim(text);
    std::string out;
    out.reserve(text.size());
    bool in_space = false;
    for (char c : text) {
        if (is_space(c)) {
            in_space = true;
            continue;
        }
        if (in_space)
            out += ' ';
        in_space = false;
        out += c;
    }
    return out;
}

// Lower case and collapsed, for matching names of things.
static std::string match_key(std::string_view text)
{
    std::string key = collapse_spaces(text);
    std::transform(key.begin(), key.end(), key.begin(), ascii_lower);
    return key;
}

// The number of code points when `text` is valid UTF-8 (no overlong forms,
// no surrogates, nothing past U+10FFFF); nullopt otherwise. The web layer
// renders the applicant as JSON, which needs valid UTF-8.
static std::optional<std::size_t> utf8_length(std::string_view text)
{
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        auto const lead = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t code_point = 0;
        std::uint32_t minimum = 0;
        if (lead < 0x80) {
            extra = 0;
            code_point = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            code_point = lead & 0x1F;
            minimum = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            code_point = lead & 0x0F;
            minimum = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            code_point = lead & 0x07;
            minimum = 0x10000;
        } else {
            return std::nullopt;
        }
        if (text.size() - i <= extra)
            return std::nullopt;
        for (std::size_t k = 1; k <= extra; ++k) {
            auto const next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return std::nullopt;
            code_point = (code_point << 6) | (next & 0x3F);
        }
        if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
            return std::nullopt;
        i += extra + 1;
        ++count;
    }
    return count;
}

static bool has_control_character(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto const byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
    });
}

// 1-based position counted in characters, not bytes: a person counts "é" once.
static std::size_t character_position(std::string_view text, std::size_t byte_index)
{
    std::size_t position = 0;
    for (std::size_t i = 0; i <= byte_index && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            ++position;
    return position;
}

// A character as a person would name it, without echoing bytes that might
// not be valid UTF-8.
static std::string describe_character(char c)
{
    if (is_ascii_digit(c))
        return std::string("angka \"") + c + "\"";
    if (c > ' ' && c <= '~')
        return std::string("tanda \"") + c + "\"";
    return "huruf beraksen atau karakter lain di luar huruf latin";
}

static std::string join_names(std::span<std::string_view const> names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += names[i];
    }
    return out;
}

// A document id safe to put in a field path: what the SOP's ids look like.
// Anything else (from a hand-made request) is reported on "documents".
static bool is_plain_id(std::string_view id)
{
    return !id.empty() && id.size() <= 64
        && std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || is_ascii_digit(c) || c == '_' || c == '-'; });
}

static std::string document_path(std::string_view id, std::string_view part = {})
{
    std::string path = "documents";
    if (!is_plain_id(id))
        return path;
    path += ".";
    path += id;
    if (!part.empty()) {
        path += ".";
        path += part;
    }
    return path;
}

std::string_view religion_name(Religion religion)
{
    return k_religion_names[static_cast<std::size_t>(religion)];
}

std::string_view marital_status_name(MaritalStatus status)
{
    return k_marital_status_names[static_cast<std::size_t>(status)];
}

std::optional<Religion> parse_religion(std::string_view text)
{
    std::string const key = match_key(text);
    for (std::size_t i = 0; i < k_religion_names.size(); ++i)
        if (key == match_key(k_religion_names[i]))
            return static_cast<Religion>(i);
    for (auto const& alias : k_religion_aliases)
        if (key == alias.text)
            return alias.religion;
    return std::nullopt;
}

std::optional<MaritalStatus> parse_marital_status(std::string_view text)
{
    std::string const key = match_key(text);
    for (std::size_t i = 0; i < k_marital_status_names.size(); ++i)
        if (key == match_key(k_marital_status_names[i]))
            return static_cast<MaritalStatus>(i);
    for (auto const& alias : k_marital_status_aliases)
        if (key == alias.text)
            return alias.status;
    return std::nullopt;
}

std::vector<std::string_view> religions()
{
    return { k_religion_names.begin(), k_religion_names.end() };
}

std::vector<std::string_view> marital_statuses()
{
    return { k_marital_status_names.begin(), k_marital_status_names.end() };
}

namespace {

    // Collects the findings of one check_intake call.
    class IntakeChecker {
    public:
        explicit IntakeChecker(IntakeContext const& context)
            : m_context(context)
        {
        }

        IntakeCheck run(ApplicantInput const&, DocumentsInput const&);

    private:
        void error(std::string field, std::string_view code, std::string message)
        {
            m_check.errors.push_back({ std::move(field), std::string(code), std::move(message) });
        }
        void warning(std::string field, std::string_view code, std::string message)
        {
            m_check.warnings.push_back({ std::move(field), std::string(code), std::move(message) });
        }

        // The value trimmed and collapsed; nullopt when empty (after adding
        // `required` for a required field) or when not valid text.
        std::optional<std::string> text(Field, std::string_view value, Presence, std::size_t max_length);
        std::optional<Date> date(Field, std::string_view value, Presence);

        void check_name(std::string_view);
        std::optional<Sex> parse_sex_field(std::string_view);
        void check_village(std::string_view);
        std::optional<std::string> rt_rw(Field, std::string_view);
        void check_phone(std::string_view);
        void check_underage();
        void check_documents(DocumentsInput const&);

        IntakeContext const& m_context;
        IntakeCheck m_check;
    };

}

std::optional<std::string> IntakeChecker::text(Field field, std::string_view value, Presence presence, std::size_t max_length)
{
    std::string collapsed = collapse_spaces(value);
    if (collapsed.empty()) {
        if (presence == Presence::Required)
            error(std::string(field.path), "required", std::string(field.label) + " wajib diisi.");
        return std::nullopt;
    }
    auto const length = utf8_length(collapsed);
    if (!length || has_control_character(collapsed)) {
        error(std::string(field.path), "text.encoding",
            std::string(field.label) + " berisi karakter yang tidak dapat dibaca; ketik ulang isinya tanpa menyalin dari dokumen lain.");
        return std::nullopt;
    }
    if (*length > max_length) {
        error(std::string(field.path), "text.too_long",
            std::string(field.label) + " paling banyak " + std::to_string(max_length) + " karakter; yang diisi " + std::to_string(*length) + " karakter.");
        return std::nullopt;
    }
    return collapsed;
}

// Whether `text` has the shape of `pattern`, where '#' stands for an ASCII
// digit and any other character for itself.
static bool has_shape(std::string_view text, std::string_view pattern)
{
    if (text.size() != pattern.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (pattern[i] == '#' ? !is_ascii_digit(text[i]) : text[i] != pattern[i])
            return false;
    return true;
}

// "07-12-1999" or "07/12/1999", the way dates are usually written in
// Indonesia, read as day-month-year, only to suggest the ISO form.
static std::optional<Date> day_month_year(std::string_view text)
{
    if (!has_shape(text, "##-##-####") && !has_shape(text, "##/##/####"))
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t width) {
        int value = 0;
        for (std::size_t i = at; i < at + width; ++i)
            value = value * 10 + (text[i] - '0');
        return value;
    };
    Date const date { number(6, 4), number(3, 2), number(0, 2) };
    if (!is_valid_date(date.year, date.month, date.day))
        return std::nullopt;
    return date;
}

std::optional<Date> IntakeChecker::date(Field field, std::string_view value, Presence presence)
{
    std::string_view const trimmed = trim(value);
    std::string const path(field.path);
    if (trimmed.empty()) {
        if (presence == Presence::Required)
            error(path, "required", std::string(field.label) + " wajib diisi.");
        return std::nullopt;
    }
    if (!has_shape(trimmed, "####-##-##")) {
        std::string message = std::string(field.label) + " harus ditulis TTTT-BB-HH (tahun-bulan-tanggal), misalnya 1999-12-07";
        if (auto const suggestion = day_month_year(trimmed))
            message += "; mungkin maksudnya " + to_iso(*suggestion) + "?";
        else
            message += ".";
        error(path, "date.format", std::move(message));
        return std::nullopt;
    }
    auto const parsed = parse_iso_date(trimmed);
    if (!parsed) {
        // The shape was checked, so the text is ASCII digits and dashes and
        // safe to quote.
        error(path, "date.invalid", std::string(field.label) + " " + std::string(trimmed) + " tidak ada dalam kalender.");
        return std::nullopt;
    }
    if (*parsed > m_context.today) {
        error(path, "date.future",
            std::string(field.label) + " " + format_date_id(*parsed) + " sesudah hari ini (" + format_date_id(m_context.today) + ").");
        return std::nullopt;
    }
    if (*parsed < k_earliest_date) {
        error(path, "date.too_early", std::string(field.label) + " " + format_date_id(*parsed) + " sebelum tahun 1900; periksa tahunnya.");
        return std::nullopt;
    }
    return parsed;
}

// The name as on the KK and the Akta Kelahiran. Permendagri 73/2022 (at most
// 60 letters, at least two words, no digits or punctuation) governs names
// recorded for the first time; names recorded before it stay valid, and
// titles may be printed abbreviated on the KK and KTP-el, so "Drs.", "S.Pd",
// "Ma'ruf" and one-word names are accepted here.
void IntakeChecker::check_name(std::string_view value)
{
    auto name = text(k_name, value, Presence::Required, k_name_max_length);
    if (!name)
        return;
    auto const bad = std::find_if(name->begin(), name->end(), [](char c) {
        return !is_ascii_letter(c) && c != ' ' && c != '.' && c != ',' && c != '\'' && c != '-';
    });
    if (bad != name->end()) {
        error(std::string(k_name.path), "name.characters",
            "Nama hanya boleh berisi huruf latin, spasi, dan tanda . , ' -; ada " + describe_character(*bad) + " pada posisi ke-"
                + std::to_string(character_position(*name, static_cast<std::size_t>(bad - name->begin()))) + ".");
        return;
    }
    if (std::none_of(name->begin(), name->end(), is_ascii_letter)) {
        error(std::string(k_name.path), "name.characters", "Nama harus berisi huruf.");
        return;
    }
    if (name->size() < k_name_min_length) {
        error(std::string(k_name.path), "name.length", "Nama paling sedikit 2 huruf.");
        return;
    }
    m_check.applicant.name = std::move(*name);
}

std::optional<Sex> IntakeChecker::parse_sex_field(std::string_view value)
{
    std::string const key = match_key(value);
    if (key.empty()) {
        error(std::string(k_sex.path), "required", "Jenis kelamin wajib diisi.");
        return std::nullopt;
    }
    if (key == "l" || key == "laki-laki")
        return Sex::LakiLaki;
    if (key == "p" || key == "perempuan")
        return Sex::Perempuan;
    error(std::string(k_sex.path), "sex.unknown", "Jenis kelamin harus L (laki-laki) atau P (perempuan).");
    return std::nullopt;
}

void IntakeChecker::check_village(std::string_view value)
{
    std::string const path(k_village_code.path);
    if (trim(value).empty()) {
        error(path, "required", "Desa/kelurahan wajib diisi.");
        return;
    }
    auto const dotted = normalize_region_code(value);
    if (!dotted || region_level_of_code(*dotted) != RegionLevel::Village) {
        std::string message = "Kode desa/kelurahan harus 10 digit, misalnya 63.05.06.2004 atau 6305062004";
        if (auto const level = dotted ? region_level_of_code(*dotted) : std::nullopt; level.has_value())
            message += "; yang diisi kode " + match_key(region_level_name_id(level.value()));
        error(path, "village.format", message + ".");
        return;
    }

    auto const office_district = normalize_region_code(m_context.district_code);
    Region const* village = nullptr;
    if (m_context.regions) {
        village = m_context.regions->find(*dotted);
        if (!village) {
            error(path, "village.unknown", "Kode desa/kelurahan " + *dotted + " tidak ada dalam data wilayah.");
            return;
        }
    }
    // The parent of a village is the first eight characters of its dotted
    // code, so the kecamatan is checked even without region data.
    std::string const district = dotted->substr(0, 8);
    if (office_district && district != *office_district) {
        std::string message = "Desa/kelurahan " + *dotted;
        if (village)
            message += " (" + village->name + ")";
        message += " termasuk kecamatan " + district;
        if (Region const* other = m_context.regions ? m_context.regions->find(district) : nullptr)
            message += " (" + other->name + ")";
        message += ", bukan wilayah kecamatan kantor ini (" + *office_district;
        if (Region const* own = m_context.regions ? m_context.regions->find(*office_district) : nullptr)
            message += ", " + own->name;
        message += ").";
        error(path, "village.other_district", std::move(message));
        return;
    }
    m_check.applicant.village_code = *dotted;
    if (village)
        m_check.applicant.village_name = village->name;
}

// RT and RW are numbered from 001 and written with three digits on the KK
// and the KTP-el.
std::optional<std::string> IntakeChecker::rt_rw(Field field, std::string_view value)
{
    std::string_view const digits = trim(value);
    if (digits.empty())
        return std::string();
    if (digits.size() > k_rt_rw_max_digits || !std::all_of(digits.begin(), digits.end(), is_ascii_digit)) {
        error(std::string(field.path), "rt_rw.format", std::string(field.label) + " harus berupa angka 1–3 digit, misalnya 001 atau 1.");
        return std::nullopt;
    }
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c == '0'; })) {
        error(std::string(field.path), "rt_rw.zero", std::string(field.label) + " tidak boleh 000; nomor " + std::string(field.label) + " dimulai dari 001.");
        return std::nullopt;
    }
    return std::string(k_rt_rw_max_digits - digits.size(), '0') + std::string(digits);
}

void IntakeChecker::check_phone(std::string_view value)
{
    std::string_view const trimmed = trim(value);
    if (trimmed.empty())
        return;
    std::string digits;
    bool well_formed = true;
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        char const c = trimmed[i];
        if (is_ascii_digit(c))
            digits += c;
        else if (c == '+' && i == 0)
            continue;
        else if (c != ' ' && c != '-')
            well_formed = false;
    }
    bool const international = trimmed.front() == '+';
    bool const prefix_ok = international ? digits.starts_with("62") : (digits.starts_with("0") || digits.starts_with("62"));
    // "+62 0812…": the trunk 0 is dropped after the country code.
    bool const trunk_after_country = digits.starts_with("620");
    if (!well_formed || !prefix_ok || trunk_after_country || digits.size() < k_phone_min_digits || digits.size() > k_phone_max_digits) {
        std::string message = "Nomor telepon harus 9–15 digit angka yang diawali 0 atau +62 (spasi dan tanda - boleh), misalnya 0812-3456-7890";
        if (well_formed && trunk_after_country)
            message += "; sesudah +62 angka 0 tidak ditulis";
        error(std::string(k_phone.path), "phone.format", message + ".");
        return;
    }
    m_check.applicant.phone = std::move(digits);
}

// UU 24/2013 Pasal 63: a citizen must have a KTP-el at 17, or younger when
// married or ever married; the office may record from 16 (SPEC.md). Younger
// and never married is only a warning: the officer decides, and may return
// the file as not yet required to record (belum_wajib_ktp).
void IntakeChecker::check_underage()
{
    Applicant const& applicant = m_check.applicant;
    int const age = age_on(applicant.birth_date, m_context.today);
    if (age >= m_context.min_recording_age || applicant.marital_status != MaritalStatus::BelumKawin)
        return;
    std::string message = "Pemohon berumur " + std::to_string(age) + " tahun dan belum kawin. Wajib KTP-el adalah penduduk berumur "
        + std::to_string(k_legal_recording_age) + " tahun atau yang sudah atau pernah kawin (UU 24/2013 Pasal 63)";
    if (m_context.min_recording_age != k_legal_recording_age)
        message += "; kantor ini merekam mulai umur " + std::to_string(m_context.min_recording_age) + " tahun";
    message += ". Petugas memastikan dengan dokumen pemohon; berkas dapat dikembalikan dengan alasan belum wajib KTP-el.";
    warning(std::string(k_birth_date.path), "applicant.underage", std::move(message));
}

void IntakeChecker::check_documents(DocumentsInput const& documents)
{
    for (auto const& definition : m_context.required_documents) {
        std::string const number_path = document_path(definition.id, "number");
        std::string const date_path = document_path(definition.id, "date");
        std::string const number_label = "Nomor " + definition.label;
        std::string const date_label = "Tanggal " + definition.label;
        bool const dated = definition.id == k_surat_pengantar;

        auto const found = documents.find(definition.id);
        DocumentInput const given = found == documents.end() ? DocumentInput {} : found->second;

        DocumentInput normalized;
        auto number = text({ number_path, number_label }, given.number, Presence::Required, k_document_number_max_length);
        if (number)
            normalized.number = *number;
        auto const issued = date({ date_path, date_label }, given.date, dated ? Presence::Required : Presence::Optional);
        if (issued)
            normalized.date = to_iso(*issued);

        // The Kartu Keluarga brought is the applicant's: its number is the
        // Nomor KK, compared here rather than trusted twice.
        if (number && definition.id == k_kartu_keluarga && !m_check.applicant.kk.empty()) {
            std::string digits = *number;
            std::erase(digits, ' ');
            if (digits == m_check.applicant.kk)
                normalized.number = std::move(digits);
            else
                error(number_path, "document.kk_mismatch",
                    "Nomor " + definition.label + " berbeda dengan Nomor KK pemohon; periksa kembali keduanya.");
        }

        if (issued && dated && m_context.surat_pengantar_valid_days) {
            auto const days_old = to_days(m_context.today) - to_days(*issued);
            if (days_old > *m_context.surat_pengantar_valid_days)
                warning(date_path, "document.expired",
                    definition.label + " bertanggal " + format_date_id(*issued) + ", sudah " + std::to_string(days_old)
                        + " hari; kantor ini menerima surat pengantar paling lama " + std::to_string(*m_context.surat_pengantar_valid_days)
                        + " hari. Petugas dapat meminta surat pengantar yang baru.");
        }

        if (found != documents.end())
            m_check.documents.emplace(definition.id, std::move(normalized));
    }

    std::vector<std::string_view> labels;
    for (auto const& definition : m_context.required_documents)
        labels.push_back(definition.label);
    for (auto const& entry : documents) {
        std::string const& id = entry.first;
        bool const known = std::any_of(m_context.required_documents.begin(), m_context.required_documents.end(),
            [&](DocumentDefinition const& definition) { return definition.id == id; });
        if (!known)
            error(document_path(id), "document.unknown",
                "Dokumen ini tidak termasuk persyaratan layanan; yang diperlukan: " + join_names(labels) + ".");
    }
}

IntakeCheck IntakeChecker::run(ApplicantInput const& input, DocumentsInput const& documents)
{
    Applicant& applicant = m_check.applicant;

    // The birth date and sex are read first because the NIK is compared with
    // them; their own findings are reported in the request's field order.
    IntakeChecker early(m_context);
    auto const birth_date = early.date(k_birth_date, input.birth_date, Presence::Required);
    auto const sex = early.parse_sex_field(input.sex);

    if (trim(input.nik).empty()) {
        error(std::string(k_nik.path), "required", "NIK wajib diisi.");
    } else {
        auto nik = check_nik(input.nik, { .today = m_context.today, .regions = m_context.regions, .declared_birth_date = birth_date, .declared_sex = sex });
        for (auto& issue : nik.errors)
            error(std::string(k_nik.path), issue.code, std::move(issue.message));
        for (auto& issue : nik.warnings)
            warning(std::string(k_nik.path), issue.code, std::move(issue.message));
        if (nik.valid)
            applicant.nik = std::move(nik.nik);
    }

    if (trim(input.kk).empty()) {
        error(std::string(k_kk.path), "required", "Nomor KK wajib diisi.");
    } else {
        auto kk = check_kk(input.kk, { .today = m_context.today, .regions = m_context.regions });
        for (auto& issue : kk.errors)
            error(std::string(k_kk.path), issue.code, std::move(issue.message));
        for (auto& issue : kk.warnings)
            warning(std::string(k_kk.path), issue.code, std::move(issue.message));
        if (kk.valid)
            applicant.kk = std::move(kk.number);
    }

    check_name(input.name);
    if (auto place = text(k_birth_place, input.birth_place, Presence::Required, k_place_max_length))
        applicant.birth_place = std::move(*place);

    m_check.errors.insert(m_check.errors.end(), early.m_check.errors.begin(), early.m_check.errors.end());
    if (birth_date)
        applicant.birth_date = *birth_date;
    if (sex)
        applicant.sex = *sex;

    auto const religion = parse_religion(input.religion);
    if (religion)
        applicant.religion = *religion;
    else if (trim(input.religion).empty())
        error(std::string(k_religion.path), "required", "Agama wajib diisi.");
    else
        error(std::string(k_religion.path), "religion.unknown", "Agama harus salah satu dari: " + join_names(k_religion_names) + ".");

    auto const marital_status = parse_marital_status(input.marital_status);
    if (marital_status)
        applicant.marital_status = *marital_status;
    else if (trim(input.marital_status).empty())
        error(std::string(k_marital_status.path), "required", "Status perkawinan wajib diisi.");
    else
        error(std::string(k_marital_status.path), "marital_status.unknown",
            "Status perkawinan harus salah satu dari: " + join_names(k_marital_status_names) + ".");

    if (auto occupation = text(k_occupation, input.occupation, Presence::Optional, k_occupation_max_length))
        applicant.occupation = std::move(*occupation);
    if (auto address = text(k_address, input.address, Presence::Required, k_address_max_length))
        applicant.address = std::move(*address);
    if (auto rt = rt_rw(k_rt, input.rt))
        applicant.rt = std::move(*rt);
    if (auto rw = rt_rw(k_rw, input.rw))
        applicant.rw = std::move(*rw);
    check_village(input.village_code);
    check_phone(input.phone);

    if (birth_date && marital_status)
        check_underage();

    check_documents(documents);
    return std::move(m_check);
}

IntakeCheck check_intake(ApplicantInput const& input, DocumentsInput const& documents, IntakeContext const& context)
{
    return IntakeChecker(context).run(input, documents);
}

}
