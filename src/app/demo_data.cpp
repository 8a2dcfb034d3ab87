#include "app/demo_data.hpp"

#include "core/form_check.hpp"
#include "core/vocabularies.hpp"
#include "core/workflow.hpp"
#include "desk/desk.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <string_view>

namespace sopir::app {

namespace {

constexpr std::int64_t k_day_seconds = 86400;
// Arrivals stop half an hour before closing: a file handed in at 14:59 is
// rare at a kecamatan counter.
constexpr int k_last_arrival_seconds = 14 * 3600 + 30 * 60;

// Banjar and wider Indonesian names, ASCII as SIAK prints them.
constexpr std::array<std::string_view, 40> k_male_names { "Muhammad", "Ahmad", "Rahmat", "Fajar", "Rizky", "Hendra", "Syahrul",
    "Aulia", "Noor", "Akhmad", "Rahmadi", "Riduan", "Saupi", "Hairul", "Zainal", "Arbain", "Basuki", "Dedi", "Eko", "Firman",
    "Gazali", "Hasan", "Ilham", "Jumadi", "Kamal", "Lukman", "Mahyuni", "Nafarin", "Rusdi", "Supian", "Taufik", "Wahyudi",
    "Yusuf", "Zulkifli", "Bayu", "Dimas", "Galih", "Irfan", "Agus", "Budi" };
constexpr std::array<std::string_view, 40> k_female_names { "Siti", "Nur", "Rahmah", "Aisyah", "Fitri", "Dewi", "Rina", "Lina",
    "Nabila", "Salsabila", "Mariana", "Halimah", "Jamilah", "Norhayati", "Rusmini", "Saniah", "Maulida", "Annisa", "Putri",
    "Wulan", "Yuliana", "Zahra", "Khadijah", "Fatimah", "Mahrita", "Noorlatifah", "Raudah", "Hidayah", "Laila", "Mustika",
    "Nadia", "Ratna", "Sri", "Tari", "Utami", "Vina", "Widya", "Yanti", "Ayu", "Indah" };
constexpr std::array<std::string_view, 36> k_family_names { "Hidayat", "Rahman", "Fauzi", "Saputra", "Pratama", "Ramadhan",
    "Rahmawati", "Hasanah", "Noorhasanah", "Syarifuddin", "Abdullah", "Hamdani", "Ansyari", "Mubarak", "Wahyuni", "Kurniawan",
    "Setiawan", "Lestari", "Maulana", "Rasyid", "Firdaus", "Yusran", "Aminah", "Anwar", "Basri", "Effendi", "Gunawan", "Hakim",
    "Iskandar", "Junaidi", "Khairani", "Nurjannah", "Riadi", "Sulaiman", "Utomo", "Zakaria" };
constexpr std::array<std::string_view, 8> k_birth_places { "Tapin", "Rantau", "Margasari", "Banjarmasin", "Kandangan",
    "Barabai", "Martapura", "Candi Laras Utara" };
constexpr std::array<std::string_view, 8> k_streets { "Jalan Gusti Libi", "Jalan Brigjend H. Hasan Basri", "Jalan Desa",
    "Gang Mawar", "Gang Rahmat", "Jalan Sungai Puting", "Jalan Handil", "Jalan Pasar" };
constexpr std::array<std::string_view, 5> k_occupations { "Petani/Pekebun", "Wiraswasta", "Mengurus Rumah Tangga",
    "Karyawan Swasta", "Nelayan/Perikanan" };

// Why files come back at verifikasi, by how often (the SOP's reasons).
struct WeightedReason {
    std::string_view id;
    int weight;
};
constexpr std::array<WeightedReason, 5> k_return_reasons { { { "tanpa_surat_pengantar", 35 }, { "tanpa_kartu_keluarga", 25 },
    { "data_tidak_sesuai", 25 }, { "tanpa_akta_kelahiran", 10 }, { "lainnya", 5 } } };

constexpr std::array<std::string_view, 3> k_network_notes { "Jaringan SIAK terputus sejak pagi.",
    "Koneksi internet kantor mati, menunggu dari provider.", "Server Disdukcapil tidak dapat dihubungi." };
constexpr std::array<std::string_view, 3> k_equipment_notes { "Alat perekam sidik jari tidak terbaca.",
    "Kamera perekaman rusak, menunggu pengganti.", "Komputer perekaman mati, sedang diperbaiki." };
constexpr std::array<std::string_view, 3> k_correction_notes { "Ejaan nama tidak sesuai Kartu Keluarga.",
    "Tanggal lahir pada surat keterangan salah ketik.", "Alamat RT/RW belum diisi." };

std::string two_digits(int value)
{
    char text[8];
    std::snprintf(text, sizeof text, "%02d", value % 100);
    return text;
}

std::string four_digits(int value)
{
    char text[8];
    std::snprintf(text, sizeof text, "%04d", value % 10000);
    return text;
}

std::string district_digits(std::string const& code)
{
    std::string digits;
    for (char c : code)
        if (c != '.')
            digits += c;
    return digits.substr(0, 6);
}

bool is_working_day(Date day)
{
    int const week_day = weekday(day);
    return week_day >= 1 && week_day <= 5;
}

}

bool within_demo_office_hours(Timestamp at, int utc_offset_minutes)
{
    std::int64_t const local = at + utc_offset_minutes * 60;
    std::int64_t const day = local >= 0 ? local / k_day_seconds : (local - k_day_seconds + 1) / k_day_seconds;
    std::int64_t const second = local - day * k_day_seconds;
    return is_working_day(from_days(day)) && second >= k_demo_opening_seconds && second <= k_demo_closing_seconds;
}

struct DemoGenerator::State {
    SopDefinition const& definition;
    DemoOptions options;
    std::mt19937_64 random;
    std::vector<Date> days;
    std::size_t day_index { 0 };
    std::vector<Timestamp> arrivals; // Of the current day, in order.
    std::size_t arrival_index { 0 };
    std::int64_t made { 0 };
    std::int64_t in_progress_from { 0 }; // Cases from this index on are left in progress.
    std::string district;
    std::uint64_t serial { 0 };

