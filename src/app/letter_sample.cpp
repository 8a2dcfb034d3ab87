#include "app/letter_sample.hpp"

#include "desk/letter_desk.hpp"

namespace sopir::app {

namespace {

    // A value for a field that has no `example`: of the field's type, made
    // up, plausible on a letter.
    std::string made_up(InputField const& field, Date today)
    {
        switch (field.type) {
        case InputType::Text: return "Contoh " + field.label;
        case InputType::Textarea: return "Jalan Contoh No. 1";
        case InputType::Name: return "NAMA CONTOH";
        case InputType::Integer: return std::to_string(field.min.value_or(1));
        case InputType::Date: return to_iso(from_days(to_days(today) - 20 * 365));
        case InputType::Time: return "09:00";
        case InputType::Select: return field.options.empty() ? "Contoh" : field.options.front().id;
        case InputType::Nik: return "6305061203090001";
        case InputType::Kk: return "6305060101090001";
        case InputType::Phone: return "081250001234";
        case InputType::RtRw: return "001";
        case InputType::Village: return "63.05.06.2001";
        case InputType::Region: return "63.05.06";
        }
        return "Contoh";
    }

    nlohmann::json sample_group(InputGroup const& group, Date today)
    {
        nlohmann::json values = nlohmann::json::object();
        for (auto const& field : group.fields) {
            values[field.name] = field.example.empty() ? made_up(field, today) : field.example;
            // The name the check stores beside a village or region.
            if (field.type == InputType::Village || field.type == InputType::Region) {
                std::string const base = field.name.ends_with("_code") ? field.name.substr(0, field.name.size() - 5) : field.name;
                values[base + "_name"] = "Desa Contoh";
            }
        }
        return values;
    }

}

LetterFacts sample_letter_facts(SopDefinition const& definition, Date today)
{
    LetterFacts facts;
    for (auto const& group : definition.form.groups) {
        if (group.kind == GroupKind::Rows) {
            nlohmann::json rows = nlohmann::json::array();
            for (int i = 0; i < std::max(group.min_rows, 2); ++i)
                rows.push_back(sample_group(group, today));
            facts.values[group.id] = std::move(rows);
        } else {
            facts.values[group.id] = sample_group(group, today);
        }
    }
    for (auto const& document : definition.documents)
        facts.documents[document.id] = { { "number", "001/" + std::to_string(today.year) }, { "date", to_iso(today) },
            { "valid_until", to_iso(from_days(to_days(today) + 365)) } };
    facts.office_name = "Contoh";
    facts.office_regency = "Kabupaten Contoh";
    facts.office_district = "Contoh";
    facts.registration_number = "REG/0001/" + std::to_string(today.year);
    facts.submitted_date = today;
    for (auto const& step : definition.steps)
        facts.step_dates[step.id] = today;
    facts.whatsapp = "0812-0000-0000";
    return facts;
}

LetterContent sample_letter(SopDefinition const& definition, Date today)
{
    LetterOffice office { .regency = "Kabupaten Contoh", .name = "Contoh", .address = "Jalan Contoh No. 1", .postal_code = "00000",
        .place_name = "Contoh" };
    LetterContent content = desk::compose_letter(definition, sample_letter_facts(definition, today), office, today, PaperSize::A4);
    std::string const& role = definition.letter->signer_role;
    content.signer = { .title = signer_title(SignerStanding::Holder, definition.role_title(role), office.name),
        .name = "NAMA PENANDA TANGAN, S.Sos.", .pangkat_golongan = "Pembina (IV/a)", .nip = "19700101 199001 1 001" };
    content.paraf = "PR";
    content.verification_url = "https://contoh.invalid/verifikasi/KONSEP";
    content.copy = LetterCopy::Draft;
    return content;
}

}
