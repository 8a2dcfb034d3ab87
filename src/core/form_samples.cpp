#include "core/form_samples.hpp"

#include "core/form_check.hpp"
#include "core/identity.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace sopir {

namespace {

    using Json = nlohmann::json;

    // Names of people as SIAK would hold them, by sex.
    constexpr std::array<std::string_view, 6> k_male_names { "Ahmad Fauzi", "Muhammad Rizki", "Budi Santoso", "Hendra Saputra", "Yusuf Mahendra",
        "Rahmat Hidayat" };
    constexpr std::array<std::string_view, 6> k_female_names { "Siti Aminah", "Nur Aisyah", "Dewi Lestari", "Rina Marlina", "Fitri Handayani",
        "Sri Wahyuni" };

    struct Person {
        std::string name;
        Sex sex { Sex::LakiLaki };
        Date birth_date;
        std::string nik;
    };

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

    std::string digits_of(std::string_view text)
    {
        std::string digits;
        for (char c : text)
            if (std::isdigit(static_cast<unsigned char>(c)))
                digits += c;
        return digits;
    }

    std::string lower(std::string_view text)
    {
        std::string out(text);
        std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return out;
    }

    bool mentions(std::string_view name, std::initializer_list<std::string_view> words)
    {
        std::string const lowered = lower(name);
        return std::any_of(words.begin(), words.end(), [&](std::string_view word) { return lowered.find(word) != std::string::npos; });
    }

    // What the sample needs to know of the service's rules.
    struct RuleNeeds {
        // "group.field" → the value exactly the first row carries (one_row_with);
        // empty: any value, which the other rows leave empty.
        std::map<std::string, std::string> first_row_only;
        // Date fields a rule wants recent (max_days_ago): "group.field".
        std::set<std::string> recent;
    };

    // A rule's parameter naming a field: "group.field", or "group" and
    // "field" given apart.
    std::optional<std::string> field_param(RuleDefinition const& rule, FormDefinition const& form)
    {
        auto const group = rule.params.find("group");
        auto const field = rule.params.find("field");
        if (group != rule.params.end() && field != rule.params.end() && form.find_field(group->second + "." + field->second))
            return group->second + "." + field->second;
        for (auto const& [name, value] : rule.params)
            if (form.find_field(value))
                return value;
        return std::nullopt;
    }

    RuleNeeds rule_needs(SopDefinition const& definition)
    {
        RuleNeeds needs;
        for (auto const& rule : definition.rules) {
            auto const path = field_param(rule, definition.form);
            if (!path)
                continue;
            if (rule.check == "one_row_with") {
                InputField const* field = definition.form.find_field(*path);
                std::string value;
                for (auto const& [name, param] : rule.params)
                    if (name == "value" || name == "equals")
                        value = param;
                if (value.empty() && field)
                    for (auto const& [name, param] : rule.params)
                        for (auto const& option : field_options(*field))
                            if (option.id == param)
                                value = param;
                // Without a value, any value counts: the other rows leave it empty.
                needs.first_row_only[*path] = value;
            } else if (rule.check == "max_days_ago") {
                needs.recent.insert(*path);
            }
        }
        return needs;
    }

    class SampleMaker {
    public:
        SampleMaker(SopDefinition const& definition, Regions const* regions, std::string const& district_code, Date today)
            : m_definition(definition)
            , m_regions(regions)
            , m_today(today)
            , m_needs(rule_needs(definition))
        {
            m_district = district_code;
            if (m_district.empty() && regions && regions->count(RegionLevel::District) > 0)
                m_district = regions->all(RegionLevel::District).front().code;
            if (m_district.empty())
                m_district = "11.01.01";
            m_region_digits = digits_of(m_district).substr(0, 6);
            Date const issued = from_days(to_days(today) - 400);
            m_kk = m_region_digits + two_digits(issued.day) + two_digits(issued.month) + two_digits(issued.year) + "0001";
        }

