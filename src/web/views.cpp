#include "web/views.hpp"

#include "core/date.hpp"
#include "core/indonesian.hpp"
#include "web/web.hpp"

#include <ctemplate/template_cache.h>

#include <cctype>
#include <stdexcept>

namespace sopir::web {

Views::Views(std::string templates_dir, std::function<std::string()> site)
    : m_cache(std::make_unique<ctemplate::TemplateCache>())
    , m_site(std::move(site))
{
    m_cache->SetTemplateRootDirectory(templates_dir);
}

Views::~Views() = default;

std::string Views::render(std::string const& file, ctemplate::TemplateDictionary const& dictionary) const
{
    std::string output;
    if (!m_cache->ExpandWithData(file, ctemplate::STRIP_WHITESPACE, &dictionary, nullptr, &output))
        throw std::runtime_error("templat " + file + " tidak dapat dipakai");
    return output;
}

Response Views::page(int status, PageFrame const& frame, std::string const& file, ctemplate::TemplateDictionary const& body) const
{
    ctemplate::TemplateDictionary layout("layout");
    layout.SetValue("TITLE", frame.title);
    layout.SetValue("SITE", m_site ? m_site() : std::string("Layanan Kecamatan"));
    if (!frame.user_name.empty()) {
        auto* user = layout.AddSectionDictionary("SIGNED_IN");
        user->SetValue("USER_NAME", frame.user_name);
        user->SetValue("CSRF", frame.csrf_token);
        if (frame.can_submit)
            user->ShowSection("CAN_SUBMIT");
        if (frame.can_report)
            user->ShowSection("CAN_REPORT");
        if (frame.office_staff)
            user->ShowSection("OFFICE_STAFF");
        if (frame.can_sign)
            user->ShowSection("CAN_SIGN");
        if (frame.can_initial)
            user->ShowSection("CAN_INITIAL");
        if (frame.office_staff || frame.supervisor)
            user->ShowSection("READS_BOOKS");
        if (!frame.supervisor)
            user->ShowSection("WORKLIST");
        if (frame.can_administer)
            user->ShowSection("CAN_ADMINISTER");
        else if (frame.can_confirm_resets)
            user->ShowSection("CAN_CONFIRM");
        if (!frame.public_url_notice.empty())
            layout.SetValueAndShowSection("NOTICE", frame.public_url_notice, "PUBLIC_URL_NOTICE");
    } else {
        layout.ShowSection("PUBLIC");
    }
    layout.SetValue("BODY", render(file, body));
    Response response;
    response.status = status;
    response.body = render("layout.tpl", layout);
    return response;
}

Response Views::message(int status, PageFrame const& frame, std::string const& heading, std::string const& text) const
{
    ctemplate::TemplateDictionary body("message");
    body.SetValue("HEADING", heading);
    body.SetValue("TEXT", shown_message(status, text));
    PageFrame titled = frame;
    if (titled.title.empty())
        titled.title = heading;
    return page(status, titled, "message.tpl", body);
}

std::string format_datetime_id(Timestamp at, int utc_offset_minutes)
{
    return format_date_id(local_date(at, utc_offset_minutes)) + " " + local_time_hhmm(at, utc_offset_minutes);
}

std::string format_duration_id(std::int64_t seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 60)
        return "< 1 mnt";
    std::int64_t const minutes = seconds / 60;
    if (minutes < 60)
        return std::to_string(minutes) + " mnt";
    std::int64_t const hours = minutes / 60;
    if (hours < 24)
        return std::to_string(hours) + " jam " + std::to_string(minutes % 60) + " mnt";
    return std::to_string(hours / 24) + " hr " + std::to_string(hours % 24) + " jam";
}

}

