#include "app/demo_data.hpp"

#include "core/form_check.hpp"
#include "core/vocabularies.hpp"
#include "core/workflow.hpp"
#include "desk/desk.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>
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

// Notes staff write: why a file came back for another reason than those
// listed, why work was held (by whether the reason names the network), what
// a correction is for.
constexpr std::array<std::string_view, 3> k_other_return_notes { "Surat pengantar sudah lewat masa berlakunya.",
    "Fotokopi dokumen tidak terbaca.", "Tanda tangan Kepala Desa belum ada." };
constexpr std::array<std::string_view, 3> k_network_notes { "Jaringan SIAK terputus sejak pagi.",
    "Koneksi internet kantor mati, menunggu dari provider.", "Server Disdukcapil tidak dapat dihubungi." };
constexpr std::array<std::string_view, 3> k_equipment_notes { "Alat tidak berfungsi, menunggu pengganti.",
    "Komputer pelayanan mati, sedang diperbaiki.", "Listrik kantor padam." };
constexpr std::array<std::string_view, 3> k_correction_notes { "Ejaan nama tidak sesuai Kartu Keluarga.",
    "Tanggal lahir pada surat keterangan salah ketik.", "Alamat RT/RW belum diisi." };

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

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
    std::vector<SopDefinition> const& catalog;
    DemoOptions options;
    std::discrete_distribution<std::size_t> service_mix;
    std::mt19937_64 random;
    std::vector<Date> days;
    std::size_t day_index { 0 };
    std::vector<Timestamp> arrivals; // Of the current day, in order.
    std::size_t arrival_index { 0 };
    std::int64_t made { 0 };
    std::int64_t in_progress_from { 0 }; // Cases from this index on are left in progress.
    std::string district;
    std::uint64_t serial { 0 };

    State(std::vector<SopDefinition> const& catalog_, DemoOptions options_)
        : catalog(catalog_)
        , options(std::move(options_))
        , random(options.seed)
    {
        std::vector<double> weights;
        for (auto const& definition : catalog)
            weights.push_back(definition.monthly_cases);
        service_mix = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
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

    // A made-up resident, as text the form takes.
    struct Person {
        std::string nik, kk, name, birth_place, birth_date, sex, religion, marital_status, occupation, address, rt, rw, phone;
        Region village;
    };

    // A resident of `age` on `today`; of the same family (KK, address) as
    // `family` when given.
    Person make_person(Date today, int age, Person const* family)
    {
        bool const female = chance(0.5);
        std::int64_t const youngest = to_days({ today.year - age, today.month, std::min(today.day, 28) });
        Date const birth = from_days(youngest - uniform(1, 360));
        Person person;
        person.nik = district + two_digits(birth.day + (female ? 40 : 0)) + two_digits(birth.month) + two_digits(birth.year % 100)
            + four_digits(static_cast<int>(uniform(1, 2999)));
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
        if (family) {
            person.kk = family->kk;
            person.address = family->address;
            person.rt = family->rt;
            person.rw = family->rw;
            person.village = family->village;
            return person;
        }
        Date const kk_issued = from_days(to_days(today) - uniform(30, 15 * 365));
        person.kk = district + two_digits(kk_issued.day) + two_digits(kk_issued.month) + two_digits(kk_issued.year % 100)
            + four_digits(static_cast<int>(uniform(1, 2999)));
        person.address = std::string(pick(k_streets)) + " No. " + std::to_string(uniform(1, 120));
        person.rt = "0" + two_digits(static_cast<int>(uniform(1, 15)));
        person.rw = "0" + two_digits(static_cast<int>(uniform(1, 5)));
        person.village = any_village();
        if (chance(0.6))
            person.phone = "08" + std::to_string(uniform(1100000000, 5999999999));
        return person;
    }

    Region const& any_village()
    {
        return options.villages[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(options.villages.size()) - 1))];
    }

    // Where the service has a minimum age, most applicants come as soon as
    // they reach it (recording at 17); the rest are residents of 19 (or the
    // minimum) to 70.
    int applicant_age(SopDefinition const& definition)
    {
        int minimum = 0;
        for (auto const& rule : definition.rules)
            if (auto const years = rule.params.find("years"); rule.check == "min_age" && years != rule.params.end())
                minimum = std::max(minimum, std::stoi(years->second));
        if (minimum > 0 && chance(0.6))
            return minimum + static_cast<int>(uniform(0, 1));
        return static_cast<int>(uniform(std::max(19, minimum), 70));
    }

    Result<store::NewCase> applicant(SopDefinition const& definition, Timestamp arrival)
    {
        Date const today = local_date(arrival, options.office.utc_offset_minutes);
        Person const person = make_person(today, applicant_age(definition), nullptr);
        Date const issued = from_days(to_days(today) - uniform(0, 20));

        // Through the same check as the front desk's intake, so the demo
        // stores what intake stores; a form it refuses is a generator bug.
        FormContext const context { .today = today, .regions = options.regions, .district_code = options.office.code,
            .settings = { { "min_recording_age", options.office.min_recording_age } } };
        FormCheck check = check_form(definition, form_input(definition, person, today, issued), context);
        if (!check.ok())
            return Error::internal("Demo: formulir contoh layanan " + definition.id + " ditolak di " + check.errors.front().field + ": "
                + check.errors.front().message);
        if (!options.regions)
            for (auto const& group : definition.form.groups)
                for (auto const& field : group.fields)
                    if (field.type == InputType::Village && check.values[group.id].is_object())
                        check.values[group.id][display_key(field.name)] = person.village.name;
        desk::StoredForm const stored = desk::stored_form(definition, check);
        return store::NewCase { .office_id = options.office.id, .service_id = definition.id, .applicant_name = stored.applicant_name, .nik = stored.nik,
            .birth_date = stored.birth_date, .village_code = stored.village_code, .applicant_json = stored.applicant_json,
            .documents_json = stored.documents_json, .form_json = stored.form_json };
    }

    // A region at `level` for a field the rules say is where someone goes
    // (derive_move_class's `to`): half the time another village of the
    // kecamatan, else anywhere in Indonesia when the region data is there.
    std::string elsewhere(RegionLevel level, Person const& person)
    {
        std::size_t const length = dotted_code_length(level);
        if (options.regions && chance(0.5)) {
            auto const all = options.regions->all(level);
            for (int attempt = 0; attempt < 8 && !all.empty(); ++attempt) {
                auto const& region = all[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(all.size()) - 1))];
                if (region.code != person.village.code.substr(0, length))
                    return region.code;
            }
        }
        for (auto const& village : options.villages)
            if (village.code != person.village.code && village.code.size() >= length && chance(0.5))
                return village.code.substr(0, length);
        auto const& other = options.villages.front().code == person.village.code ? options.villages.back() : options.villages.front();
        return other.code.substr(0, length);
    }

    bool is_destination(SopDefinition const& definition, std::string const& path) const
    {
        return std::any_of(definition.rules.begin(), definition.rules.end(), [&](RuleDefinition const& rule) {
            auto const to = rule.params.find("to");
            return rule.check == "derive_move_class" && to != rule.params.end() && to->second == path;
        });
    }

    // The value a field of the service's form gets for this resident, by its
    // type and, for free text, by what its name says it is.
    std::string demo_value(InputField const& field, Person const& person, Date today)
    {
        auto named = [&](std::string_view part) { return field.name.find(part) != std::string::npos; };
        switch (field.type) {
        case InputType::Nik: return person.nik;
        case InputType::Kk: return person.kk;
        case InputType::Name: return person.name;
        case InputType::Date: return named("birth") ? person.birth_date : to_iso(from_days(to_days(today) - uniform(1, 30)));
        case InputType::Time: return "09:00";
        case InputType::Integer: return std::to_string(field.min.value_or(1));
        case InputType::Phone: return field.required && person.phone.empty() ? "081234567890" : person.phone;
        case InputType::RtRw: return named("rw") ? person.rw : person.rt;
        case InputType::Village: return person.village.code;
        case InputType::Region: return person.village.code.substr(0, dotted_code_length(field.level));
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
            if (named("nomor") || named("number"))
                return std::to_string(uniform(1, 400)) + "/" + std::to_string(uniform(10, 99)) + "/" + std::to_string(today.year);
            if (named("place"))
                return person.birth_place;
            if (named("occupation"))
                return person.occupation;
            return named("address") ? person.address : field.required ? person.address : std::string();
        }
        return {};
    }

    nlohmann::json group_input(SopDefinition const& definition, InputGroup const& group, Person const& person, Date today)
    {
        nlohmann::json object = nlohmann::json::object();
        for (auto const& field : group.fields)
            object[field.name] = field.type == InputType::Region && is_destination(definition, group.id + "." + field.name)
                ? elsewhere(field.level, person)
                : demo_value(field, person, today);
        return object;
    }

    // A rows group's rows: relatives of the applicant, as many as the
    // minimum (at least one, at most three more when allowed); where a rule
    // wants exactly one row with a value (one Kepala Keluarga) the first row
    // has it and no other.
    nlohmann::json rows_input(SopDefinition const& definition, InputGroup const& group, Person const& person, Date today)
    {
        int const most = group.max_rows > 0 ? group.max_rows : group.min_rows + 3;
        int const count = std::max(group.min_rows, static_cast<int>(std::min<std::int64_t>(most, uniform(1, 3))));
        nlohmann::json rows = nlohmann::json::array();
        for (int row = 0; row < count; ++row) {
            Person const relative = row == 0 ? person : make_person(today, static_cast<int>(uniform(1, 60)), &person);
            rows.push_back(group_input(definition, group, relative, today));
        }
        for (auto const& rule : definition.rules) {
            auto param = [&](char const* name) { return rule.params.contains(name) ? rule.params.at(name) : std::string(); };
            InputField const* field = definition.form.find_field(group.id + "." + param("field"));
            if (rule.check != "one_row_with" || param("group") != group.id || !field)
                continue;
            std::string const wanted = param("value");
            auto const options = field_options(*field);
            auto other = std::find_if(options.begin(), options.end(), [&](InputOption const& option) { return option.id != wanted; });
            for (std::size_t row = 0; row < rows.size(); ++row)
                if (row == 0)
                    rows[row][field->name] = wanted;
                else if (rows[row][field->name] == wanted && other != options.end())
                    rows[row][field->name] = other->id;
        }
        return rows;
    }

    // The request intake would get for the resident: the subject and other
    // groups of fields are the applicant, other persons (a parent, a
    // witness) relatives; rows as rows_input; every document.
    nlohmann::json form_input(SopDefinition const& definition, Person const& person, Date today, Date issued)
    {
        nlohmann::json input = nlohmann::json::object();
        for (auto const& group : definition.form.groups) {
            if (group.kind == GroupKind::Rows) {
                input[group.id] = rows_input(definition, group, person, today);
            } else if (group.kind == GroupKind::Person && !group.subject) {
                Person const relative = make_person(today, static_cast<int>(uniform(20, 70)), &person);
                input[group.id] = group_input(definition, group, relative, today);
            } else {
                input[group.id] = group_input(definition, group, person, today);
            }
        }
        nlohmann::json documents = nlohmann::json::object();
        for (auto const& document : definition.documents) {
            if (!document.required)
                continue;
            nlohmann::json entry = nlohmann::json::object();
            // A document equal to a field carries that field's value (the
            // Kartu Keluarga's number is the Nomor KK).
            std::string equal;
            if (auto const dot = document.equals.find('.'); dot != std::string::npos) {
                auto const group = input.find(document.equals.substr(0, dot));
                auto const key = document.equals.substr(dot + 1);
                if (group != input.end() && group->is_object() && group->contains(key) && (*group)[key].is_string())
                    equal = (*group)[key].get<std::string>();
            }
            entry["number"] = !equal.empty() ? equal
                                             : std::to_string(uniform(1, 400)) + "/" + two_digits(issued.day) + two_digits(issued.month) + "/"
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

    // Where a case is: a step (with its place in the SOP's order) or one of
    // the special states, with what may be done there and by whom.
    struct Place {
        StateKind kind { StateKind::End };
        int step_index { -1 };
        std::vector<ActionDefinition> const* actions { nullptr };
        std::vector<std::string> const* roles { nullptr };
        int minutes { 1 };
    };

    static Place place_of(SopDefinition const& definition, std::string const& id)
    {
        for (std::size_t i = 0; i < definition.steps.size(); ++i) {
            auto const& step = definition.steps[i];
            if (step.id == id)
                return { StateKind::Step, static_cast<int>(i), &step.actions, &step.roles, std::max(step.standard_minutes, 1) };
        }
        if (auto const* state = definition.find_state(id))
            return { state->kind, -1, &state->actions, &state->roles, 1 };
        return {};
    }

    // What an action does to the case, as the demo chooses among them: the
    // way forward (a later step, an end, a wait on another agency, back
    // from a special state), back to the applicant, on hold, back to an
    // earlier step, or withdrawn.
    enum class Move { Forward, Return, Hold, Back, Cancel };

    static Move move_of(SopDefinition const& definition, Place const& here, ActionDefinition const& action)
    {
        Place const there = place_of(definition, action.target);
        if (there.kind == StateKind::Returned)
            return Move::Return;
        if (there.kind == StateKind::Held)
            return Move::Hold;
        if (there.kind == StateKind::Cancelled)
            return Move::Cancel;
        if (here.kind == StateKind::Step && there.kind == StateKind::Step && there.step_index <= here.step_index)
            return Move::Back;
        return Move::Forward;
    }

    static ActionDefinition const* first_move(SopDefinition const& definition, Place const& here, Move wanted)
    {
        for (auto const& action : *here.actions)
            if (move_of(definition, here, action) == wanted)
                return &action;
        return nullptr;
    }

    // A staff account that may do the action: of one of its roles (or the
    // place's) that is not the applicant's own.
    Result<std::pair<std::string, Id>> actor_for(SopDefinition const& definition, ActionDefinition const& action, Place const& here)
    {
        auto const& roles = action.roles.empty() ? *here.roles : action.roles;
        std::vector<std::pair<std::string, Id>> candidates;
        for (auto const& role : roles) {
            RoleDefinition const* found = definition.find_role(role);
            auto account = options.staff.find(role);
            if (found && !found->applicant && account != options.staff.end())
                candidates.push_back(*account);
        }
        if (candidates.empty())
            return Error::invalid("staff", "Tidak ada akun demo untuk aksi " + action.id + " layanan " + definition.id + ".");
        return candidates[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(candidates.size()) - 1))];
    }

    // The value staff give an action's field: every box ticked, the first
    // option, today; a name field the applicant's name (or a parent's); any
    // other text a reference in another system, named by the field's first
    // word ("siak_reference" → "SIAK-482913").
    std::string field_value(FieldDefinition const& field, std::string const& applicant_name, Timestamp at)
    {
        switch (field.type) {
        case FieldType::Checklist: {
            std::string ticked;
            for (auto const& option : field.options)
                ticked += (ticked.empty() ? "" : ",") + option.id;
            return ticked;
        }
        case FieldType::Enum: return field.options.empty() ? std::string() : field.options.front().id;
        case FieldType::Bool: return "true";
        case FieldType::Number: return "1";
        case FieldType::Date: return to_iso(local_date(at, options.office.utc_offset_minutes));
        case FieldType::LongText: return "Sudah diperiksa dan sesuai.";
        case FieldType::Text: break;
        }
        if (lower(field.label).find("nama") != std::string::npos)
            return chance(0.9) ? applicant_name : "Orang tua " + applicant_name.substr(0, applicant_name.find(' '));
        std::string prefix = field.name.substr(0, field.name.find('_'));
        std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return prefix + "-" + std::to_string(uniform(100000, 999999));
    }

    // One of the reasons, the first listed the most often (weights n, n-1, … 1).
    ReasonDefinition const& pick_reason(std::vector<ReasonDefinition> const& reasons)
    {
        std::int64_t const n = static_cast<std::int64_t>(reasons.size());
        std::int64_t roll = uniform(1, n * (n + 1) / 2);
        for (std::int64_t i = 0; i < n; ++i) {
            roll -= n - i;
            if (roll <= 0)
                return reasons[static_cast<std::size_t>(i)];
        }
        return reasons.back();
    }

    ActionData action_data(ActionDefinition const& action, Move move, std::string const& applicant_name, Timestamp at)
    {
        ActionData data;
        // Optional fields are filled most of the time.
        for (auto const& field : action.fields)
            if (field.required || field.all_required || chance(0.7))
                data.fields[field.name] = field_value(field, applicant_name, at);
        if (!action.reasons.empty() && (action.reasons_required || move == Move::Return || move == Move::Hold)) {
            ReasonDefinition const& reason = pick_reason(action.reasons);
            data.reasons.push_back(reason.id);
            if (move == Move::Hold)
                data.note = std::string(lower(reason.label).find("jaringan") != std::string::npos ? pick(k_network_notes) : pick(k_equipment_notes));
            else if (reason.note_required)
                data.note = std::string(pick(k_other_return_notes));
        }
        if (data.note.empty() && (move == Move::Back || action.note_required))
            data.note = std::string(pick(k_correction_notes));
        return data;
    }

    // One case's history, built action by action through the engine.
    struct Walk {
        State& state;
        SopDefinition const& definition;
        store::Store::ImportedCase& out;
        CaseSnapshot snapshot;
        std::size_t max_actions;
        Timestamp t { out.created_at };
        bool stopped { false };

        Status act(ActionDefinition const& action, Place const& here, Move move)
        {
            if (t > state.options.now || out.actions.size() >= max_actions) {
                stopped = true;
                return Ok {};
            }
            auto staff = state.actor_for(definition, action, here);
            if (!staff.ok())
                return staff.error();
            Actor const actor { .user_id = std::to_string(staff->second), .roles = { staff->first } };
            auto transition = apply_action(definition, snapshot, action.id, actor, state.action_data(action, move, out.data.applicant_name, t));
            if (!transition.ok())
                return transition.error();
            snapshot.history.push_back({ .action_id = transition->action_id, .from_state = transition->from_state,
                .to_state = transition->to_state, .actor_id = actor.user_id, .at = t });
            snapshot.state = transition->to_state;
            out.actions.push_back({ .action_id = transition->action_id, .from_state = transition->from_state,
                .to_state = transition->to_state, .actor_user_id = staff->second, .at = t, .note = transition->data.note,
                .reasons = transition->data.reasons, .fields = transition->data.fields, .takes_number = transition->takes_number });
            return Ok {};
        }

        // Working time on the step, a `share` of a usual spell.
        void work(Place const& here, double share)
        {
            t = state.advance(t, std::max<std::int64_t>(20, static_cast<std::int64_t>(state.duration(here.minutes) * share)));
        }

        // Once per case each: sent back to the applicant (8%, most come back),
        // held by an outage (5%), back to an earlier step (3%); else forward.
        // Steps done again after a correction take half the time, a step
        // resumed after a hold most of it.
        Status run()
        {
            bool returned = false, held = false, corrected = false, resumed = false;
            std::set<std::string> done;
            for (int guard = 0; guard < 200 && !stopped; ++guard) {
                Place const here = place_of(definition, snapshot.state);
                if (is_closed(here.kind) || !here.actions)
                    return Ok {};
                if (here.kind != StateKind::Step) {
                    // Back from the applicant, the outage or the other agency.
                    if (here.kind == StateKind::External)
                        t = state.return_visit(t);
                    ActionDefinition const* onward = first_move(definition, here, Move::Forward);
                    if (!onward)
                        return Error::invalid("sops", "Demo: tidak ada jalan keluar dari " + snapshot.state + " (" + definition.id + ").");
                    resumed = here.kind == StateKind::Held;
                    if (auto acted = act(*onward, here, Move::Forward); !acted.ok())
                        return acted;
                    continue;
                }
                double const share = done.contains(snapshot.state) ? 0.5 : resumed ? 0.8 : 1.0;
                resumed = false;
                if (auto const* back = first_move(definition, here, Move::Return); back && !returned && state.chance(0.08)) {
                    returned = true;
                    work(here, share);
                    if (auto acted = act(*back, here, Move::Return); !acted.ok())
                        return acted;
                    if (!state.chance(0.85))
                        return Ok {};
                    t = state.return_visit(t);
                    continue;
                }
                if (auto const* hold = first_move(definition, here, Move::Hold); hold && !held && state.chance(0.05)) {
                    held = true;
                    work(here, 0.3);
                    if (auto acted = act(*hold, here, Move::Hold); !acted.ok())
                        return acted;
                    t = state.advance(t, state.uniform(20 * 60, 150 * 60));
                    continue;
                }
                if (auto const* back = first_move(definition, here, Move::Back); back && !corrected && state.chance(0.03)) {
                    corrected = true;
                    work(here, share);
                    if (auto acted = act(*back, here, Move::Back); !acted.ok())
                        return acted;
                    continue;
                }
                ActionDefinition const* forward = first_move(definition, here, Move::Forward);
                if (!forward)
                    return Error::invalid("sops", "Demo: tidak ada jalan maju dari langkah " + snapshot.state + " (" + definition.id + ").");
                work(here, share);
                done.insert(snapshot.state);
                if (auto acted = act(*forward, here, Move::Forward); !acted.ok())
                    return acted;
            }
            return Ok {};
        }
    };

    Result<store::Store::ImportedCase> make_case(Timestamp arrival)
    {
        SopDefinition const& definition = catalog[service_mix(random)];
        Place const first = place_of(definition, definition.initial_step);
        ActionDefinition const* opening = first.actions ? first_move(definition, first, Move::Forward) : nullptr;
        if (!opening)
            return Error::invalid("sops", "Demo: tidak ada jalan maju dari langkah " + definition.initial_step + " (" + definition.id + ").");
        auto creator = actor_for(definition, *opening, first);
        if (!creator.ok())
            return creator.error();
        auto data = applicant(definition, arrival);
        if (!data.ok())
            return data.error();
        store::Store::ImportedCase out { .data = std::move(*data), .created_by = creator->second, .created_at = arrival };
        std::size_t const max_actions = made >= in_progress_from ? static_cast<std::size_t>(uniform(1, 6)) : std::size_t(-1);
        Walk walk { *this, definition, out, { .state = definition.initial_step, .created_at = arrival }, max_actions };
        if (auto walked = walk.run(); !walked.ok())
            return walked.error();
        return out;
    }
};

DemoGenerator::DemoGenerator(std::vector<SopDefinition> const& catalog, DemoOptions options)
    : m_state(std::make_unique<State>(catalog, std::move(options)))
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
    if (state.catalog.empty() && state.made < state.options.cases)
        return Error::invalid("sops", "Direktori SOP tidak berisi layanan.");
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
