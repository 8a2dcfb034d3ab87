#include "core/service_description.hpp"

#include "core/form_check.hpp"
#include "core/form_samples.hpp"

namespace sopir {

namespace {

    using Json = nlohmann::ordered_json;

    // Region codes as the check accepts them: dotted or bare digits.
    std::string region_pattern(RegionLevel level)
    {
        switch (level) {
        case RegionLevel::Province:
            return "^[0-9]{2}$";
        case RegionLevel::Regency:
            return "^[0-9]{2}\\.?[0-9]{2}$";
        case RegionLevel::District:
            return "^[0-9]{2}\\.?[0-9]{2}\\.?[0-9]{2}$";
        case RegionLevel::Village:
            return "^[0-9]{2}\\.?[0-9]{2}\\.?[0-9]{2}\\.?[0-9]{4}$";
        }
        return "^[0-9.]+$";
    }

    // The field's own constraints, by its type.
    void add_type(Json& schema, InputField const& field, Regions const* regions, std::string const& district_code)
    {
        schema["type"] = "string";
        switch (field.type) {
        case InputType::Text:
        case InputType::Textarea:
        case InputType::Name:
            if (field.max_length)
                schema["maxLength"] = *field.max_length;
            break;
        case InputType::Integer:
            // Sent as text like every field; `minimum` and `maximum` apply
            // to numbers only, so the bounds are annotations of our own.
            schema["pattern"] = "^-?[0-9]+$";
            if (field.min)
                schema["x-sopir-minimum"] = *field.min;
            if (field.max)
                schema["x-sopir-maximum"] = *field.max;
            break;
        case InputType::Date:
            schema["format"] = "date";
            schema["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
            break;
        case InputType::Time:
            schema["format"] = "time";
            schema["pattern"] = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
            break;
        case InputType::Select: {
            Json options = Json::array();
            for (auto const& option : field_options(field))
                options.push_back({ { "const", option.id }, { "title", option.label } });
            schema["oneOf"] = options;
            break;
        }
        case InputType::Nik:
        case InputType::Kk:
            schema["format"] = to_string(field.type);
            schema["pattern"] = "^[0-9]{16}$";
            break;
        case InputType::Phone:
            schema["format"] = "phone";
            schema["pattern"] = "^\\+?(0|62)[0-9 -]{7,20}$";
            break;
        case InputType::RtRw:
            schema["pattern"] = "^[0-9]{1,3}$";
            break;
        case InputType::Village: {
            schema["format"] = "village";
            schema["pattern"] = region_pattern(RegionLevel::Village);
            // The office's own villages, when the office is known.
            if (regions && !district_code.empty()) {
                Json villages = Json::array();
                for (auto const& village : regions->villages_of(district_code))
                    villages.push_back({ { "const", village.code }, { "title", village.name } });
                if (!villages.empty())
                    schema["oneOf"] = villages;
            }
            break;
        }
        case InputType::Region:
            schema["format"] = "region";
            schema["x-sopir-level"] = to_string(field.level);
            schema["pattern"] = region_pattern(field.level);
            break;
        }
        if (field.required && schema["type"] == "string" && !schema.contains("oneOf"))
            schema["minLength"] = 1;
    }

    Json field_schema(InputField const& field, std::string const& example, Regions const* regions, std::string const& district_code)
    {
        Json schema { { "title", field.label } };
        if (!field.help.empty())
            schema["description"] = field.help;
        schema["x-sopir-input"] = to_string(field.type);
        add_type(schema, field, regions, district_code);
        schema["examples"] = Json::array({ example });
        return schema;
    }

    Json group_object(InputGroup const& group, nlohmann::json const& sample, Regions const* regions, std::string const& district_code)
    {
        Json properties = Json::object();
        Json required = Json::array();
        for (auto const& field : group.fields) {
            properties[field.name] = field_schema(field, sample_value(sample, group.id, field.name), regions, district_code);
            if (field.required)
                required.push_back(field.name);
        }
        return { { "type", "object" }, { "properties", properties }, { "required", required }, { "additionalProperties", false } };
    }

    bool has_required_field(InputGroup const& group)
    {
        for (auto const& field : group.fields)
            if (field.required)
                return true;
        return false;
    }

    Json date_schema(std::string const& title)
    {
        return { { "title", title }, { "type", "string" }, { "format", "date" }, { "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" } };
    }

    Json documents_schema(SopDefinition const& definition, nlohmann::json const& sample)
    {
        Json properties = Json::object();
        Json required = Json::array();
        Json alternatives = Json::array();
        for (auto const& document : definition.documents) {
            Json parts = Json::object();
            Json needed = Json::array();
            if (document.number) {
                Json number { { "title", "Nomor" }, { "type", "string" }, { "minLength", 1 } };
                if (auto const* field = definition.form.find_field(document.equals))
                    number["description"] = "Sama dengan " + field->label + ".";
                parts["number"] = number;
                needed.push_back("number");
            }
            if (document.date) {
                parts["date"] = date_schema("Tanggal");
                needed.push_back("date");
            }
            if (document.valid_until)
                parts["valid_until"] = date_schema("Berlaku sampai");
            Json schema { { "title", document.label }, { "type", "object" }, { "properties", parts }, { "required", needed },
                { "additionalProperties", false } };
            if (auto const example = sample.find("documents"); example != sample.end() && example->contains(document.id))
                schema["examples"] = Json::array({ Json((*example)[document.id]) });
            properties[document.id] = schema;
            if (!document.required)
                continue;
            if (document.alternatives.empty()) {
                required.push_back(document.id);
                continue;
            }
            // One of the document and its alternatives is enough.
            Json any = Json::array();
            auto one_of = [&](std::string const& id) {
                Json given = Json::object();
                given["required"] = Json::array({ id });
                any.push_back(given);
            };
            one_of(document.id);
            for (auto const& alternative : document.alternatives)
                one_of(alternative);
            alternatives.push_back({ { "anyOf", any } });
        }
        Json schema { { "title", "Dokumen persyaratan" }, { "type", "object" }, { "properties", properties }, { "required", required },
            { "additionalProperties", false } };
        if (!alternatives.empty())
            schema["allOf"] = alternatives;
        return schema;
    }

    Json action_json(SopDefinition const& definition, ActionDefinition const& action, std::vector<std::string> const& offered_roles)
    {
        Json reasons = Json::array();
        for (auto const& reason : action.reasons)
            reasons.push_back({ { "id", reason.id }, { "label", reason.label }, { "note_required", reason.note_required } });
        Json fields = Json::array();
        for (auto const& field : action.fields) {
            Json options = Json::array();
            for (auto const& option : field.options)
                options.push_back({ { "id", option.id }, { "label", option.label } });
            fields.push_back({ { "name", field.name }, { "label", field.label }, { "help", field.help }, { "type", to_string(field.type) },
                { "required", field.required }, { "all_required", field.all_required }, { "options", options } });
        }
        auto const target_kind = definition.state_kind(action.target);
        Json letter;
        if (action.letter == LetterStage::Sign)
            letter = "sign";
        else if (action.letter == LetterStage::Seal)
            letter = "seal";
        return { { "id", action.id }, { "label", action.label }, { "target", action.target },
            { "target_kind", target_kind ? Json(to_string(*target_kind)) : Json() },
            { "roles", action.roles.empty() ? offered_roles : action.roles }, { "note_required", action.note_required },
            { "reasons_required", action.reasons_required }, { "reasons", reasons }, { "fields", fields },
            { "takes_number", action.takes_number ? Json(*action.takes_number) : Json() }, { "letter", letter },
            // The signer's password unlocks their signing key: sent as
            // data.password with the action.
            { "password_required", action.letter == LetterStage::Sign } };
    }

    Json actions_json(SopDefinition const& definition, std::vector<ActionDefinition> const& actions, std::vector<std::string> const& roles)
    {
        Json list = Json::array();
        for (auto const& action : actions)
            list.push_back(action_json(definition, action, roles));
        return list;
    }

}

nlohmann::ordered_json intake_schema(SopDefinition const& definition, nlohmann::json const& sample, Regions const* regions, std::string const& district_code)
{
    Json properties { { "service", { { "title", "Layanan" }, { "const", definition.id } } } };
    Json required = Json::array({ "service" });
    for (auto const& group : definition.form.groups) {
        Json object = group_object(group, sample, regions, district_code);
        if (group.kind == GroupKind::Rows) {
            Json rows { { "title", group.label }, { "type", "array" }, { "items", object }, { "minItems", group.min_rows } };
            if (group.max_rows > 0)
                rows["maxItems"] = group.max_rows;
            if (auto const example = sample.find(group.id); example != sample.end())
                rows["examples"] = Json::array({ Json(*example) });
            properties[group.id] = rows;
            if (group.min_rows > 0)
                required.push_back(group.id);
        } else {
            Json titled { { "title", group.label } };
            titled.update(object);
            properties[group.id] = titled;
            if (has_required_field(group))
                required.push_back(group.id);
        }
    }
    properties["documents"] = documents_schema(definition, sample);
    for (auto const& document : definition.documents)
        if (document.required) {
            required.push_back("documents");
            break;
        }
    properties["confirm_duplicate"] = { { "title", "Tetap ajukan walau NIK ini masih punya permohonan terbuka" }, { "type", "boolean" } };
    return { { "$schema", k_json_schema_2020_12 }, { "title", "Permohonan " + definition.title }, { "type", "object" },
        { "properties", properties }, { "required", required }, { "additionalProperties", false },
        { "examples", Json::array({ Json(sample) }) } };
}

nlohmann::ordered_json workflow_description(SopDefinition const& definition)
{
    Json steps = Json::array();
    for (auto const& step : definition.steps)
        steps.push_back({ { "id", step.id }, { "title", step.title }, { "kind", "step" }, { "role", step.roles.empty() ? "" : step.roles.front() },
            { "roles", step.roles }, { "standard_minutes", step.standard_minutes }, { "documents", step.documents },
            { "actions", actions_json(definition, step.actions, step.roles) } });
    Json states = Json::array();
    for (auto const& state : definition.states)
        states.push_back({ { "id", state.id }, { "label", state.label }, { "kind", to_string(state.kind) }, { "roles", state.roles },
            { "actions", actions_json(definition, state.actions, state.roles) } });
    return { { "steps", steps }, { "states", states } };
}

nlohmann::ordered_json describe_service(SopDefinition const& definition, Regions const* regions, std::string const& district_code, Date today)
{
    Json documents = Json::array();
    for (auto const& document : definition.documents)
        documents.push_back({ { "id", document.id }, { "label", document.label }, { "number", document.number }, { "date", document.date },
            { "valid_until", document.valid_until }, { "equals", document.equals }, { "alternatives", document.alternatives },
            { "required", document.required } });
    Json roles = Json::array();
    for (auto const& role : definition.roles)
        roles.push_back({ { "id", role.id }, { "title", role.title }, { "applicant", role.applicant } });
    Json registers = Json::array();
    for (auto const& book : definition.registers)
        registers.push_back({ { "id", book.id }, { "label", book.label },
            { "kind", book.kind == RegisterKind::Letter ? "letter" : "registration" } });
    nlohmann::json const sample = sample_input(definition, regions, district_code, today);
    Json workflow = workflow_description(definition);
    // What the service issues, so that a client knows which printout to ask
    // for: the letter (letter.pdf) or a mark on each copy (marks.pdf).
    Json letter;
    if (definition.letter)
        letter = { { "id", definition.letter->id }, { "output", definition.letter->output == LetterOutput::Marks ? "marks" : "letter" } };
    return { { "id", definition.id }, { "title", definition.title }, { "standard_minutes", total_standard_minutes(definition) },
        { "initial_step", definition.initial_step }, { "documents", documents }, { "roles", roles }, { "registers", registers },
        { "standard", { { "cost", definition.standard.cost }, { "product", definition.standard.product }, { "complaints", definition.standard.complaints } } },
        { "intake_schema", intake_schema(definition, sample, regions, district_code) },
        { "steps", workflow["steps"] }, { "states", workflow["states"] }, { "letter", letter } };
}

}