namespace sopir::web {

FormField date_field(std::string name, std::string label, std::string const& value, bool required)
{
    return { .name = std::move(name), .label = std::move(label), .values = { shown_day_first(value) }, .required = required, .placeholder = "HH-BB-TTTT" };
}

std::string field_id(std::string const& prefix, std::string const& name)
{
    std::string id = prefix + name;
    for (char& c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            c = '-';
    return id;
}

namespace {

    // What assistive technology reads of a control: required, and when
    // wrong, its message; the hint either way.
    void add_control_states(ctemplate::TemplateDictionary& control, FormField const& field, std::string const& id)
    {
        std::string described_by;
        if (!field.error.empty())
            described_by = id + "-galat";
        if (!field.help.empty())
            described_by += (described_by.empty() ? "" : " ") + id + "-bantuan";
        if (field.required)
            control.ShowSection("REQUIRED_ATTR");
        if (!field.error.empty())
            control.ShowSection("INVALID");
        if (!described_by.empty())
            control.SetValueAndShowSection("DESCRIBED_BY", described_by, "DESCRIBED");
    }

}

void add_form_field(ctemplate::TemplateDictionary& parent, std::string const& include_name, std::string const& id_prefix, FormField const& field)
{
    auto* dictionary = parent.AddIncludeDictionary(include_name);
    dictionary->SetFilename("field.tpl");
    std::string const id = field_id(id_prefix, field.name);
    dictionary->SetValue("CLASS", field.error.empty() ? "isian" : "isian salah");
    dictionary->SetValue("ID", id);
    dictionary->SetValue("NAME", field.name);
    dictionary->SetValue("LABEL", field.label);
    if (field.required)
        dictionary->ShowSection("REQUIRED");
    if (!field.error.empty())
        dictionary->SetValueAndShowSection("MESSAGE", field.error, "ERROR");
    if (!field.help.empty())
        dictionary->SetValueAndShowSection("HELP_TEXT", field.help, "HELP");
    std::string const value = field.values.empty() ? std::string() : field.values.front();
    auto chosen = [&](std::string const& option) {
        for (auto const& each : field.values)
            if (each == option)
                return true;
        return false;
    };
    auto add_states = [&](ctemplate::TemplateDictionary& control) { add_control_states(control, field, id); };
    switch (field.kind) {
    case FieldKind::Input: {
        auto* input = dictionary->AddSectionDictionary("INPUT");
        input->SetValue("TYPE", field.input_type);
        input->SetValue("VALUE", value);
        if (!field.inputmode.empty())
            input->SetValueAndShowSection("MODE", field.inputmode, "INPUTMODE");
        if (!field.placeholder.empty())
            input->SetValueAndShowSection("HINT", field.placeholder, "PLACEHOLDER");
        add_states(*input);
        break;
    }
    case FieldKind::TextArea: {
        // Not SetValueAndShowSection: it hides the section for an empty value.
        auto* area = dictionary->AddSectionDictionary("TEXTAREA");
        area->SetValue("VALUE", value);
        add_states(*area);
        break;
    }
    case FieldKind::Select: {
        auto* select = dictionary->AddSectionDictionary("SELECT");
        add_states(*select);
        for (auto const& option : field.options) {
            auto* each = select->AddSectionDictionary("OPTION");
            each->SetValue("VALUE", option.value);
            each->SetValue("OPTION_LABEL", option.label);
            each->ShowSection(option.value == value ? "ON" : "OFF");
        }
        break;
    }
    case FieldKind::Checks: {
        auto* checks = dictionary->AddSectionDictionary("CHECKS");
        if (field.marker)
            checks->ShowSection("MARKER");
        int index = 0;
        for (auto const& option : field.options) {
            auto* each = checks->AddSectionDictionary("CHOICE");
            each->SetValue("VALUE", option.value);
            each->SetValue("CHOICE_ID", id + "-" + std::to_string(index++));
            each->SetValue("OPTION_LABEL", option.label);
            each->ShowSection(chosen(option.value) ? "ON" : "OFF");
            add_states(*each);
        }
        break;
    }
    }
}

}
