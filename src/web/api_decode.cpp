#include "web/api_decode.hpp"

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

ApplicantInput read_applicant(Json const& json, std::vector<FieldIssue>& issues)
{
    FieldReader in(json, "applicant.", issues);
    return { .nik = in.text_or("nik"), .kk = in.text_or("kk"), .name = in.text_or("name"),
        .birth_place = in.text_or("birth_place"), .birth_date = in.text_or("birth_date"), .sex = in.text_or("sex"),
        .religion = in.text_or("religion"), .marital_status = in.text_or("marital_status"),
        .occupation = in.text_or("occupation"), .address = in.text_or("address"), .rt = in.text_or("rt"),
        .rw = in.text_or("rw"), .village_code = in.text_or("village_code"), .phone = in.text_or("phone") };
}

// {"surat_pengantar": {"number", "date"}, …}: one object per document id.
DocumentsInput read_documents(Json const& json, std::vector<FieldIssue>& issues)
{
    DocumentsInput out;
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
        out[id] = { .number = in.text_or("number"), .date = in.text_or("date") };
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

void read_action_data(Json const& data, ActionRequest& request, std::vector<FieldIssue>& issues)
{
    for (auto const& [key, value] : data.items()) {
        if (key == "applicant" || key == "documents" || key == "password")
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
    Json const* applicant = top.object("applicant");
    Json const* documents = top.object("documents");
    if (applicant || documents)
        request.corrections = std::pair { applicant ? read_applicant(*applicant, issues) : ApplicantInput {},
            documents ? read_documents(*documents, issues) : DocumentsInput {} };
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

Result<CaseRequest> decode_case_request(std::string_view body)
{
    return decode<CaseRequest>(body, [](FieldReader& in, CaseRequest& request, std::vector<FieldIssue>& issues) {
        request.service = in.text_or("service", request.service);
        if (Json const* applicant = in.object("applicant"))
            request.applicant = read_applicant(*applicant, issues);
        if (Json const* documents = in.object("documents"))
            request.documents = read_documents(*documents, issues);
        request.confirm_duplicate = in.boolean("confirm_duplicate").value_or(false);
    });
}

Result<ActionRequest> decode_action_request(std::string_view body)
{
    return decode<ActionRequest>(body, [](FieldReader& in, ActionRequest& request, std::vector<FieldIssue>& issues) {
        request.action = in.text_or("action");
        request.data.note = in.text_or("note");
        request.data.reasons = in.texts("reasons");
        request.version = in.integer("version");
        if (Json const* data = in.object("data"))
            read_action_data(*data, request, issues);
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

Result<OutageEndRequest> decode_outage_end_request(std::string_view body)
{
    return decode<OutageEndRequest>(body, [](FieldReader& in, OutageEndRequest& request, std::vector<FieldIssue>&) {
        request.ended_at = in.integer("ended_at");
    });
}

}
