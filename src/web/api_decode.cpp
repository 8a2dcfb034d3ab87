#include "web/api_decode.hpp"

#include <algorithm>
#include <limits>

namespace sopir::web {

namespace {

using Json = FieldReader::Json;

constexpr std::string_view k_type = "json.type";
constexpr std::string_view k_nul = "json.nul";

bool has_nul(std::string_view text)
{
    return text.find('\0') != std::string_view::npos;
}

Error bad_json(std::string message)
{
    return Error::invalid("", std::move(message), std::string(k_bad_json));
}

// One issue as the error itself; several under one message, as intake does.
Error invalid_fields(std::vector<FieldIssue> issues)
{
    Error error = Error::invalid(issues.front().field, issues.front().message, issues.front().code);
    if (issues.size() > 1) {
        error.message = std::to_string(issues.size()) + " isian perlu diperbaiki.";
        error.code = "invalid";
    }
    error.issues = std::move(issues);
    return error;
}

// Reads the body's object with `read`, then gives the request or every
// issue found.
template<typename Request, typename Read>
Result<Request> decode(std::string_view body, Read read)
{
    auto object = read_json_object(body);
    if (!object.ok())
        return object.error();
    std::vector<FieldIssue> issues;
    FieldReader in(*object, "", issues);
    Request request;
    read(in, request, issues);
    if (!issues.empty())
        return invalid_fields(std::move(issues));
    return request;
}

// A group's members as text: the form's fields when the group is known,
// every member otherwise. Absent and null members are left out.
Json read_group(Json const& json, std::string const& prefix, InputGroup const* group, std::vector<FieldIssue>& issues)
{
    FieldReader in(json, prefix, issues);
    Json out = Json::object();
    auto read = [&](std::string const& key) {
        if (auto text = in.text(key))
            out[key] = std::move(*text);
    };
    if (group) {
        for (auto const& field : group->fields)
            read(field.name);
    } else {
        for (auto const& [key, value] : json.items())
            if (!has_nul(key))
                read(key);
    }
    return out;
}

// A rows group: an array of row objects ("members.0.nik").
Json read_rows(Json const& json, std::string const& id, InputGroup const* group, std::vector<FieldIssue>& issues)
{
    Json out = Json::array();
    std::size_t index = 0;
    for (auto const& row : json) {
        std::string const field = id + "." + std::to_string(index++);
        if (row.is_null()) {
            out.push_back(Json::object());
            continue;
        }
        if (!row.is_object()) {
            issues.push_back({ field, std::string(k_type), field + " harus berupa objek." });
            continue;
        }
        out.push_back(read_group(row, field + ".", group, issues));
    }
    return out;
}

// {"surat_pengantar": {"number", "date"}, …}: one object per document id.
Json read_documents(Json const& json, std::vector<FieldIssue>& issues)
{
    Json out = Json::object();
    for (auto const& [id, document] : json.items()) {
        if (has_nul(id)) {
            issues.push_back({ "documents", std::string(k_nul), "Nama dokumen tidak boleh memuat karakter NUL." });
            continue;
        }
        std::string const field = "documents." + id;
        if (document.is_null())
            continue;
        if (!document.is_object()) {
            issues.push_back({ field, std::string(k_type), field + " harus berupa objek {\"number\", \"date\"}." });
            continue;
        }
        FieldReader in(document, field + ".", issues);
        Json entry = Json::object();
        for (char const* part : { "number", "date", "valid_until" })
            if (auto text = in.text(part))
                entry[part] = std::move(*text);
        out[id] = std::move(entry);
    }
    return out;
}

// The form's members of `object`: each group `groups` names (rows groups
// as arrays) and the documents. Nothing when none is given.
std::optional<Json> read_form(FieldReader& in, Json const& object, std::vector<InputGroup const*> const& groups, std::vector<FieldIssue>& issues)
{
    std::optional<Json> form;
    auto set = [&](std::string const& key, Json value) {
        if (!form)
            form = Json::object();
        (*form)[key] = std::move(value);
    };
    for (InputGroup const* group : groups) {
        auto found = object.find(group->id);
        if (found == object.end() || found->is_null())
            continue;
        if (group->kind == GroupKind::Rows) {
            if (found->is_array())
                set(group->id, read_rows(*found, group->id, group, issues));
            else
                in.refuse(in.field(group->id), std::string(k_type), in.field(group->id) + " harus berupa daftar.");
        } else if (Json const* members = in.object(group->id)) {
            set(group->id, read_group(*members, group->id + ".", group, issues));
        }
    }
    if (Json const* documents = in.object("documents"))
        set("documents", read_documents(*documents, issues));
    return form;
}

// Every group of every service, once by id, with the fields every service's
// group of that id has: what may correct a case of any. Services share
// group ids with other fields (the applicant of E-KTP has a religion, the
// applicant of a legalisation none); the case's own service checks them.
std::vector<InputGroup> all_groups(std::vector<SopDefinition> const& catalog)
{
    std::vector<InputGroup> out;
    for (auto const& definition : catalog)
        for (auto const& group : definition.form.groups) {
            auto same = std::find_if(out.begin(), out.end(), [&](InputGroup const& each) { return each.id == group.id; });
            if (same == out.end()) {
                out.push_back(group);
                continue;
            }
            for (auto const& field : group.fields)
                if (std::none_of(same->fields.begin(), same->fields.end(), [&](InputField const& each) { return each.name == field.name; }))
                    same->fields.push_back(field);
        }
    return out;
}

// An action's data member other than applicant, documents and password, as
// the text the engine checks against the step's field type: a string as
// it is, a number as written, true/false, a checklist's ids joined by ",".
std::optional<std::string> data_value(std::string const& field, Json const& value, std::vector<FieldIssue>& issues)
{
    auto refuse = [&](std::string_view code, std::string message) {
        issues.push_back({ field, std::string(code), std::move(message) });
        return std::nullopt;
    };
    if (value.is_null())
        return std::nullopt;
    if (value.is_string()) {
        auto const& text = value.get_ref<std::string const&>();
        if (has_nul(text))
            return refuse(k_nul, field + " tidak boleh memuat karakter NUL.");
        return text;
    }
    if (value.is_number() || value.is_boolean())
        return value.dump();
    if (value.is_array()) {
        std::string joined;
        for (auto const& item : value) {
            if (!item.is_string())
                return refuse(k_type, field + " harus berupa daftar teks.");
            auto const& text = item.get_ref<std::string const&>();
            if (has_nul(text))
                return refuse(k_nul, field + " tidak boleh memuat karakter NUL.");
            joined += (joined.empty() ? "" : ",") + text;
        }
        return joined;
    }
    return refuse(k_type, field + " harus berupa teks, bilangan, true/false, atau daftar teks.");
}

void read_action_data(Json const& data, ActionRequest& request, std::vector<InputGroup const*> const& groups, std::vector<FieldIssue>& issues)
{
    for (auto const& [key, value] : data.items()) {
        std::string const& name = key; // A structured binding cannot be captured before C++20's clang 16.
        bool const form_member
            = name == "documents" || std::any_of(groups.begin(), groups.end(), [&](InputGroup const* group) { return group->id == name; });
        if (form_member || key == "password")
            continue;
        if (has_nul(key)) {
            issues.push_back({ "data", std::string(k_nul), "Nama isian dalam data tidak boleh memuat karakter NUL." });
            continue;
        }
        if (auto text = data_value("data." + key, value, issues))
            request.data.fields[key] = std::move(*text);
    }
    FieldReader in(data, "data.", issues);
    request.password = in.text_or("password");
    // Corrections (ajukan_ulang) name their fields as intake does,
    // "applicant.nik", as the engine's answers about them do.
    FieldReader top(data, "", issues);
    if (auto form = read_form(top, data, groups, issues))
        request.corrections = nlohmann::json(*form);
}

}

Json const* FieldReader::member(std::string_view key) const
{
    auto found = m_object.find(key);
    if (found == m_object.end() || found->is_null())
        return nullptr;
    return &*found;
}

std::optional<std::string> FieldReader::text(std::string_view key)
{
    Json const* value = member(key);
    if (!value)
        return std::nullopt;
    if (!value->is_string()) {
        refuse(field(key), std::string(k_type), field(key) + " harus berupa teks.");
        return std::nullopt;
    }
    auto const& text = value->get_ref<std::string const&>();
    if (has_nul(text)) {
        refuse(field(key), std::string(k_nul), field(key) + " tidak boleh memuat karakter NUL.");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key)
{
    Json const* value = member(key);
    if (!value)
        return std::nullopt;
    bool const fits = !value->is_number_unsigned() || value->get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<std::int64_t>::max());
    if (value->is_number_integer() && fits)
        return value->get<std::int64_t>();
    refuse(field(key), std::string(k_type), field(key) + " harus berupa bilangan bulat.");
    return std::nullopt;
}

std::optional<bool> FieldReader::boolean(std::string_view key)
{
    Json const* value = member(key);
    if (!value)
        return std::nullopt;
    if (value->is_boolean())
        return value->get<bool>();
    refuse(field(key), std::string(k_type), field(key) + " harus berupa true atau false.");
    return std::nullopt;
}

std::vector<std::string> FieldReader::texts(std::string_view key)
{
    std::vector<std::string> out;
    Json const* value = member(key);
    if (!value)
        return out;
    if (!value->is_array()) {
        refuse(field(key), std::string(k_type), field(key) + " harus berupa daftar teks.");
        return out;
    }
    for (auto const& item : *value) {
        if (!item.is_string()) {
            refuse(field(key), std::string(k_type), field(key) + " harus berupa daftar teks.");
            return {};
        }
        auto const& text = item.get_ref<std::string const&>();
        if (has_nul(text)) {
            refuse(field(key), std::string(k_nul), field(key) + " tidak boleh memuat karakter NUL.");
            return {};
        }
        out.push_back(text);
    }
    return out;
}

Json const* FieldReader::object(std::string_view key)
{
    Json const* value = member(key);
    if (!value)
        return nullptr;
    if (value->is_object())
        return value;
    refuse(field(key), std::string(k_type), field(key) + " harus berupa objek.");
    return nullptr;
}

Result<Json> read_json_object(std::string_view body)
{
    auto parsed = parse_json<Json>(body.empty() ? std::string_view("{}") : body);
    if (!parsed.ok()) {
        if (parsed.error().code == "json.too_deep")
            return bad_json("Badan permintaan bersarang terlalu dalam (paling banyak " + std::to_string(k_json_max_depth) + " tingkat).");
        return bad_json("Badan permintaan bukan JSON yang sah.");
    }
    if (!parsed->is_object())
        return bad_json("Badan permintaan harus berupa objek JSON.");
    return parsed;
}

Result<SessionRequest> decode_session_request(std::string_view body)
{
    return decode<SessionRequest>(body, [](FieldReader& in, SessionRequest& request, std::vector<FieldIssue>&) {
        request.username = in.text_or("username");
        request.password = in.text_or("password");
    });
}

Result<PasswordRequest> decode_password_request(std::string_view body)
{
    return decode<PasswordRequest>(body, [](FieldReader& in, PasswordRequest& request, std::vector<FieldIssue>&) {
        request.current = in.text_or("current");
        request.new_password = in.text_or("new");
    });
}

std::string CaseRequest::text_at(std::string_view path) const
{
    nlohmann::json const* at = &form;
    std::size_t start = 0;
    while (at && start <= path.size()) {
        auto const dot = path.find('.', start);
        std::string const key(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (at->is_object()) {
            auto found = at->find(key);
            at = found == at->end() ? nullptr : &*found;
        } else if (at->is_array() && !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })
            && key.size() < 6 && std::stoul(key) < at->size()) {
            at = &(*at)[std::stoul(key)];
        } else {
            at = nullptr;
        }
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return at && at->is_string() ? at->get<std::string>() : std::string();
}

Result<CaseRequest> decode_case_request(std::string_view body, std::vector<SopDefinition> const& catalog)
{
    return decode<CaseRequest>(body, [&](FieldReader& in, CaseRequest& request, std::vector<FieldIssue>& issues) {
        request.service = in.text_or("service");
        // A server that runs one service needs no name for it: clients
        // written before there were several keep working. With several,
        // the name is required (the desk refuses an unknown one).
        if (request.service.empty() && catalog.size() == 1)
            request.service = catalog.front().id;
        auto const* definition = [&]() -> SopDefinition const* {
            for (auto const& each : catalog)
                if (each.id == request.service)
                    return &each;
            return nullptr;
        }();
        std::vector<InputGroup const*> groups;
        if (definition)
            for (auto const& group : definition->form.groups)
                groups.push_back(&group);
        Json const& object = *in.source();
        request.form = nlohmann::json(read_form(in, object, groups, issues).value_or(Json::object()));
        request.confirm_duplicate = in.boolean("confirm_duplicate").value_or(false);
    });
}

Result<ActionRequest> decode_action_request(std::string_view body, std::vector<SopDefinition> const& catalog)
{
    auto const merged = all_groups(catalog);
    std::vector<InputGroup const*> groups;
    for (auto const& group : merged)
        groups.push_back(&group);
    return decode<ActionRequest>(body, [&](FieldReader& in, ActionRequest& request, std::vector<FieldIssue>& issues) {
        request.action = in.text_or("action");
        request.data.note = in.text_or("note");
        request.data.reasons = in.texts("reasons");
        request.version = in.integer("version");
        if (Json const* data = in.object("data"))
            read_action_data(*data, request, groups, issues);
    });
}

Result<OutageRequest> decode_outage_request(std::string_view body)
{
    return decode<OutageRequest>(body, [](FieldReader& in, OutageRequest& request, std::vector<FieldIssue>&) {
        request.kind = in.text_or("kind");
        request.note = in.text_or("note");
        request.started_at = in.integer("started_at");
    });
}

Result<BatchRequest> decode_batch_request(std::string_view body)
{
    return decode<BatchRequest>(body, [](FieldReader& in, BatchRequest& request, std::vector<FieldIssue>&) {
        request.password = in.text_or("password");
        Json const* cases = in.source()->contains("cases") ? &(*in.source())["cases"] : nullptr;
        if (!cases || cases->is_null())
            return;
        bool const integers = cases->is_array() && std::all_of(cases->begin(), cases->end(), [](Json const& item) {
            return item.is_number_integer() && (!item.is_number_unsigned() || item.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<std::int64_t>::max()));
        });
        if (!integers) {
            in.refuse("cases", std::string(k_type), "cases harus berupa daftar nomor permohonan (bilangan bulat).");
            return;
        }
        for (auto const& item : *cases)
            request.cases.push_back(item.get<std::int64_t>());
    });
}

Result<OutageEndRequest> decode_outage_end_request(std::string_view body)
{
    return decode<OutageEndRequest>(body, [](FieldReader& in, OutageEndRequest& request, std::vector<FieldIssue>&) {
        request.ended_at = in.integer("ended_at");
        request.resume = in.boolean("resume").value_or(false);
    });
}

Result<OutageHoldRequest> decode_outage_hold_request(std::string_view body)
{
    return decode<OutageHoldRequest>(body, [](FieldReader& in, OutageHoldRequest& request, std::vector<FieldIssue>& issues) {
        request.service = in.text_or("service");
        request.step = in.text_or("step");
        if (request.service.empty())
            issues.push_back({ "service", "required", "Sebutkan layanannya (service)." });
        if (request.step.empty())
            issues.push_back({ "step", "required", "Sebutkan tahapnya (step)." });
    });
}

}
