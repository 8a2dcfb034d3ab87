#include "app/letter_sample.hpp"

#include "core/form_check.hpp"
#include "core/form_samples.hpp"
#include "desk/letter_desk.hpp"

namespace sopir::app {

namespace {

    // The name the intake check stores beside a village or region code:
    // "village_code" → "village_name", another FIELD → "FIELD_name".
    std::string display_key(std::string const& field)
    {
        return (field.ends_with("_code") ? field.substr(0, field.size() - 5) : field) + "_name";
    }

    // A group of the sample as the check would store it: the values as
    // given, and each village's or region's name beside its code.
    nlohmann::json checked(InputGroup const& group, nlohmann::json values, Regions const& regions)
    {
        if (!values.is_object())
            return values;
        for (auto const& field : group.fields)
            if ((field.type == InputType::Village || field.type == InputType::Region) && values.contains(field.name)
                && values[field.name].is_string())
                if (Region const* region = regions.find(values[field.name].get<std::string>()))
                    values[display_key(field.name)] = region->name;
        return values;
    }

    std::string district_of(Regions const& regions, std::string const& wanted)
    {
        if (Region const* found = regions.find(wanted); found && found->level == RegionLevel::District)
            return wanted;
        auto const all = regions.all(RegionLevel::District);
        return all.empty() ? std::string() : all.front().code;
    }

}

LetterFacts sample_letter_facts(SopDefinition const& definition, Regions const& regions, std::string const& district_code, Date today)
{
    std::string const district = district_of(regions, district_code);
    nlohmann::json const input = sample_input(definition, &regions, district, today);
    LetterFacts facts;
    // The sample as intake would store it: display names, the names of the
    // regions above a region, values the rules derive (a move's class).
    FormCheck const check = check_form(definition, input, { .today = today, .regions = &regions, .district_code = district, .settings = {} });
    if (check.ok()) {
        facts.values = nlohmann::json(check.values);
        facts.documents = nlohmann::json(check.documents);
    }
    for (auto const& group : definition.form.groups) {
        if (check.ok())
            break;
        if (!input.contains(group.id))
            continue;
        if (group.kind == GroupKind::Rows) {
            nlohmann::json rows = nlohmann::json::array();
            for (auto const& row : input[group.id])
                rows.push_back(checked(group, row, regions));
            facts.values[group.id] = std::move(rows);
        } else {
            facts.values[group.id] = checked(group, input[group.id], regions);
        }
    }
    if (!check.ok() && input.contains("documents") && input["documents"].is_object())
        facts.documents = input["documents"];
    Region const* kecamatan = regions.find(district);
    Region const* regency = kecamatan ? regions.find(kecamatan->parent_code) : nullptr;
    facts.office_name = kecamatan ? kecamatan->name : "Contoh";
    facts.office_regency = regency ? regency->name : "Kabupaten Contoh";
    facts.office_district = facts.office_name;
    facts.registration_number = "0001/REG/" + std::to_string(today.year);
    facts.submitted_date = today;
    for (auto const& step : definition.steps)
        facts.step_dates[step.id] = today;
    facts.whatsapp = "0812-0000-0000";
    return facts;
}

LetterContent sample_letter(SopDefinition const& definition, Regions const& regions, std::string const& district_code, Date today)
{
    LetterFacts const facts = sample_letter_facts(definition, regions, district_code, today);
    LetterOffice office { .regency = facts.office_regency, .name = facts.office_name, .address = "Jalan Contoh No. 1",
        .postal_code = "00000", .place_name = facts.office_name };
    LetterContent content = desk::compose_letter(definition, facts, office, today, PaperSize::A4);
    std::string const& role = definition.letter->signer_role;
    content.signer = { .title = signer_title(SignerStanding::Holder, definition.role_title(role), office.name),
        .name = "NAMA PENANDA TANGAN, S.Sos.", .pangkat_golongan = "Pembina (IV/a)", .nip = "19700101 199001 1 001" };
    content.paraf = "PR";
    content.verification_url = "https://contoh.invalid/verifikasi/KONSEP";
    content.copy = LetterCopy::Draft;
    return content;
}

}