        Json make()
        {
            Json sample = Json::object();
            sample["service"] = m_definition.id;
            for (auto const& group : m_definition.form.groups) {
                if (group.kind == GroupKind::Rows) {
                    int rows = std::max(group.min_rows, 2);
                    if (group.max_rows > 0)
                        rows = std::min(rows, group.max_rows);
                    Json list = Json::array();
                    for (int row = 0; row < rows; ++row)
                        list.push_back(group_values(group, row));
                    sample[group.id] = list;
                } else {
                    sample[group.id] = group_values(group, 0);
                }
            }
            sample["documents"] = documents(sample);
            return sample;
        }

    private:
        // The next person of the form: men and women in turn, 30, 33, 36 …
        // years old, or born a few days ago when a rule wants the birth recent.
        Person next_person(bool recent_birth)
        {
            int const index = m_people++;
            Person person;
            person.sex = index % 2 == 0 ? Sex::LakiLaki : Sex::Perempuan;
            auto const& names = person.sex == Sex::LakiLaki ? k_male_names : k_female_names;
            person.name = std::string(names[static_cast<std::size_t>(index / 2) % names.size()]);
            if (recent_birth)
                person.birth_date = from_days(to_days(m_today) - 3);
            else
                person.birth_date = Date { m_today.year - 30 - 3 * index, 5, 15 };
            int const day = person.birth_date.day + (person.sex == Sex::Perempuan ? 40 : 0);
            person.nik = m_region_digits + two_digits(day) + two_digits(person.birth_date.month) + two_digits(person.birth_date.year)
                + four_digits(index + 1);
            return person;
        }

        std::string village() const
        {
            if (m_regions) {
                auto const villages = m_regions->villages_of(m_district);
                if (!villages.empty())
                    return villages.front().code;
            }
            return m_district + ".2001";
        }

        std::string region(RegionLevel level) const
        {
            switch (level) {
            case RegionLevel::Province:
                return m_district.substr(0, 2);
            case RegionLevel::Regency:
                return m_district.substr(0, 5);
            case RegionLevel::District:
                return m_district;
            case RegionLevel::Village:
                return village();
            }
            return m_district;
        }

        static std::string option_for_sex(std::vector<InputOption> const& options, Sex sex)
        {
            std::string const letter(1, sex_letter(sex));
            for (auto const& option : options)
                if (lower(option.id) == lower(letter) || parse_sex(option.id) == sex)
                    return option.id;
            for (auto const& option : options)
                if (lower(option.label).starts_with(sex == Sex::LakiLaki ? "laki" : "perempuan"))
                    return option.id;
            return options.empty() ? letter : options.front().id;
        }

        static std::string text_for(InputField const& field)
        {
            std::string text;
            if (mentions(field.name, { "address", "alamat" }))
                text = "Jl. Lintas Margasari No. 7";
            else if (mentions(field.name, { "place", "tempat" }))
                text = "Margasari";
            else if (mentions(field.name, { "occupation", "pekerjaan", "job" }))
                text = "Petani";
            else if (mentions(field.name, { "purpose", "keperluan", "reason", "alasan" }))
                text = "Untuk keperluan administrasi";
            else
                text = "Contoh " + lower(field.label.empty() ? field.name : field.label);
            if (field.max_length && text.size() > static_cast<std::size_t>(*field.max_length))
                text.resize(static_cast<std::size_t>(std::max(*field.max_length, 1)));
            return text;
        }