    State(SopDefinition const& definition_, DemoOptions options_)
        : definition(definition_)
        , options(std::move(options_))
        , random(options.seed)
    {
        district = district_digits(options.office.code);
        std::int64_t const offset = options.office.utc_offset_minutes * 60;
        Date last = local_date(options.now, options.office.utc_offset_minutes);
        std::int64_t const now_second = (options.now + offset) - to_days(last) * k_day_seconds;
        // Today counts only once the office has been open a while.
        if (!is_working_day(last) || now_second < k_demo_opening_seconds + 3600)
            last = from_days(to_days(last) - 1);
        for (std::int64_t day = to_days(last); static_cast<int>(days.size()) < std::max(options.days, 1); --day)
            if (is_working_day(from_days(day)))
                days.push_back(from_days(day));
        std::reverse(days.begin(), days.end());
        // The newest cases stay where they are: about one in two hundred,
        // but no more than a day brings (a real office does not leave a
        // week of files mid-step), and at least five.
        std::int64_t const per_day = options.cases / static_cast<std::int64_t>(days.size());
        std::int64_t const left = std::min<std::int64_t>(options.cases, std::max<std::int64_t>(5, std::min(options.cases / 200, per_day)));
        in_progress_from = options.cases - left;
    }

    Timestamp local_midnight(Date day) const { return to_days(day) * k_day_seconds - options.office.utc_offset_minutes * 60; }