        std::string value_of(InputField const& field, Person const& person)
        {
            if (!field.example.empty())
                return field.example;
            switch (field.type) {
            case InputType::Text:
            case InputType::Textarea:
                if (field.name == "sex")
                    return std::string(1, sex_letter(person.sex));
                if (field.name == "name")
                    return person.name;
                return text_for(field);
            case InputType::Name:
                if (field.name == "name" || field.name == "nama")
                    return person.name;
                return next_person(false).name;
            case InputType::Integer: {
                long long value = field.min.value_or(1);
                if (field.max && value > *field.max)
                    value = *field.max;
                return std::to_string(value);
            }
            case InputType::Date:
                if (field.name == "birth_date")
                    return to_iso(person.birth_date);
                return to_iso(from_days(to_days(m_today) - 1));
            case InputType::Time:
                return "09:30";
            case InputType::Select: {
                auto const options = field_options(field);
                if (field.name == "sex")
                    return option_for_sex(options, person.sex);
                return options.empty() ? std::string() : options.front().id;
            }
            case InputType::Nik:
                if (field.name == "nik")
                    return person.nik;
                return next_person(false).nik;
            case InputType::Kk:
                return m_kk;
            case InputType::Phone:
                return "081234567890";
            case InputType::RtRw:
                return "001";
            case InputType::Village:
                return village();
            case InputType::Region:
                return region(field.level);
            }
            return {};
        }

        Json group_values(InputGroup const& group, int row)
        {
            bool recent_birth = false;
            for (auto const& field : group.fields)
                if (field.type == InputType::Date && field.name == "birth_date" && m_needs.recent.contains(group.id + "." + field.name))
                    recent_birth = true;
            Person const person = next_person(recent_birth);
            Json values = Json::object();
            for (auto const& field : group.fields) {
                std::string const path = group.id + "." + field.name;
                std::string value = value_of(field, person);
                if (auto only = m_needs.first_row_only.find(path); only != m_needs.first_row_only.end()) {
                    if (only->second.empty()) {
                        if (row > 0)
                            value.clear();
                    } else if (row == 0) {
                        value = only->second;
                    } else if (value == only->second) {
                        value = "Contoh";
                        for (auto const& option : field_options(field))
                            if (option.id != only->second) {
                                value = option.id;
                                break;
                            }
                    }
                }
                values[field.name] = value;
            }
            return values;
        }

        std::string document_number(DocumentDefinition const& document, std::size_t index) const
        {
            std::string initials;
            bool start = true;
            for (char c : document.id) {
                if (start && std::isalpha(static_cast<unsigned char>(c)))
                    initials += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                start = c == '_' || c == '-';
            }
            return "470/" + std::to_string(index + 1) + "/" + initials + "/" + std::to_string(m_today.year);
        }

        Json documents(Json const& sample) const
        {
            Json documents = Json::object();
            for (std::size_t index = 0; index < m_definition.documents.size(); ++index) {
                auto const& document = m_definition.documents[index];
                if (!document.required)
                    continue;
                Json entry = Json::object();
                if (document.number) {
                    std::string number;
                    if (auto const dot = document.equals.find('.'); dot != std::string::npos)
                        number = sample_value(sample, std::string_view(document.equals).substr(0, dot), std::string_view(document.equals).substr(dot + 1));
                    entry["number"] = number.empty() ? document_number(document, index) : number;
                }
                if (document.date)
                    entry["date"] = to_iso(from_days(to_days(m_today) - 1));
                if (document.valid_until)
                    entry["valid_until"] = to_iso(from_days(to_days(m_today) + 365));
                documents[document.id] = entry;
            }
            return documents;
        }

        SopDefinition const& m_definition;
        Regions const* m_regions;
        Date m_today;
        RuleNeeds m_needs;
        std::string m_district;
        std::string m_region_digits;
        std::string m_kk;
        int m_people { 0 };
    };

}

Json sample_input(SopDefinition const& definition, Regions const* regions, std::string const& district_code, Date today)
{
    return SampleMaker(definition, regions, district_code, today).make();
}

std::string sample_value(Json const& sample, std::string_view group, std::string_view field)
{
    auto const found = sample.find(std::string(group));
    if (found == sample.end())
        return {};
    Json const* values = &*found;
    if (values->is_array()) {
        if (values->empty())
            return {};
        values = &values->front();
    }
    if (!values->is_object())
        return {};
    auto const value = values->find(std::string(field));
    return value != values->end() && value->is_string() ? value->get<std::string>() : std::string();
}

}