    std::int64_t uniform(std::int64_t low, std::int64_t high) { return std::uniform_int_distribution<std::int64_t>(low, high)(random); }
    double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(random); }
    bool chance(double p) { return unit() < p; }
    template<typename Array>
    auto pick(Array const& array) { return array[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(array.size()) - 1))]; }

    // Seconds spent on a step whose standard is `minutes`: log-normal with
    // the median at 0.6 of the standard, so that about 15% run over it
    // (P(Z > 1.04) = 0.15 with sigma 0.5).
    std::int64_t duration(int minutes)
    {
        double const sigma = 0.5;
        double const z = std::normal_distribution<double>(0.0, 1.0)(random);
        double const factor = std::min(6.0, std::exp(-1.036 * sigma + sigma * z));
        return std::max<std::int64_t>(20, static_cast<std::int64_t>(minutes * 60 * factor));
    }

    int standard_minutes(std::string_view step) const
    {
        auto const* found = definition.find_step(step);
        return found ? found->standard_minutes : 1;
    }

    // `seconds` of working time after `at`: outside office hours and on
    // weekends the clock stands still.
    Timestamp advance(Timestamp at, std::int64_t seconds) const
    {
        std::int64_t const offset = options.office.utc_offset_minutes * 60;
        for (;;) {
            std::int64_t const local = at + offset;
            std::int64_t const day = local / k_day_seconds;
            std::int64_t const second = local - day * k_day_seconds;
            if (!is_working_day(from_days(day)) || second >= k_demo_closing_seconds) {
                at = (day + 1) * k_day_seconds + k_demo_opening_seconds - offset;
                continue;
            }
            if (second < k_demo_opening_seconds) {
                at += k_demo_opening_seconds - second;
                continue;
            }
            std::int64_t const left_today = k_demo_closing_seconds - second;
            if (seconds <= left_today)
                return at + seconds;
            seconds -= left_today;
            at = (day + 1) * k_day_seconds + k_demo_opening_seconds - offset;
        }
    }

    // A moment on the next working day or the one after, when the applicant
    // comes back with what was missing.
    Timestamp return_visit(Timestamp at)
    {
        Date day = local_date(at, options.office.utc_offset_minutes);
        int const later = chance(0.6) ? 1 : static_cast<int>(uniform(2, 4));
        for (int found = 0; found < later;) {
            day = from_days(to_days(day) + 1);
            if (is_working_day(day))
                ++found;
        }
        return local_midnight(day) + uniform(k_demo_opening_seconds, k_last_arrival_seconds);
    }

    bool next_day()
    {
        if (day_index >= days.size())
            return false;
        Date const day = days[day_index++];
        std::int64_t const remaining_cases = options.cases - made;
        std::int64_t const remaining_days = static_cast<std::int64_t>(days.size() - day_index) + 1;
        std::int64_t count = remaining_cases / remaining_days;
        // Some days are busier than others.
        if (remaining_days > 1)
            count = std::clamp<std::int64_t>(static_cast<std::int64_t>(count * (0.75 + 0.5 * unit())), 0, remaining_cases);
        else
            count = remaining_cases;
        std::int64_t last = k_last_arrival_seconds;
        if (day_index == days.size()) {
            std::int64_t const offset = options.office.utc_offset_minutes * 60;
            std::int64_t const now_second = options.now + offset - to_days(day) * k_day_seconds;
            last = std::clamp<std::int64_t>(now_second - 15 * 60, k_demo_opening_seconds, k_last_arrival_seconds);
        }
        arrivals.clear();
        for (std::int64_t i = 0; i < count; ++i)
            arrivals.push_back(local_midnight(day) + uniform(k_demo_opening_seconds, last));
        std::sort(arrivals.begin(), arrivals.end());
        arrival_index = 0;
        return true;
    }

    store::NewCase applicant(Timestamp arrival)
    {
        Date const today = local_date(arrival, options.office.utc_offset_minutes);
        bool const female = chance(0.5);
        // Most who come to record are just 17; the rest are older residents
        // recording late or again.
        int const age = chance(0.6) ? 17 + static_cast<int>(uniform(0, 1)) : static_cast<int>(uniform(19, 70));
        std::int64_t const youngest = to_days({ today.year - age, today.month, std::min(today.day, 28) });
        Date const birth = from_days(youngest - uniform(1, 360));
        int const nik_day = birth.day + (female ? 40 : 0);
        std::string const nik = district + two_digits(nik_day) + two_digits(birth.month) + two_digits(birth.year % 100)
            + four_digits(static_cast<int>(uniform(1, 2999)));
        Date const kk_issued = from_days(to_days(today) - uniform(30, 15 * 365));
        std::string const kk = district + two_digits(kk_issued.day) + two_digits(kk_issued.month) + two_digits(kk_issued.year % 100)
            + four_digits(static_cast<int>(uniform(1, 2999)));
        Region const& village = options.villages[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(options.villages.size()) - 1))];

        Person person;
        person.nik = nik;
        person.kk = kk;
        person.name = std::string(female ? pick(k_female_names) : pick(k_male_names));
        if (chance(0.75))
            person.name += " " + std::string(pick(k_family_names));
        person.birth_place = std::string(pick(k_birth_places));
        person.birth_date = to_iso(birth);
        person.sex = female ? "P" : "L";
        double const faith = unit();
        person.religion = faith < 0.97 ? "Islam" : faith < 0.985 ? "Kristen" : faith < 0.993 ? "Hindu" : "Katolik";
        person.marital_status = age < 20 ? "Belum Kawin" : chance(0.8) ? "Kawin" : "Belum Kawin";
        person.occupation = age < 20 ? "Pelajar/Mahasiswa" : std::string(pick(k_occupations));
        person.address = std::string(pick(k_streets)) + " No. " + std::to_string(uniform(1, 120));
        person.rt = "0" + two_digits(static_cast<int>(uniform(1, 15)));
        person.rw = "0" + two_digits(static_cast<int>(uniform(1, 5)));
        person.village = village;
        if (chance(0.6))
            person.phone = "08" + std::to_string(uniform(1100000000, 5999999999));
        Date const issued = from_days(to_days(today) - uniform(0, 20));

        // Through the same check as the front desk's intake, so the demo
        // stores what intake stores.
        FormContext const context { .today = today, .regions = nullptr, .district_code = options.office.code,
            .settings = { { "min_recording_age", options.office.min_recording_age } } };
        FormCheck check = check_form(definition, form_input(person, birth, issued), context);
        for (auto const& group : definition.form.groups)
            for (auto const& field : group.fields)
                if (field.type == InputType::Village && check.values[group.id].is_object())
                    check.values[group.id][display_key(field.name)] = village.name;
        desk::StoredForm const stored = desk::stored_form(definition, check);
        return { .office_id = options.office.id, .service_id = definition.id, .applicant_name = stored.applicant_name, .nik = stored.nik,
            .birth_date = stored.birth_date, .village_code = stored.village_code, .applicant_json = stored.applicant_json,
            .documents_json = stored.documents_json, .form_json = stored.form_json };
    }

    // A made-up resident, as text the form takes.
    struct Person {
        std::string nik, kk, name, birth_place, birth_date, sex, religion, marital_status, occupation, address, rt, rw, phone;
        Region village;
    };

    // The value a field of the service's form gets for this resident, by its
    // type and, for free text, by what its name says it is.
    std::string demo_value(InputField const& field, Person const& person)
    {
        auto named = [&](std::string_view part) { return field.name.find(part) != std::string::npos; };
        switch (field.type) {
        case InputType::Nik: return person.nik;
        case InputType::Kk: return person.kk;
        case InputType::Name: return person.name;
        case InputType::Date: return person.birth_date;
        case InputType::Time: return "09:00";
        case InputType::Integer: return std::to_string(field.min.value_or(1));
        case InputType::Phone: return field.required && person.phone.empty() ? "081234567890" : person.phone;
        case InputType::RtRw: return named("rw") ? person.rw : person.rt;
        case InputType::Village: return person.village.code;
        case InputType::Region: {
            std::size_t const lengths[] = { 2, 5, 8, 13 };
            return person.village.code.substr(0, lengths[static_cast<std::size_t>(field.level)]);
        }
        case InputType::Select: {
            if (field.vocabulary == "sex")
                return person.sex;
            if (field.vocabulary == "religions")
                return person.religion;
            if (field.vocabulary == "marital_statuses")
                return person.marital_status;
            if (field.vocabulary == "occupations")
                return person.occupation;
            auto const options = field_options(field);
            return options.empty() ? std::string() : options.front().id;
        }
        case InputType::Textarea: return person.address;
        case InputType::Text:
            if (named("place"))
                return person.birth_place;
            if (named("occupation"))
                return person.occupation;
            return named("address") ? person.address : field.required ? person.address : std::string();
        }
        return {};
    }

    // The request intake would get for the resident: every group (rows
    // groups with their minimum of rows) and every document.
    nlohmann::json form_input(Person const& person, Date birth, Date issued)
    {
        nlohmann::json input = nlohmann::json::object();
        for (auto const& group : definition.form.groups) {
            nlohmann::json object = nlohmann::json::object();
            for (auto const& field : group.fields)
                object[field.name] = demo_value(field, person);
            if (group.kind != GroupKind::Rows) {
                input[group.id] = std::move(object);
                continue;
            }
            input[group.id] = nlohmann::json::array();
            for (int row = 0; row < group.min_rows; ++row)
                input[group.id].push_back(object);
        }
        nlohmann::json documents = nlohmann::json::object();
        for (auto const& document : definition.documents) {
            if (!document.required)
                continue;
            nlohmann::json entry = nlohmann::json::object();
            // A document equal to a field carries that field's value (the
            // Kartu Keluarga's number is the Nomor KK).
            InputField const* equal = definition.form.find_field(document.equals);
            entry["number"] = equal ? demo_value(*equal, person)
                                    : std::to_string(uniform(1, 400)) + "/" + two_digits(birth.day) + two_digits(birth.month) + "/"
                    + std::to_string(issued.year);
            if (document.date)
                entry["date"] = to_iso(issued);
            if (document.valid_until)
                entry["valid_until"] = to_iso(from_days(to_days(issued) + 365));
            documents[document.id] = std::move(entry);
        }
        input["documents"] = std::move(documents);
        return input;
    }

    // One case's history, built action by action through the engine.
    struct Walk {
        State& state;
        store::Store::ImportedCase& out;
        CaseSnapshot snapshot;
        std::size_t max_actions;
        bool stopped { false };

        Status act(std::string const& action, Id actor_id, std::string const& role, ActionData data, Timestamp at)
        {
            if (stopped)
                return Ok {};
            if (at > state.options.now || out.actions.size() >= max_actions) {
                stopped = true;
                return Ok {};
            }
            Actor const actor { .user_id = std::to_string(actor_id), .roles = { role } };
            auto transition = apply_action(state.definition, snapshot, action, actor, data);
            if (!transition.ok())
                return transition.error();
            snapshot.history.push_back({ .action_id = transition->action_id, .from_state = transition->from_state,
                .to_state = transition->to_state, .actor_id = actor.user_id, .at = at });
            snapshot.state = transition->to_state;
            out.actions.push_back({ .action_id = transition->action_id, .from_state = transition->from_state,
                .to_state = transition->to_state, .actor_user_id = actor_id, .at = at, .note = transition->data.note,
                .reasons = transition->data.reasons, .fields = transition->data.fields, .takes_number = transition->takes_number });
            return Ok {};
        }
    };

    Result<store::Store::ImportedCase> make_case(Timestamp arrival)
    {
        auto const& staff = options.staff;
        store::Store::ImportedCase out { .data = applicant(arrival), .created_by = staff.pelayanan, .created_at = arrival };
        std::size_t const max_actions = made >= in_progress_from ? static_cast<std::size_t>(uniform(1, 6)) : std::size_t(-1);
        Walk walk { *this, out, { .state = definition.initial_step, .created_at = arrival }, max_actions };
        Timestamp t = arrival;
        auto step = [&](std::string_view id, double share = 1.0) {
            t = advance(t, std::max<std::int64_t>(20, static_cast<std::int64_t>(duration(standard_minutes(id)) * share)));
            return t;
        };
        std::vector<Status> results;
        auto run = [&](std::string const& action, Id actor, std::string const& role, ActionData data, Timestamp at) {
            results.push_back(walk.act(action, actor, role, std::move(data), at));
        };

        run("ajukan", staff.pelayanan, "petugas_pelayanan", {}, step("pengajuan"));
        // Verifikasi: about 8% of files come back to the applicant.
        if (chance(0.08)) {
            ActionData returned;
            int total = 0;
            for (auto const& reason : k_return_reasons)
                total += reason.weight;
            int roll = static_cast<int>(uniform(1, total));
            for (auto const& reason : k_return_reasons) {
                roll -= reason.weight;
                if (roll <= 0) {
                    returned.reasons.push_back(std::string(reason.id));
                    break;
                }
            }
            if (returned.reasons.front() == "lainnya")
                returned.note = "Surat pengantar sudah lewat masa berlakunya.";
            run("kembalikan", staff.pelayanan, "petugas_pelayanan", returned, step("verifikasi"));
            // Most come back with what was missing; some never do.
            if (!chance(0.85))
                return finish(out, results);
            t = return_visit(t);
            run("ajukan_ulang", staff.pelayanan, "petugas_pelayanan", {}, t);
        }
        ActionData accepted;
        // Every document the service asks for was checked.
        for (auto const& document : definition.documents)
            accepted.fields["kelengkapan"] += (accepted.fields["kelengkapan"].empty() ? "" : ",") + document.id;
        run("terima", staff.pelayanan, "petugas_pelayanan", accepted, step("verifikasi"));
        // Perekaman: about 5% are held by an outage and resumed.
        auto record = [&](double share) {
            ActionData recorded;
            if (chance(0.7))
                recorded.fields["siak_reference"] = "SIAK-" + std::to_string(uniform(100000, 999999));
            run("rekam", staff.operator_ektp, "operator_ektp", recorded, step("perekaman", share));
        };
        if (chance(0.05)) {
            ActionData held;
            bool const network = chance(0.7);
            held.reasons.push_back(network ? "gangguan_jaringan" : "kerusakan_alat");
            held.note = std::string(network ? pick(k_network_notes) : pick(k_equipment_notes));
            run("tunda", staff.operator_ektp, "operator_ektp", held, step("perekaman", 0.3));
            t = advance(t, uniform(20 * 60, 150 * 60));
            run("lanjutkan", staff.operator_ektp, "operator_ektp", {}, t);
            record(0.8);
        } else {
            record(1.0);
        }
        // Pemeriksaan: about 3% go back for a correction.
        if (chance(0.03)) {
            ActionData correction;
            correction.note = std::string(pick(k_correction_notes));
            run("perbaiki", staff.kasi, "kasi_pemerintahan", correction, step("pemeriksaan"));
            record(0.5);
        }
        run("paraf", staff.kasi, "kasi_pemerintahan", {}, step("pemeriksaan"));
        run("tandatangani", staff.camat, "camat", {}, step("penandatanganan"));
        run("arsipkan", staff.arsip, "pengadministrasi", {}, step("pengarsipan"));
        ActionData handed;
        auto const first_name = out.data.applicant_name.substr(0, out.data.applicant_name.find(' '));
        handed.fields["received_by"] = chance(0.9) ? out.data.applicant_name : "Orang tua " + first_name;
        bool const at_desk = chance(0.5);
        run("serahkan", at_desk ? staff.pelayanan : staff.arsip, at_desk ? "petugas_pelayanan" : "pengadministrasi", handed,
            step("penyerahan"));
        return finish(out, results);
    }

    static Result<store::Store::ImportedCase> finish(store::Store::ImportedCase& out, std::vector<Status> const& results)
    {
        for (auto const& result : results)
            if (!result.ok())
                return result.error();
        return std::move(out);
    }
};

DemoGenerator::DemoGenerator(SopDefinition const& definition, DemoOptions options)
    : m_state(std::make_unique<State>(definition, std::move(options)))
{
}

DemoGenerator::~DemoGenerator() = default;

Date DemoGenerator::first_day() const
{
    return m_state->days.front();
}

Date DemoGenerator::last_day() const
{
    return m_state->days.back();
}

Result<std::vector<store::Store::ImportedCase>> DemoGenerator::next_batch()
{
    State& state = *m_state;
    std::vector<store::Store::ImportedCase> batch;
    if (state.options.villages.empty() && state.made < state.options.cases)
        return Error::invalid("villages", "Data wilayah tidak punya desa/kelurahan untuk kecamatan " + state.options.office.code + ".");
    while (static_cast<std::size_t>(batch.size()) < state.options.batch_size && state.made < state.options.cases) {
        if (state.arrival_index >= state.arrivals.size()) {
            if (!state.next_day())
                break;
            continue;
        }
        auto made = state.make_case(state.arrivals[state.arrival_index++]);
        if (!made.ok())
            return made.error();
        batch.push_back(std::move(*made));
        ++state.made;
    }
    return batch;
}

}
